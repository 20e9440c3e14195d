/**
 * Convergence: after heal and quiescence, every replica of a key holds the same value set —
 * the promise of eventual consistency (Terry et al. 1994 call it the eventual propagation of
 * every write to every server; Vogels, "Eventually Consistent", CACM 2009). Judged from the
 * replicas' final states, which only the simulator knows, so the caller passes them in.
 */
import type { KeyHistory } from './keyHistory';
import { compareStrings } from './keyHistory';
import type { ConsistencyAnomaly } from './report';

export type ReplicaSets = ReadonlyMap<string, readonly (readonly string[])[]>;

export interface Convergence {
  converged: boolean;
  /** Keys whose replicas differ, ascending. */
  diverged: string[];
  /** One 'diverged' anomaly per such key. */
  anomalies: ConsistencyAnomaly[];
}

/**
 * A key diverged when its replicas' value sets differ as sets (order and repeats aside). Its
 * anomaly names the puts of every value some replica holds and another lacks, ascending by
 * id; values no put is known for name nothing.
 */
export function checkConvergence(
  replicas: ReplicaSets,
  histories: readonly KeyHistory[],
  time: number,
): Convergence {
  const historyOf = new Map(histories.map((h) => [h.key, h]));
  const diverged: string[] = [];
  const anomalies: ConsistencyAnomaly[] = [];
  for (const key of [...replicas.keys()].sort(compareStrings)) {
    const sets = replicas.get(key)!.map((values) => new Set(values));
    const all = new Set(sets.flatMap((s) => [...s]));
    const differing = [...all].filter((v) => sets.some((s) => !s.has(v)));
    if (differing.length === 0) continue;
    diverged.push(key);
    const ops = historyOf.get(key)?.ops ?? [];
    const wrote = new Set(differing);
    const ids = ops.filter((o) => o.op === 'put' && o.value !== null && wrote.has(o.value));
    anomalies.push({
      kind: 'diverged',
      key,
      ops: ids.map((o) => o.id).sort((a, b) => a - b),
      time,
    });
  }
  return { converged: diverged.length === 0, diverged, anomalies };
}
