/**
 * Per-key consistency anomalies found from the client history alone — an independent check
 * that never looks at a store's state, so it judges any key-value protocol alike.
 *
 * A get's result is a set of values: null is the empty set, and a result holding the sibling
 * separator ('|', as the Dynamo store joins siblings) is the set of its parts. Workload values
 * ("c1.7") never contain it. Values are unique per put (the workload writes `client.seq`), so a
 * value names the put that wrote it.
 *
 * - stale-read: an ok get returned only values that had been overwritten before it began —
 *   each was written by a put that completed before some put w began, and w completed before
 *   the get began — or returned nothing although a put had completed before it began.
 *   `ops`: [w, get].
 * - lost-write: after the key quiesces (a final ok get that began after every operation on the
 *   key ended), an acknowledged put w whose value the final get does not return, although
 *   every value it returns was written by a put that completed before w began (so w should
 *   have superseded it). `ops`: [w, final get].
 * - siblings: an ok get returned more than one value (concurrent versions). `ops`: [get, puts].
 *
 * A value no put is known for, or one written by a put whose outcome is unknown (timed out),
 * is never held against a read: it may have been applied at any time.
 */
import type { ClientOpRecord } from '../types';

export type AnomalyKind = 'stale-read' | 'lost-write' | 'siblings';

export interface Anomaly {
  kind: AnomalyKind;
  key: string;
  /** clientOps ids, as documented per kind. */
  ops: number[];
  /** When it showed: the completion of the get that revealed it. */
  time: number;
}

export interface AnomalyOptions {
  /** How a get's result separates sibling values (default '|'). */
  separator?: string;
}

/** The values a get returned. */
export function resultValues(result: string | null, separator = '|'): string[] {
  if (result === null) return [];
  return result.includes(separator) ? result.split(separator) : [result];
}

interface Done {
  op: ClientOpRecord;
  completedAt: number;
}

/** Anomalies of every key, by key, then by time, then by kind. */
export function findAnomalies(
  records: readonly ClientOpRecord[],
  options: AnomalyOptions = {},
): Anomaly[] {
  const byKey = new Map<string, ClientOpRecord[]>();
  for (const r of records) {
    const list = byKey.get(r.key);
    if (list) list.push(r);
    else byKey.set(r.key, [r]);
  }
  const out: Anomaly[] = [];
  for (const key of [...byKey.keys()].sort()) {
    out.push(...keyAnomalies(key, byKey.get(key)!, options.separator ?? '|'));
  }
  return out;
}

function keyAnomalies(key: string, ops: readonly ClientOpRecord[], sep: string): Anomaly[] {
  const out: Anomaly[] = [];
  const writer = new Map<string, ClientOpRecord>();
  const acked: Done[] = [];
  for (const op of ops) {
    if (op.op !== 'put' || op.value === null) continue;
    writer.set(op.value, op);
    if (op.ok && op.completedAt !== null) acked.push({ op, completedAt: op.completedAt });
  }
  acked.sort((a, b) => a.completedAt - b.completedAt || a.op.id - b.op.id);
  // latest[i]: of acked[0..i], the put that began last (it overwrote everything completed
  // before it began).
  const latest: ClientOpRecord[] = [];
  for (let i = 0; i < acked.length; i++) {
    const prev = latest[i - 1];
    const op = acked[i]!.op;
    latest.push(prev !== undefined && prev.invokedAt >= op.invokedAt ? prev : op);
  }
  /** Acknowledged puts that completed strictly before `t`: the count. */
  const completedBefore = (t: number) => {
    let lo = 0;
    let hi = acked.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (acked[mid]!.completedAt < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** Whether value `v` had surely been overwritten by a put that began at `t` or later. */
  const overwrittenBy = (v: string, t: number) => {
    const x = writer.get(v);
    return x !== undefined && x.ok && x.completedAt !== null && x.completedAt < t;
  };

  for (const r of ops) {
    if (r.op !== 'get' || !r.ok || r.completedAt === null) continue;
    const values = resultValues(r.result, sep);
    if (values.length > 1) {
      const puts = values.flatMap((v) => (writer.has(v) ? [writer.get(v)!.id] : []));
      out.push({ kind: 'siblings', key, ops: [r.id, ...puts], time: r.completedAt });
    }
    const before = completedBefore(r.invokedAt);
    if (before === 0) continue;
    const w = latest[before - 1]!;
    if (values.every((v) => overwrittenBy(v, w.invokedAt))) {
      out.push({ kind: 'stale-read', key, ops: [w.id, r.id], time: r.completedAt });
    }
  }

  const final = finalRead(ops);
  if (final !== null) {
    const values = resultValues(final.result, sep);
    const seen = new Set(values);
    for (const { op: w } of acked) {
      if (seen.has(w.value!)) continue;
      if (values.every((v) => overwrittenBy(v, w.invokedAt))) {
        out.push({ kind: 'lost-write', key, ops: [w.id, final.id], time: final.completedAt! });
      }
    }
  }
  return out.sort(
    (a, b) =>
      a.time - b.time || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || a.ops[0]! - b.ops[0]!,
  );
}

/**
 * The key's quiescent final read: the last ok get that began after every other operation on
 * the key had ended, or null when there is none.
 */
export function finalRead(ops: readonly ClientOpRecord[]): ClientOpRecord | null {
  let candidate: ClientOpRecord | null = null;
  for (const r of ops) {
    if (r.op === 'get' && r.ok && r.completedAt !== null) {
      if (candidate === null || r.invokedAt > candidate.invokedAt) candidate = r;
    }
  }
  if (candidate === null) return null;
  for (const op of ops) {
    if (op === candidate) continue;
    if (op.completedAt === null || op.completedAt > candidate.invokedAt) return null;
  }
  return candidate;
}
