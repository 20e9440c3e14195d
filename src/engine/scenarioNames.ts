/** The names a scenario gives things: servers S1…Sn, workload clients c1…cN, sections. */
import { protocolModule } from './protocols/registry';
import type { ProtocolName } from './protocols/registry';

export function nodeIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `S${i + 1}`);
}

/** The workload's clients, c1…cN. */
export function clientIdsOf(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `c${i + 1}`);
}

/**
 * The key of a protocol's scenario section: its name, or the section it shares with another
 * protocol (Multi-Paxos reads `paxos`).
 */
export function sectionName(protocol: ProtocolName): string {
  return protocolModule(protocol).section ?? protocol;
}
