/**
 * The simulator's event queue: a binary min-heap ordered by (time, priority, seq).
 *
 * `seq` is a global insertion counter, so two events at the same virtual time always pop in
 * the order they were scheduled: the same input gives the same run. `priority` lets scripted
 * and user actions run after every ordinary event at their time (see simulator.ts). The order
 * is total (no two entries share a seq within a priority), so the pop order does not depend
 * on how the heap lays its entries out.
 *
 * The heap is a plain array of plain objects so a keyframe can copy it. Both operations keep
 * the moving entry's key in locals and compare it field by field: a comparison otherwise
 * loads each entry's fields again, and those loads were most of the queue's cost.
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

/**
 * Moves `item` up from the hole at `i` while its parent comes after it, then puts it there.
 * The moving entry's key is read once (this runs for every event pushed and popped).
 */
function climb<T extends Keyed>(heap: T[], i: number, item: T): void {
  const time = item.time;
  const prio = item.prio;
  const seq = item.seq;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent] as T;
    const pt = p.time;
    // Stop once the parent comes first: (pt, p.prio, p.seq) < (time, prio, seq).
    if (pt < time || (pt === time && (p.prio < prio || (p.prio === prio && p.seq < seq)))) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = item;
}

export function heapPush<T extends Keyed>(heap: T[], item: T): void {
  // The hole starts one past the end: climb's first write appends (no Array.prototype.push
  // call, which the compiler did not inline here).
  climb(heap, heap.length, item);
}

/**
 * Pops the first entry. The hole it leaves goes down to a leaf along the smaller children
 * (one comparison per level), and the last entry then climbs back from there: it came from
 * the bottom, so it rarely climbs far (Floyd's bottom-up variant: about half the comparisons
 * of sifting the last entry down from the root).
 */
export function heapPop<T extends Keyed>(heap: T[]): T | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined) return top;
  const n = heap.length;
  if (n === 0) return top;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    let c = l;
    if (r < n && before(heap[r] as T, heap[l] as T)) c = r;
    heap[i] = heap[c] as T;
    i = c;
  }
  climb(heap, i, last);
  return top;
}
