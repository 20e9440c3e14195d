import { describe, expect, it } from 'vitest';
import { heapPop, heapPush } from './queue';
import type { Keyed } from './queue';
import { createStream, nextFloat } from './rng';

describe('event queue', () => {
  it('pops by time, then priority, then insertion sequence', () => {
    const heap: (Keyed & { label: string })[] = [];
    const items = [
      { time: 5, prio: 0, seq: 1, label: 'a' },
      { time: 3, prio: 1, seq: 2, label: 'b' },
      { time: 3, prio: 0, seq: 3, label: 'c' },
      { time: 3, prio: 0, seq: 4, label: 'd' },
      { time: 1, prio: 0, seq: 5, label: 'e' },
    ];
    for (const it of items) heapPush(heap, it);
    const order: string[] = [];
    for (let ev = heapPop(heap); ev; ev = heapPop(heap)) order.push(ev.label);
    expect(order).toEqual(['e', 'c', 'd', 'b', 'a']);
  });

  it('matches a sort of thousands of random keys with many ties', () => {
    const rng = createStream(7, 'queue-test');
    const heap: Keyed[] = [];
    const all: Keyed[] = [];
    for (let seq = 1; seq <= 5000; seq++) {
      const item = {
        time: Math.floor(nextFloat(rng) * 50),
        prio: nextFloat(rng) < 0.2 ? 1 : 0,
        seq,
      };
      all.push(item);
      heapPush(heap, item);
      // Interleave pops with pushes, as the simulator does.
      if (seq % 7 === 0) all.splice(all.indexOf(heapPop(heap)!), 1);
    }
    const expected = [...all].sort((a, b) => a.time - b.time || a.prio - b.prio || a.seq - b.seq);
    const popped: Keyed[] = [];
    for (let ev = heapPop(heap); ev; ev = heapPop(heap)) popped.push(ev);
    expect(popped).toEqual(expected);
  });

  it('returns undefined when empty', () => {
    expect(heapPop([])).toBeUndefined();
  });
});
