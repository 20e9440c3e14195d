/**
 * The four session guarantees of Terry et al., "Session Guarantees for Weakly Consistent
 * Replicated Data" (PDIS 1994), judged per client session and per key from the client
 * history alone. The paper states them over servers' write sets (DB(S)) and a write order;
 * a history shows neither, so each rule below reports only what a history proves. Judging
 * per key finds a subset of the paper's violations (those within one object).
 *
 * Vocabulary (keyHistory.ts): `a` precedes `b` in a session when `a` had completed when `b`
 * was invoked; a value is "surely older than" a put `w` when its one writer was acknowledged
 * and completed strictly before `w` was invoked — real-time order, the only order a history
 * shows. Only ok operations are judged, and only values that name their writer put.
 *
 * - read-your-writes (paper: a read that follows a write W in a session reflects W): an ok
 *   get r of client c, preceded in c's session by c's ok put w, returns only values surely
 *   older than w, or nothing. `ops`: [w, r].
 * - monotonic-reads (paper: a read reflects every write an earlier read of the session saw):
 *   c's ok get r2, preceded by c's ok get r1, returns only values surely older than the put
 *   of some value r1 returned, or nothing. `ops`: [r1, r2]. A store whose write order
 *   contradicts real time (last-writer-wins with a skewed clock) is reported too: to the
 *   client, its reads went back in time.
 * - monotonic-writes (paper: at any server holding W2, an earlier write W1 of the same
 *   session is held too and ordered before W2). Two observations prove the store did not
 *   order c's ok put w1 before c's later ok put w2:
 *     (a) an ok get, by any client, returns both as siblings — kept as concurrent versions;
 *     (b) the key's quiescent final read returns w1 but not w2 — once every write has
 *         reached every replica (assumed, as lost-write assumes it; skipped when the replicas
 *         are known to have diverged), w1 won over w2.
 *   `ops`: [w1, w2, get]. Not reported: a read returning w1 after another read returned w2,
 *   since it may just have reached a replica w2 had not reached yet (stale-read and
 *   monotonic-reads report what that proves).
 * - writes-follow-reads (paper: a write W2 that follows a read R1 in a session is ordered
 *   after every write R1 saw, at any server holding W2): c's ok get r1 returned x, then c's
 *   ok put w2 followed it; x's effect preceded w2, yet (a) an ok get returns x and w2 as
 *   siblings, or (b) the quiescent final read returns x but not w2. `ops`: [r1, w2, get].
 *   When x is c's own ok put preceding w2 in the session, monotonic-writes reports it instead.
 */
import type { ClientOpRecord } from '../types';
import type { KeyHistory } from './keyHistory';
import { compareStrings, isOkDone, precedes, surelyBefore } from './keyHistory';
import type { ConsistencyAnomaly } from './report';

type Done = ClientOpRecord & { completedAt: number };

/** Session-guarantee anomalies of one key. `final` is its quiescent final read, if trusted. */
export function sessionAnomalies(
  h: KeyHistory,
  final: ClientOpRecord | null,
): ConsistencyAnomaly[] {
  const sessions = new Map<string, Done[]>();
  for (const op of h.ops) {
    if (!isOkDone(op)) continue;
    const list = sessions.get(op.client);
    if (list) list.push(op);
    else sessions.set(op.client, [op]);
  }
  const out: ConsistencyAnomaly[] = [];
  const clients = [...sessions.keys()].sort(compareStrings);
  for (const c of clients) {
    const ops = sessions.get(c)!;
    out.push(...readYourWrites(h, ops), ...monotonicReads(h, ops));
  }
  const siblingReads = h.ops.filter((r): r is Done => isGet(r) && h.values(r).length > 1);
  out.push(...monotonicWrites(h, sessions, siblingReads, final));
  out.push(...writesFollowReads(h, sessions, siblingReads, final));
  return out;
}

const isGet = (op: ClientOpRecord): op is Done => op.op === 'get' && isOkDone(op);
const isPut = (op: ClientOpRecord): op is Done => op.op === 'put' && isOkDone(op);
const byCompletion = (a: Done, b: Done) => a.completedAt - b.completedAt || a.id - b.id;
const byInvocation = (a: Done, b: Done) => a.invokedAt - b.invokedAt || a.id - b.id;

function anomaly(kind: ConsistencyAnomaly['kind'], h: KeyHistory, ops: Done[]): ConsistencyAnomaly {
  return { kind, key: h.key, ops: ops.map((o) => o.id), time: ops.at(-1)!.completedAt };
}

/**
 * Against the preceding own put invoked last: a result surely older than any earlier own put
 * is surely older than that one too, so it alone decides.
 */
function readYourWrites(h: KeyHistory, session: readonly Done[]): ConsistencyAnomaly[] {
  const puts = session.filter(isPut).sort(byCompletion);
  const gets = session.filter(isGet).sort(byInvocation);
  const out: ConsistencyAnomaly[] = [];
  let latest: Done | null = null;
  let i = 0;
  for (const r of gets) {
    for (; i < puts.length && precedes(puts[i]!, r); i++) {
      const w = puts[i]!;
      if (latest === null || w.invokedAt > latest.invokedAt) latest = w;
    }
    if (latest === null) continue;
    const since = latest.invokedAt;
    if (h.values(r).every((v) => surelyBefore(h, v, since))) {
      out.push(anomaly('read-your-writes', h, [latest, r]));
    }
  }
  return out;
}

