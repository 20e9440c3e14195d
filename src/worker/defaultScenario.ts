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

/**
 * The CAP playground: a Dynamo store (sloppy quorum, as the paper runs it) beside a Raft
 * cluster, the same clients bound to the same home servers on both. Cut the network and
 * compare what each answers.
 */
export const CAP_PLAYGROUND = { name: 'cap', title: 'CAP: Dynamo beside Raft' } as const;

export function capScenarioJson(nodes = 5, seed = 1): Record<string, unknown> {
  return {
    name: CAP_PLAYGROUND.title,
    description:
      'The same clients and the same network under two stores: Dynamo (leaderless, N=3 R=2 W=2 with a sloppy quorum) on the left, Raft on the right. Drag a line across either cluster to partition both: Raft refuses on the minority side, Dynamo keeps answering and the checker counts what that costs.',
    protocol: 'dynamo',
    compare: 'raft',
    nodes,
    seed,
    duration: 3_600_000,
    network: { latency: { min: 10, max: 15 } },
    dynamo: { n: 3, r: 2, w: 2, hintedHandoff: true },
    workload: {
      clients: 4,
      rate: 4,
      keys: 3,
      readRatio: 0.5,
      requestTimeout: 200,
      opTimeout: 1500,
      enabled: true,
      start: 500,
    },
  };
}
