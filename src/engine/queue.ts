/**
 * The simulator's event queue: a binary min-heap ordered by (time, priority, seq).
 *
 * `seq` is a global insertion counter, so two events at the same virtual time always pop in
 * the order they were scheduled: the same input gives the same run. `priority` lets scripted
 * and user actions run after every ordinary event at their time (see simulator.ts).
 *
 * The heap is a plain array of plain objects so a keyframe can structuredClone it.
 */

export interface Keyed {
  time: number;
  prio: number;
  seq: number;
}

export function before(a: Keyed, b: Keyed): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.prio !== b.prio) return a.prio < b.prio;
  return a.seq < b.seq;
}

export function heapPush<T extends Keyed>(heap: T[], item: T): void {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent] as T;
    if (!before(item, p)) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = item;
}

export function heapPop<T extends Keyed>(heap: T[]): T | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  const n = heap.length;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    let c = l;
    if (r < n && before(heap[r] as T, heap[l] as T)) c = r;
    const child = heap[c] as T;
    if (!before(child, last)) break;
    heap[i] = child;
    i = c;
  }
  heap[i] = last;
  return top;
}
