/**
 * The scenario the lab opens with: a five-server cluster of the default protocol with a
 * gentle workload, every protocol setting at its default.
 */
import { DEFAULT_PROTOCOL, protocolModule } from '../engine/protocols/registry';
import type { ProtocolName } from '../engine/protocols/registry';

export function defaultScenarioJson(
  nodes = 5,
  seed = 1,
  protocol: ProtocolName = DEFAULT_PROTOCOL,
): Record<string, unknown> {
  const m = protocolModule(protocol);
  const title = m.title;
  // A protocol without clients (single-decree Paxos decides one value) gets no workload words.
  const load = m.routing === 'none' ? '' : ' with a light client workload';
  return {
    name: `${title} playground`,
    description: `A ${title} cluster${load}. Break it and watch it recover.`,
    protocol,
    nodes,
    seed,
    duration: 3_600_000,
    network: { latency: { min: 10, max: 15 } },
    workload: { clients: 2, rate: 2, keys: 4, readRatio: 0.3, enabled: true, start: 500 },
  };
}
