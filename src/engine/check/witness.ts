/**
 * Why a key's history is not linearizable: a few operations that already cannot be
 * linearized on their own, and the moment the history stopped being linearizable.
 *
 * Two facts make a small witness sound, not merely suggestive:
 * - Linearizability is prefix-closed (Herlihy & Wing 1990): if the history up to time t is
 *   not linearizable, no longer one is. So the first completion at which the prefix fails is
 *   found by binary search; operations still open at t are cut to "outcome unknown".
 * - For a register with unique values, a sub-history that keeps, beside every get it keeps,
 *   every put of the value that get returned, is linearizable whenever the whole is: drop the
 *   other puts and gets from a linearization of the whole, and every kept get still reads the
 *   put before it. So such a sub-history that fails is a witness against the whole.
 * The prefix is narrowed to the latest window of it that still fails, then, when small,
 * shrunk one operation at a time.
 */
import { searchOperations, registerModel } from './linearizability';
import type { HistoryOp, RegisterInput } from './linearizability';

type RegisterOp = HistoryOp<RegisterInput, string | null>;

export interface Witness {
  /**
   * Op ids: the others ascending, then the op whose completion made the history fail; only
   * that last one when the witness is too large to be worth reading.
   */
  ops: number[];
  /** That completion. */
  time: number;
}

/** Above this many operations a witness is not shrunk, and only its last op is named. */
const SHRINK_LIMIT = 40;

/**
 * A witness for a history already known not to be linearizable. The searches share `budget`
 * steps (Infinity for no limit); when it runs out the best witness found so far is returned
 * (at worst, the last op of the whole history).
 */
export function findWitness(history: readonly RegisterOp[], budget: number): Witness {
  let left = budget;
  /** True only when proved illegal within the budget. */
  const fails = (ops: readonly RegisterOp[]) => {
    if (left <= 0) return false;
    // An infinite budget is the search's "no limit" (0).
    const r = searchOperations(ops, registerModel, { maxSteps: Number.isFinite(left) ? left : 0 });
    left -= r.steps;
    return r.outcome === 'illegal';
  };

  const cuts = [...new Set(history.filter(done).map((o) => o.ret))].sort((a, b) => a - b);
  // Binary search for the first failing prefix; the last cut is the whole history.
  let lo = 0;
  let hi = cuts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (fails(prefix(history, cuts[mid]!))) hi = mid;
    else lo = mid + 1;
  }
  const time = cuts[lo] ?? 0;
  const failing = prefix(history, time);

  // The latest start s such that the operations returning at or after s still fail.
  const starts = [...new Set(failing.filter(done).map((o) => o.ret))].sort((a, b) => a - b);
  lo = 0;
  hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (fails(window(failing, starts[mid]!))) lo = mid;
    else hi = mid - 1;
  }
  let ops = window(failing, starts[lo] ?? -Infinity);

  if (ops.length <= SHRINK_LIMIT) {
    // Gets first: dropping one may free the put it needed.
    const order = [...ops].sort((a, b) => kindRank(a) - kindRank(b) || a.id - b.id);
    for (const op of order) {
      if (left <= 0) break;
      const without = ops.filter((o) => o !== op);
      if (op.input.type === 'put' && isNeeded(op, without)) continue;
      if (fails(without)) ops = without;
    }
  }
  // Normally an op returning at `time`; if the budget cut the first search short, the
  // witness may end earlier, and its own last completion is the truer moment.
  const last = ops.filter(done).sort((a, b) => b.ret - a.ret || a.id - b.id)[0];
  if (last === undefined) return { ops: [], time };
  const others = ops.length <= SHRINK_LIMIT ? ops.filter((o) => o !== last) : [];
  return { ops: [...others.map((o) => o.id).sort((a, b) => a - b), last.id], time: last.ret };
}

const done = (op: RegisterOp) => op.ret !== Infinity;
const kindRank = (op: RegisterOp) => (op.input.type === 'get' ? 0 : 1);

/** Whether a kept get returned the value `put` wrote. */
function isNeeded(put: RegisterOp, ops: readonly RegisterOp[]): boolean {
  const value = put.input.type === 'put' ? put.input.value : null;
  return ops.some((o) => o.input.type === 'get' && done(o) && o.output === value);
}

/**
 * The history as it stood at time t: operations invoked by then, those still open cut to
 * "outcome unknown" — an open get constrains nothing and is dropped, as is an open put no
 * completed get read (linearizing it last is always possible).
 */
function prefix(history: readonly RegisterOp[], t: number): RegisterOp[] {
  const kept = history.filter((o) => o.call <= t && (o.ret <= t || o.input.type === 'put'));
  const read = new Set(
    kept.filter((o) => o.ret <= t && o.input.type === 'get').map((o) => o.output),
  );
  return kept.flatMap((o) => {
    if (o.ret <= t) return [o];
    return o.input.type === 'put' && read.has(o.input.value) ? [{ ...o, ret: Infinity }] : [];
  });
}

/** The operations returning at or after s, with the puts of every value their gets read. */
function window(ops: readonly RegisterOp[], s: number): RegisterOp[] {
  const late = new Set(ops.filter((o) => o.ret >= s));
  const read = new Set([...late].filter((o) => o.input.type === 'get').map((o) => o.output));
  return ops.filter((o) => late.has(o) || (o.input.type === 'put' && read.has(o.input.value)));
}
