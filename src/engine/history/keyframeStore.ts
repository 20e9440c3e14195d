/**
 * Keyframes that share structure (issue 15: history memory). `cloneShared` (snapshot.ts)
 * shares settled objects but copies every array holding them, and a long run's arrays — the
 * protocol logs, the client-operation records — grow with the run: each keyframe paid for the
 * whole log again, so history memory per minute grew with the run's length.
 *
 * Here a long array is stored as runs of RUN elements plus a copied tail. A run holds only
 * settled elements (primitives or frozen objects) and is frozen itself; the next keyframe of
 * the same array reuses every run whose elements are still the same, so a keyframe costs its
 * new runs, a pointer per old run and its tail. Restoring builds plain arrays again (the
 * protocols' code sees nothing else) and remembers their runs, so a replayed run keeps
 * sharing with the keyframes before it.
 */

/** Elements per shared run; arrays shorter than two runs are copied as they are. */
const RUN = 64;
const LONG = 2 * RUN;

/** A long array inside a stored keyframe. */
class StoredArray {
  constructor(
    readonly runs: readonly (readonly unknown[])[],
    readonly tail: unknown[],
  ) {}
}

/** The runs an array was last stored or restored with, by array identity. */
const runsOf = new WeakMap<readonly unknown[], readonly (readonly unknown[])[]>();

function settled(el: unknown): boolean {
  return typeof el !== 'object' || el === null || Object.isFrozen(el);
}

/** Run `j` of `v` if it is all settled: the old one when identical, else a new frozen copy. */
function runAt(
  v: readonly unknown[],
  j: number,
  old: readonly unknown[] | undefined,
): readonly unknown[] | null {
  const start = j * RUN;
  if (old !== undefined) {
    let same = true;
    for (let i = 0; i < RUN; i++) {
      if (v[start + i] !== old[i]) {
        same = false;
        break;
      }
    }
    if (same) return old;
  }
  for (let i = start; i < start + RUN; i++) if (!settled(v[i])) return null;
  return Object.freeze(v.slice(start, start + RUN));
}

type Walk = (v: object) => unknown;

/**
 * A deep copy that keeps aliasing (an object seen twice is copied once) and shares settled
 * values. `special` handles what one direction treats apart (long arrays, stored ones) and
 * returns undefined for the rest, which is copied with slice() and spread: those keep the
 * originals' hidden classes and element kinds, so the protocols' code stays monomorphic.
 */
function deepCopy<T>(
  value: T,
  special: (v: object, walk: Walk, memo: Map<object, unknown>) => unknown,
): T {
  const memo = new Map<object, unknown>();
  const walk: Walk = (v) => {
    const seen = memo.get(v);
    if (seen !== undefined) return seen;
    const done = special(v, walk, memo);
    if (done !== undefined) return done;
    if (Array.isArray(v)) {
      const out: unknown[] = v.slice();
      memo.set(v, out);
      copyUnsettled(out, 0, walk);
      return out;
    }
    const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    memo.set(v, out);
    for (const key in out) {
      const el = out[key];
      if (!settled(el)) out[key] = walk(el as object);
    }
    return out;
  };
  if (settled(value)) return value;
  return walk(value as object) as T;
}

/** Replaces the unsettled elements of `out` from `from` on by their copies. */
function copyUnsettled(out: unknown[], from: number, walk: Walk): void {
  for (let i = from; i < out.length; i++) {
    const el = out[i];
    if (!settled(el)) out[i] = walk(el as object);
  }
}

/** The keyframe form of a live state: copies, shared frozen objects, long arrays in runs. */
export function storeKeyframe<T>(value: T): T {
  return deepCopy(value, (v, walk, memo) => {
    if (!Array.isArray(v) || v.length < LONG) return undefined;
    const old = runsOf.get(v);
    const runs: (readonly unknown[])[] = [];
    for (let j = 0; (j + 1) * RUN <= v.length; j++) {
      const run = runAt(v, j, old?.[j]);
      if (run === null) break;
      runs.push(run);
    }
    runsOf.set(v, runs);
    const out = new StoredArray(runs, v.slice(runs.length * RUN));
    memo.set(v, out);
    copyUnsettled(out.tail, 0, walk);
    return out;
  });
}

/** A live state from a stored keyframe: plain copies throughout, the keyframe untouched. */
export function restoreKeyframe<T>(value: T): T {
  return deepCopy(value, (v, walk, memo) => {
    if (!(v instanceof StoredArray)) return undefined;
    // concat, like slice, keeps the elements' kind.
    const out: unknown[] =
      v.runs.length === 0 ? v.tail.slice() : ([] as unknown[]).concat(...v.runs, v.tail);
    memo.set(v, out);
    runsOf.set(out, v.runs);
    copyUnsettled(out, v.runs.length * RUN, walk);
    return out;
  });
}
