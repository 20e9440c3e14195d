/**
 * What an exploration covers (issue 13): a protocol, a cluster size, the protocol's mutants
 * switched off, and the mix of faults its random schedules draw from.
 */
import { PROTOCOL_NAMES, protocolModule } from '../protocols/registry';
import type { ProtocolName } from '../protocols/registry';

/**
 * Node faults and link faults are scheduled actions; `loss`, `duplicate` and `reorder` are
 * network settings drawn per schedule (reordering: a wide latency range, so that messages
 * overtake each other). `timeout` fires a node's protocol timer early (a forced election).
 */
export const FAULT_KINDS = [
  'crash',
  'restart',
  'partition',
  'cut',
  'pause',
  'timeout',
  'loss',
  'duplicate',
  'reorder',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** The protocols the explorer can drive: those that say how (ProtocolModule.explore). */
export const EXPLORABLE: readonly ProtocolName[] = PROTOCOL_NAMES.filter(
  (name) => protocolModule(name).explore !== undefined,
);

export type ExplorableProtocol = ProtocolName;

export interface ExploreOptions {
  protocol: ExplorableProtocol;
  nodes: number;
  mutations: string[];
  faults: FaultKind[];
}
