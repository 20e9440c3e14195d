/**
 * One key's slice of a client history, with the two questions every session-guarantee rule
 * asks of it: which put wrote this value, and was that put surely over before a given moment.
 *
 * Workload values are unique (`client.seq`), so a value names the put that wrote it. A value
 * written by several puts (hand-sent duplicates) names no single writer and is never held
 * against anyone; neither is a value no put is known for.
 */
import type { ClientOpRecord } from '../types';
import { resultValues } from './anomalies';

export interface KeyHistory {
  key: string;
  /** The key's operations, in record order. */
  ops: readonly ClientOpRecord[];
  /** The one put that wrote `value`, or null when none or several did. */
  writer(value: string): ClientOpRecord | null;
  /** The values an ok get returned (its siblings, split on the separator). */
  values(get: ClientOpRecord): string[];
}

/** Splits records by key; keys in ascending order so that every walk is deterministic. */
export function keyHistories(records: readonly ClientOpRecord[], separator: string): KeyHistory[] {
  const byKey = new Map<string, ClientOpRecord[]>();
  for (const r of records) {
    const list = byKey.get(r.key);
    if (list) list.push(r);
    else byKey.set(r.key, [r]);
  }
  return [...byKey.keys()].sort(compareStrings).map((key) => {
    const ops = byKey.get(key)!;
    // null marks a value written more than once: it names no single put.
    const writers = new Map<string, ClientOpRecord | null>();
    for (const op of ops) {
      if (op.op !== 'put' || op.value === null) continue;
      writers.set(op.value, writers.has(op.value) ? null : op);
    }
    return {
      key,
      ops,
      writer: (value) => writers.get(value) ?? null,
      values: (get) => resultValues(get.result, separator),
    };
  });
}

/**
 * Whether `value` was surely written before `time`: its one writer was acknowledged and
 * completed strictly before it. Strictly, because operations that merely touch may have
 * taken effect in either order. A timed-out writer may have applied at any later moment, so
 * it is never surely before anything.
 */
export function surelyBefore(h: KeyHistory, value: string, time: number): boolean {
  const w = h.writer(value);
  return w !== null && w.ok && w.completedAt !== null && w.completedAt < time;
}

/**
 * Session order: `a` precedes `b` in their client's session when `a` had completed when `b`
 * was invoked (the client issued `b` knowing `a`'s outcome). Touching counts: a closed-loop
 * client may issue its next request at the very instant the previous one is answered.
 */
export function precedes(a: ClientOpRecord, b: ClientOpRecord): boolean {
  return a.completedAt !== null && a.completedAt <= b.invokedAt;
}

/** An ok operation that completed (the only ones a session guarantee is judged on). */
export function isOkDone(op: ClientOpRecord): op is ClientOpRecord & { completedAt: number } {
  return op.ok && op.completedAt !== null;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
