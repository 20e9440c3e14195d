/**
 * Every protocol's view module, by the name scenarios use (RunInfo.protocol). This is the
 * one place in the UI that knows the concrete protocols.
 */
import { BARE_VIEW } from './bare';
import { dynamoView } from './dynamo';
import { echoView } from './echo';
import { loadBalancerView } from './loadbalancer';
import { multiPaxosView, paxosView } from './paxos';
import { raftView } from './raft';
import type { AnyViewModule } from './types';

const VIEW_MODULES: Readonly<Record<string, AnyViewModule>> = {
  echo: echoView,
  raft: raftView,
  paxos: paxosView,
  'multi-paxos': multiPaxosView,
  dynamo: dynamoView,
  loadbalancer: loadBalancerView,
};

/** The view module of a protocol; one the lab does not know is drawn with the neutral palette. */
export function viewModule(protocol: string | undefined): AnyViewModule {
  return protocol !== undefined && Object.hasOwn(VIEW_MODULES, protocol)
    ? VIEW_MODULES[protocol]!
    : BARE_VIEW;
}
