/**
 * The operations the timeline's charts draw, whatever made them: the key-value clients'
 * operations, or — in the load lab (routing `balancer`) — the load generator's requests, as
 * records of the same shape (the backend stands where a key would, the status code and its
 * words where a result would). So the latency chart, the throughput chart and the fault bands
 * show a load test as they show a store.
 */
import type { RequestRecord } from '../engine/load/types';
import type { Simulator } from '../engine/simulator';
import type { ClientOpRecord } from '../engine/types';

export interface OpSource {
  count: number;
  at(i: number): ClientOpRecord;
}

export function requestAsOp(r: RequestRecord): ClientOpRecord {
  return {
    id: r.id,
    client: `u${r.client + 1}`,
    op: 'get',
    key: r.backend ?? '—',
    value: null,
    invokedAt: r.issuedAt,
    completedAt: r.completedAt,
    ok: r.completedAt !== null && r.ok,
    result: r.completedAt === null ? null : r.ok ? String(r.code) : `${r.code} ${r.message}`,
    attempts: r.attempts,
  };
}

/** The simulator's operations at this moment (read one at a time: no copy of them all). */
export function opSource(sim: Simulator): OpSource {
  const load = sim.state.load;
  if (load === null) {
    const ops = sim.state.clientOps;
    return { count: ops.length, at: (i) => ops[i]! };
  }
  const requests = load.requests;
  return { count: requests.length, at: (i) => requestAsOp(requests[i]!) };
}
