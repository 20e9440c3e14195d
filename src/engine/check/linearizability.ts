/**
 * A linearizability checker for histories of single-object operations, and its use for
 * key-value histories (one register per key; linearizability is local, so keys are checked
 * one at a time — Herlihy & Wing 1990, §3.3).
 *
 * The search is Wing & Gong's (1993) with Lowe's memoisation ("Testing for linearizability",
 * 2017), the algorithm Porcupine and Knossos use: walk the history's call/return events in
 * time order; at a call, try to linearize that operation now (the model must accept it and
 * the pair (set of linearized operations, model state) must be new); at a return whose
 * operation is not yet linearized, backtrack. The history is linearizable when every
 * operation has been linearized.
 *
 * Operations whose outcome is unknown (timed out, never answered) may or may not have taken
 * effect: they get a return time of +∞, so they can be linearized anywhere after their call,
 * including after everything else (the same as not taking effect).
 */
import type { ClientOpRecord } from '../types';

/** One operation of a history, with its real-time interval. `ret` is Infinity if unknown. */
export interface HistoryOp<I, O> {
  id: number;
  call: number;
  ret: number;
  input: I;
  /** The observed output; ignored when `ret` is Infinity. */
  output: O;
}

/** A sequential specification. States must have a canonical string form for memoisation. */
export interface Model<S, I, O> {
  init(): S;
  /**
   * The state after applying `input` in `state`, if the model can answer `output` there (any
   * output when `outputKnown` is false); null when it cannot.
   */
  step(state: S, input: I, output: O, outputKnown: boolean): { state: S } | null;
  key(state: S): string;
}

export type CheckOutcome = 'ok' | 'illegal' | 'unknown';

export interface CheckOptions {
  /** Search steps before giving up with 'unknown' (0 = no limit). */
  maxSteps?: number;
}

interface Node {
  op: number;
  isCall: boolean;
  /** Time of the event. */
  time: number;
  /** The matching return (for a call). */
  match: Node | null;
  prev: Node | null;
  next: Node | null;
}

/** The outcome of one search and the steps it took (each step is one event visited). */
export interface SearchResult {
  outcome: CheckOutcome;
  steps: number;
}

/** Decides whether one object's history is linearizable with respect to `model`. */
export function checkOperations<S, I, O>(
  ops: readonly HistoryOp<I, O>[],
  model: Model<S, I, O>,
  options: CheckOptions = {},
): CheckOutcome {
  return searchOperations(ops, model, options).outcome;
}

/**
 * The search behind `checkOperations`, also reporting its steps so that callers can share
 * one deterministic budget between several searches.
 *
 * Memoisation needs a canonical name for the set of linearized operations. Naming it by its
 * full bitset costs O(n) per step and per cache entry, which at thousands of operations per
 * key dominates everything. But every operation whose return precedes the first return still
 * in the list has been linearized (else its return would still be in the list), and the
 * others that are linearized were called before that return — they overlap it — or are
 * unfinished. So the set is named by `k`, the number of operations, in return order, before
 * the first one not linearized, plus the few linearized ones after it.
 */
export function searchOperations<S, I, O>(
  ops: readonly HistoryOp<I, O>[],
  model: Model<S, I, O>,
  options: CheckOptions = {},
): SearchResult {
  const n = ops.length;
  if (n === 0) return { outcome: 'ok', steps: 0 };
  // Events in time order; at equal times calls come first, so operations that merely touch
  // are treated as concurrent (never a false "illegal").
  const events: Node[] = [];
  ops.forEach((op, i) => {
    const ret: Node = { op: i, isCall: false, time: op.ret, match: null, prev: null, next: null };
    const call: Node = { op: i, isCall: true, time: op.call, match: ret, prev: null, next: null };
    events.push(call, ret);
  });
  events.sort((a, b) => a.time - b.time || Number(b.isCall) - Number(a.isCall) || a.op - b.op);
  // rank[op]: the position of the op's return among all returns (the list's return order).
  const rank = new Int32Array(n);
  let r = 0;
  for (const e of events) if (!e.isCall) rank[e.op] = r++;
  const head: Node = {
    op: -1,
    isCall: false,
    time: -Infinity,
    match: null,
    prev: null,
    next: null,
  };
  let tail = head;
  for (const e of events) {
    e.prev = tail;
    tail.next = e;
    tail = e;
  }

  const lift = (call: Node) => {
    call.prev!.next = call.next;
    if (call.next) call.next.prev = call.prev;
    const ret = call.match!;
    ret.prev!.next = ret.next;
    if (ret.next) ret.next.prev = ret.prev;
  };
  const unlift = (call: Node) => {
    const ret = call.match!;
    ret.prev!.next = ret;
    if (ret.next) ret.next.prev = ret;
    call.prev!.next = call;
    if (call.next) call.next.prev = call;
  };

  // The linearized set, by return rank: all ranks below `k`, and `count - k` more above it.
  const linearized = new Uint8Array(n);
  let k = 0;
  let count = 0;
  const add = (rk: number) => {
    linearized[rk] = 1;
    count++;
    while (k < n && linearized[k] === 1) k++;
  };
  // Undoing an add restores the `k` saved before it (it was the smallest unlinearized rank).
  const remove = (rk: number, kBefore: number) => {
    linearized[rk] = 0;
    count--;
    k = kBefore;
  };
  const setName = () => {
    let name = `${k}`;
    for (let i = k + 1, left = count - k; left > 0; i++) {
      if (linearized[i] === 1) {
        name += `,${i}`;
        left--;
      }
    }
    return name;
  };

  const cache = new Set<string>();
  const stack: { call: Node; state: S; k: number }[] = [];
  let state = model.init();
  let entry = head.next;
  let steps = 0;
  const maxSteps = options.maxSteps ?? 0;

  while (head.next !== null) {
    if (maxSteps > 0 && steps >= maxSteps) return { outcome: 'unknown', steps };
    steps++;
    if (entry === null) return { outcome: 'illegal', steps }; // cannot happen: a return ends the list
    if (entry.isCall) {
      const op = ops[entry.op]!;
      const next = model.step(state, op.input, op.output, op.ret !== Infinity);
      if (next !== null) {
        const before = k;
        add(rank[entry.op]!);
        const key = `${setName()}|${model.key(next.state)}`;
        if (!cache.has(key)) {
          cache.add(key);
          stack.push({ call: entry, state, k: before });
          state = next.state;
          lift(entry);
          entry = head.next;
          continue;
        }
        remove(rank[entry.op]!, before);
      }
      entry = entry.next;
    } else {
      // A return whose operation is not linearized yet: undo the last choice.
      const top = stack.pop();
      if (top === undefined) return { outcome: 'illegal', steps };
      state = top.state;
      remove(rank[top.call.op]!, top.k);
      unlift(top.call);
      entry = top.call.next;
    }
  }
  return { outcome: 'ok', steps };
}

