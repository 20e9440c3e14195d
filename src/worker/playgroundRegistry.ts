/**
 * Playgrounds the protocol menu offers beside each protocol's own: runs that combine
 * protocols. Like protocols/registry.ts, the one place in the worker that names them.
 */

/**
 * The CAP playground: a Dynamo store (sloppy quorum, as the paper runs it) beside a Raft
 * cluster, the same clients bound to the same home servers on both. Cut the network and
 * compare what each answers.
 */
export const CAP_PLAYGROUND = {
  name: 'cap',
  title: 'CAP: Dynamo beside Raft',
  protocol: 'dynamo',
  compare: 'raft',
} as const;

export function capScenarioJson(nodes = 5, seed = 1): Record<string, unknown> {
  return {
    name: CAP_PLAYGROUND.title,
    description:
      'The same clients and the same network under two stores: Dynamo (leaderless, N=3 R=2 W=2 with a sloppy quorum) on the left, Raft on the right. Drag a line across either cluster to partition both: Raft refuses on the minority side, Dynamo keeps answering and the checker counts what that costs.',
    protocol: CAP_PLAYGROUND.protocol,
    compare: CAP_PLAYGROUND.compare,
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
