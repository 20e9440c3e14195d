/** The scenario the lab opens with: a five-server Raft cluster with a gentle workload. */
export function defaultScenarioJson(nodes = 5, seed = 1): Record<string, unknown> {
  return {
    name: 'Raft playground',
    description: 'A Raft cluster with a light client workload. Break it and watch it recover.',
    protocol: 'raft',
    nodes,
    seed,
    duration: 3_600_000,
    network: { latency: { min: 10, max: 15 } },
    raft: { electionTimeout: { min: 150, max: 300 }, heartbeatInterval: 50 },
    workload: { clients: 2, rate: 2, keys: 4, readRatio: 0.3, enabled: true, start: 500 },
  };
}
