/**
 * Every protocol the lab can run, by the name scenarios use. The simulator is generic; this
 * is the one place that knows the concrete protocols.
 */
import type { ProtocolName, Scenario } from '../scenario';
import type { ProtocolEntry } from '../simulator';
import { Simulator } from '../simulator';
import type { SimOptions } from '../simulator';
import { echoProtocol } from './echo/echo';
import { raftEntry } from './raft/raft';

// Entries differ in their state and message types; the simulator only needs them to agree
// with themselves, so the registry stores them type-erased.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous protocol table
type AnyEntry = ProtocolEntry<any, any, any, any>;

export const PROTOCOL_ENTRIES: Record<ProtocolName, AnyEntry> = {
  echo: { protocol: echoProtocol, checkers: [], config: () => echoProtocol.defaultConfig() },
  raft: raftEntry,
};

export function createSimulator(scenario: Scenario, options: SimOptions = {}): Simulator {
  return new Simulator(scenario, PROTOCOL_ENTRIES[scenario.protocol], options);
}