// ------------------------------------------------------------------ key-value registers

export type RegisterInput = { type: 'put'; value: string } | { type: 'get' };

/** A register holding a string, null until first written. */
export const registerModel: Model<string | null, RegisterInput, string | null> = {
  init: () => null,
  step(state, input, output, outputKnown) {
    if (input.type === 'put') return { state: input.value };
    return !outputKnown || output === state ? { state } : null;
  },
  key: (state) => (state === null ? '\u0000' : `=${state}`),
};

export interface KeyReport {
  key: string;
  outcome: CheckOutcome;
  /** Operations checked for this key (after dropping those that cannot matter). */
  operations: number;
}

export interface KvReport {
  ok: boolean;
  /** Keys whose history is not linearizable. */
  illegal: string[];
  /** Keys the search gave up on (step budget). */
  unknown: string[];
  keys: KeyReport[];
}

/**
 * Whether a record's outcome is unknown: no answer, the client gave up waiting, or it was
 * refused while another copy of it could still be applied.
 */
export function isIndeterminate(r: ClientOpRecord): boolean {
  return r.completedAt === null || (!r.ok && (r.result === 'timeout' || r.indeterminate === true));
}

/**
 * Turns client records into per-key register histories:
 * - a successful op is checked with its interval and result;
 * - a definite failure (e.g. not_leader) did not take effect and is dropped;
 * - an indeterminate put may have taken effect: it is kept with return time +∞, unless no get
 *   ever returned its value (then linearizing it last is always possible, so it is dropped);
 * - an indeterminate get constrains nothing and is dropped.
 */
export function kvHistories(
  records: readonly ClientOpRecord[],
): Map<string, HistoryOp<RegisterInput, string | null>[]> {
  const observed = new Set<string>();
  for (const r of records) {
    if (r.op === 'get' && r.ok && r.result !== null) observed.add(`${r.key}\u0000${r.result}`);
  }
  const byKey = new Map<string, HistoryOp<RegisterInput, string | null>[]>();
  for (const r of records) {
    const unknown = isIndeterminate(r);
    if (!r.ok && !unknown) continue;
    if (unknown && r.op === 'get') continue;
    if (unknown && !observed.has(`${r.key}\u0000${r.value}`)) continue;
    const input: RegisterInput =
      r.op === 'put' ? { type: 'put', value: r.value ?? '' } : { type: 'get' };
    const list = byKey.get(r.key) ?? [];
    list.push({
      id: r.id,
      call: r.invokedAt,
      ret: unknown ? Infinity : (r.completedAt as number),
      input,
      output: r.op === 'get' ? r.result : null,
    });
    byKey.set(r.key, list);
  }
  return byKey;
}

/** Checks a key-value client history, key by key. */
export function checkKvHistory(
  records: readonly ClientOpRecord[],
  options: CheckOptions = {},
): KvReport {
  const keys: KeyReport[] = [];
  const histories = [...kvHistories(records)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, ops] of histories) {
    keys.push({
      key,
      outcome: checkOperations(ops, registerModel, options),
      operations: ops.length,
    });
  }
  const illegal = keys.filter((k) => k.outcome === 'illegal').map((k) => k.key);
  const unknown = keys.filter((k) => k.outcome === 'unknown').map((k) => k.key);
  return { ok: illegal.length === 0 && unknown.length === 0, illegal, unknown, keys };
}
