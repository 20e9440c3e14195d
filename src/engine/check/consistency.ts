/**
 * The consistency report of a key-value run, shared by every key-value protocol (replicated
 * logs and leaderless stores alike): judged from the client history alone, plus — for convergence — the
 * replicas' final value sets, so that a CP and an AP store are held to the same rules.
 *
 * - availability: ok operations / operations that completed (answered, refused or timed
 *   out; still-open ones do not count), to 4 decimals; 1 when none completed.
 * - linearizable (Herlihy & Wing, "Linearizability: A Correctness Condition for Concurrent
 *   Objects", TOPLAS 1990): each key is one register, checked on its own (linearizability.ts;
 *   it is local, §3.3). false when some key is not linearizable; else 'unknown' when the
 *   search gave up on some key within `maxSteps`; else true. Each failing key gives a
 *   'not-linearizable' anomaly whose ops already fail on their own and whose time is when the
 *   key's history first failed (witness.ts).
 * - stale-read, lost-write: anomalies.ts (its 'siblings' are for the lab, not the report).
 * - read-your-writes, monotonic-reads, monotonic-writes, writes-follow-reads: per client
 *   session, after Terry et al., "Session Guarantees for Weakly Consistent Replicated Data"
 *   (PDIS 1994); the exact rules are in sessions.ts.
 * - converged, diverged: convergence.ts; null without the replicas' final states.
 *
 * Operations' outcomes: an ok operation happened; a timed-out or indeterminate one may have
 * taken effect at any moment after its invocation; one refused outright did not.
 * Anomalies are ordered by time, kind, first op (report.ts); the output depends only on the
 * input, never on the wall clock (the search budget counts steps).
 */
import type { ClientOpRecord } from '../types';
import { findAnomalies, finalRead } from './anomalies';
import { checkConvergence } from './convergence';
import type { ReplicaSets } from './convergence';
import { compareStrings, keyHistories } from './keyHistory';
import { kvHistories, registerModel, searchOperations } from './linearizability';
import { compareAnomalies } from './report';
import type { ConsistencyAnomaly, ConsistencyReport } from './report';
import { sessionAnomalies } from './sessions';
import { findWitness } from './witness';

export type { ConsistencyAnomaly, ConsistencyKind, ConsistencyReport } from './report';

export interface ConsistencyOptions {
  /** Sibling separator in a get result, default '|'. */
  separator?: string;
  /**
   * Per key, the value set each replica of that key holds at the end of the run (after
   * quiescence), or null when the run did not end quiescent (then converged is null).
   */
  replicas?: ReplicaSets | null;
  /** End time of the run, the time of 'diverged' anomalies; default the history's last time. */
  endTime?: number;
  /**
   * Linearizability search budget per key, in search steps (0 = none); the same budget again
   * for finding a failing key's witness. Exceeded: that key is 'unknown'.
   */
  maxSteps?: number;
  /**
   * Whether the history is complete — the run has quiesced and nothing more will happen to
   * these keys (default true). A history cut at a moment (the lab's cursor, a run still
   * busy) has no final reads: the rules that need one (lost-write, and the final-read parts
   * of monotonic-writes and writes-follow-reads) are skipped, since an "overwritten" value
   * there may be one the store has not yet settled.
   */
  ended?: boolean;
}

/**
 * Steps per key. A key of the lab (a few thousand operations, a handful of clients) needs
 * about one to three steps per operation when it is linearizable; this leaves two orders of
 * magnitude for backtracking. Node runs 0.5–3 million steps a second, so a key gives up
 * within half a second (and as much again for a failing key's witness).
 */
export const DEFAULT_MAX_STEPS = 200_000;

export function checkConsistency(
  records: readonly ClientOpRecord[],
  options: ConsistencyOptions = {},
): ConsistencyReport {
  const separator = options.separator ?? '|';
  const histories = keyHistories(records, separator);
  const lin = linearizability(records, options.maxSteps ?? DEFAULT_MAX_STEPS);
  const convergence =
    options.replicas === null || options.replicas === undefined
      ? null
      : checkConvergence(options.replicas, histories, options.endTime ?? lastTime(records));
  const diverged = new Set(convergence?.diverged ?? []);

  const anomalies: ConsistencyAnomaly[] = [...lin.anomalies, ...(convergence?.anomalies ?? [])];
  const ended = options.ended ?? true;
  for (const a of findAnomalies(records, { separator })) {
    if (a.kind === 'siblings' || (a.kind === 'lost-write' && !ended)) continue;
    anomalies.push({ ...a, kind: a.kind });
  }
  for (const h of histories) {
    // A final read of replicas known to differ proves nothing about write order.
    const final = ended && !diverged.has(h.key) ? finalRead(h.ops) : null;
    anomalies.push(...sessionAnomalies(h, final));
  }
  return {
    linearizable: lin.verdict,
    availability: availability(records),
    converged: convergence === null ? null : convergence.converged,
    anomalies: anomalies.sort(compareAnomalies),
  };
}

function availability(records: readonly ClientOpRecord[]): number {
  let completed = 0;
  let ok = 0;
  for (const r of records) {
    if (r.completedAt === null) continue;
    completed++;
    if (r.ok) ok++;
  }
  return completed === 0 ? 1 : Math.round((ok / completed) * 10_000) / 10_000;
}

function linearizability(
  records: readonly ClientOpRecord[],
  maxSteps: number,
): { verdict: true | false | 'unknown'; anomalies: ConsistencyAnomaly[] } {
  const anomalies: ConsistencyAnomaly[] = [];
  let unknown = false;
  const byKey = kvHistories(records);
  for (const key of [...byKey.keys()].sort(compareStrings)) {
    const ops = byKey.get(key)!;
    const { outcome } = searchOperations(ops, registerModel, { maxSteps });
    if (outcome === 'unknown') unknown = true;
    if (outcome !== 'illegal') continue;
    const witness = findWitness(ops, maxSteps > 0 ? maxSteps : Infinity);
    anomalies.push({ kind: 'not-linearizable', key, ...witness });
  }
  const verdict = anomalies.length > 0 ? false : unknown ? 'unknown' : true;
  return { verdict, anomalies };
}

/** The latest moment the history records (a completion, else an invocation), or 0. */
function lastTime(records: readonly ClientOpRecord[]): number {
  let t = 0;
  for (const r of records) t = Math.max(t, r.completedAt ?? r.invokedAt);
  return t;
}