/**
 * Against the value, among everything earlier reads of the session returned, whose put was
 * invoked last: the same argument as read-your-writes makes it the only one to test.
 */
function monotonicReads(h: KeyHistory, session: readonly Done[]): ConsistencyAnomaly[] {
  const earlier = session.filter(isGet).sort(byCompletion);
  const later = session.filter(isGet).sort(byInvocation);
  const out: ConsistencyAnomaly[] = [];
  let high: { since: number; read: Done } | null = null;
  let i = 0;
  for (const r2 of later) {
    for (; i < earlier.length && precedes(earlier[i]!, r2); i++) {
      const r1 = earlier[i]!;
      for (const v of h.values(r1)) {
        const w = h.writer(v);
        if (w !== null && (high === null || w.invokedAt > high.since)) {
          high = { since: w.invokedAt, read: r1 };
        }
      }
    }
    if (high === null) continue;
    const since = high.since;
    if (h.values(r2).every((v) => surelyBefore(h, v, since))) {
      out.push(anomaly('monotonic-reads', h, [high.read, r2]));
    }
  }
  return out;
}

/** The ok, completed put that alone wrote `value`, or null. */
function ackedWriter(h: KeyHistory, value: string): Done | null {
  const w = h.writer(value);
  return w !== null && isPut(w) ? w : null;
}

function monotonicWrites(
  h: KeyHistory,
  sessions: ReadonlyMap<string, Done[]>,
  siblingReads: readonly Done[],
  final: ClientOpRecord | null,
): ConsistencyAnomaly[] {
  const out: ConsistencyAnomaly[] = [];
  // (a) Siblings from one session. If any pair of them is in session order, the one invoked
  // last is the later write of such a pair; its nearest predecessor is named.
  for (const r of siblingReads) {
    const bySession = new Map<string, Done[]>();
    for (const v of h.values(r)) {
      const w = ackedWriter(h, v);
      if (w === null) continue;
      bySession.set(w.client, [...(bySession.get(w.client) ?? []), w]);
    }
    for (const c of [...bySession.keys()].sort(compareStrings)) {
      const puts = bySession.get(c)!.sort(byInvocation);
      const w2 = puts.at(-1)!;
      const w1 = puts
        .filter((w) => precedes(w, w2))
        .sort((a, b) => b.completedAt - a.completedAt || a.id - b.id)[0];
      if (w1 !== undefined) out.push(anomaly('monotonic-writes', h, [w1, w2, r]));
    }
  }
  // (b) The final read kept w1 and dropped a later write of w1's session: the next one named.
  if (final !== null && isGet(final)) {
    const kept = new Set(h.values(final));
    for (const x of [...kept].sort(compareStrings)) {
      const w1 = ackedWriter(h, x);
      if (w1 === null) continue;
      const w2 = (sessions.get(w1.client) ?? [])
        .filter((w) => isPut(w) && precedes(w1, w) && w.value !== null && !kept.has(w.value))
        .sort(byInvocation)[0];
      if (w2 !== undefined) out.push(anomaly('monotonic-writes', h, [w1, w2, final]));
    }
  }
  return out;
}

function writesFollowReads(
  h: KeyHistory,
  sessions: ReadonlyMap<string, Done[]>,
  siblingReads: readonly Done[],
  final: ClientOpRecord | null,
): ConsistencyAnomaly[] {
  // Per session, the first read (by completion) that returned each value.
  const firstRead = new Map<string, Map<string, Done>>();
  for (const [c, ops] of sessions) {
    const seen = new Map<string, Done>();
    for (const r of ops.filter(isGet).sort(byCompletion)) {
      for (const v of h.values(r)) if (!seen.has(v)) seen.set(v, r);
    }
    firstRead.set(c, seen);
  }
  /** c's read of some value in `values` (not w2's own) that preceded w2, unless MW's case. */
  const readBefore = (w2: Done, values: readonly string[]): Done | null => {
    for (const x of [...values].sort(compareStrings)) {
      if (x === w2.value) continue;
      const r1 = firstRead.get(w2.client)?.get(x);
      if (r1 === undefined || !precedes(r1, w2)) continue;
      const own = ackedWriter(h, x);
      if (own !== null && own.client === w2.client && precedes(own, w2)) continue;
      return r1;
    }
    return null;
  };
  const out: ConsistencyAnomaly[] = [];
  // (a) A sibling w2 beside a value its session had read before writing it.
  for (const r of siblingReads) {
    const values = h.values(r);
    for (const y of [...values].sort(compareStrings)) {
      const w2 = ackedWriter(h, y);
      const r1 = w2 === null ? null : readBefore(w2, values);
      if (w2 !== null && r1 !== null) out.push(anomaly('writes-follow-reads', h, [r1, w2, r]));
    }
  }
  // (b) The final read kept a value that a dropped put's session had read before the put.
  if (final !== null && isGet(final)) {
    const values = h.values(final);
    const kept = new Set(values);
    for (const c of [...sessions.keys()].sort(compareStrings)) {
      for (const w2 of sessions.get(c)!.filter(isPut).sort(byInvocation)) {
        if (w2.value === null || kept.has(w2.value)) continue;
        const r1 = readBefore(w2, values);
        if (r1 !== null) out.push(anomaly('writes-follow-reads', h, [r1, w2, final]));
      }
    }
  }
  return out;
}
