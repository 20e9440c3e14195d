/** Test helper: where two long strings first differ, with a little context (not the whole text). */
export function firstDifference(a: string, b: string): string | null {
  if (a === b) return null;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `differ at ${i}: …${a.slice(Math.max(0, i - 80), i + 80)}… vs …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

/**
 * JSON of a simulator state with the event queue in pop order: two runs that will pop the
 * same events may hold them in different heap layouts, which is not a difference.
 */
export function canonicalStateJson(state: {
  queue: { time: number; prio: number; seq: number }[];
}): string {
  const queue = [...state.queue].sort(
    (a, b) => a.time - b.time || a.prio - b.prio || a.seq - b.seq,
  );
  return JSON.stringify({ ...state, queue });
}
