/**
 * Every protocol the lab can run, by the name scenarios use. The simulator, the worker and
 * the CLI are generic; this is the one place in the engine that knows the concrete protocols.
 */
import type { AnyProtocolModule } from '../protocol';
import { echoModule } from './echo/echo';
import { multiPaxosModule } from './paxos/multi/multiPaxos';
import { paxosModule } from './paxos/single/paxos';
import { dynamoModule } from './dynamo/dynamo';
import { loadBalancerModule } from './loadbalancer/loadbalancer';
import { raftModule } from './raft/raft';

export const PROTOCOLS = {
  raft: raftModule,
  paxos: paxosModule,
  'multi-paxos': multiPaxosModule,
  dynamo: dynamoModule,
  loadbalancer: loadBalancerModule,
  echo: echoModule,
} satisfies Record<string, AnyProtocolModule>;

export type ProtocolName = keyof typeof PROTOCOLS;

export const PROTOCOL_NAMES = Object.keys(PROTOCOLS) as ProtocolName[];

/** The protocol the lab opens with. */
export const DEFAULT_PROTOCOL: ProtocolName = 'raft';

export function protocolModule(name: ProtocolName): AnyProtocolModule {
  return PROTOCOLS[name];
}

export function isProtocolName(name: string): name is ProtocolName {
  return Object.hasOwn(PROTOCOLS, name);
}
