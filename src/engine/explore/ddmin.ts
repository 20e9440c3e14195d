/**
 * Delta debugging (Zeller & Hildebrandt, "Simplifying and Isolating Failure-Inducing Input",
 * IEEE TSE 2002, the ddmin algorithm): the smallest sub-sequence of `items` it can find for
 * which `fails` still holds, by trying ever finer chunks and their complements. The result is
 * 1-minimal — removing any single item makes the failure go — unless the test budget ran out.
 * Order is kept; each distinct subset is tested once.
 */
export interface DdminResult<T> {
  items: T[];
  /** How many times `fails` was called. */
  tests: number;
}

export function ddmin<T>(
  items: readonly T[],
  fails: (subset: T[]) => boolean,
  /** At most this many calls of `fails` (the input fails already; it is not tested). */
  budget = 1000,
): DdminResult<T> {
  const seen = new Map<string, boolean>();
  let tests = 0;
  const test = (indices: number[]): boolean => {
    const key = indices.join(',');
    const known = seen.get(key);
    if (known !== undefined) return known;
    if (tests >= budget) return false;
    tests++;
    const result = fails(indices.map((i) => items[i]!));
    seen.set(key, result);
    return result;
  };
  let current = items.map((_, i) => i);
  if (current.length > 0 && test([])) return { items: [], tests };
  let n = 2;
  while (current.length >= 2) {
    const chunks = split(current, n);
    let next: number[] | null = null;
    let nextN = n;
    // Reduce to a chunk…
    for (const chunk of chunks) {
      if (test(chunk)) {
        next = chunk;
        nextN = 2;
        break;
      }
    }
    // …or to a complement.
    if (next === null && n > 2) {
      for (let i = 0; i < chunks.length; i++) {
        const complement = chunks.filter((_, j) => j !== i).flat();
        if (test(complement)) {
          next = complement;
          nextN = Math.max(n - 1, 2);
          break;
        }
      }
    }
    if (next !== null) {
      current = next;
      n = nextN;
    } else if (n >= current.length) break;
    else n = Math.min(current.length, 2 * n);
  }
  return { items: current.map((i) => items[i]!), tests };
}

/** `n` chunks of nearly equal size, in order. */
function split(xs: number[], n: number): number[][] {
  const out: number[][] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = start + Math.floor((xs.length - start) / (n - i));
    out.push(xs.slice(start, end));
    start = end;
  }
  return out;
}
