/** The consistency report's shape, and the one order its anomalies are listed in. */

export type ConsistencyKind =
  | 'stale-read'
  | 'lost-write'
  | 'read-your-writes'
  | 'monotonic-reads'
  | 'monotonic-writes'
  | 'writes-follow-reads'
  | 'not-linearizable'
  | 'diverged';

export interface ConsistencyAnomaly {
  kind: ConsistencyKind;
  key: string;
  /** clientOps ids: the earlier operations first, the one that revealed the anomaly last. */
  ops: number[];
  /** When it showed (virtual ms): the completion of the revealing operation. */
  time: number;
}

export interface ConsistencyReport {
  linearizable: true | false | 'unknown';
  /** Ok operations / completed operations, to 4 decimals (1 when none completed). */
  availability: number;
  /** null when the run did not end quiescent (no replica states to compare). */
  converged: boolean | null;
  anomalies: ConsistencyAnomaly[];
}

/**
 * By time, then kind, then first operation; then key and the remaining operations, so that
 * equal inputs always give the same bytes whatever order the rules found them in.
 */
export function compareAnomalies(a: ConsistencyAnomaly, b: ConsistencyAnomaly): number {
  return (
    a.time - b.time ||
    compare(a.kind, b.kind) ||
    (a.ops[0] ?? -1) - (b.ops[0] ?? -1) ||
    compare(a.key, b.key) ||
    compareIds(a.ops, b.ops)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareIds(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}
