import { describe, expect, it } from 'vitest';
import { restoreKeyframe, storedElements, storeKeyframe } from './keyframeStore';

/** Object slots (array elements, object fields) reachable from `root` and not in `seen`. */
function newSlots(root: unknown, seen: Set<object>): number {
  let slots = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    const values = Object.values(v);
    slots += 1 + values.length;
    for (const c of values) stack.push(c);
  }
  return slots;
}

const entry = (i: number) => Object.freeze({ index: i, term: 1 });

describe('keyframe store', () => {
  it('restores what it stored, at every length around the pieces’ sizes', () => {
    for (const n of [0, 1, 31, 32, 33, 255, 256, 257, 4095, 4096, 4113, 70_000]) {
      const log = Array.from({ length: n }, (_, i) => entry(i));
      // Unsettled elements (not frozen) past some point, as pending operation records are.
      const ops = Array.from({ length: n }, (_, i) => (i < n - 5 ? entry(i) : { pending: i }));
      const nums = Array.from({ length: n }, (_, i) => i * 0.5);
      const state = { log, ops, nums, node: { term: 3, peers: ['S1', 'S2'] } };
      const kf = storeKeyframe(state);
      const back = restoreKeyframe(kf);
      expect(back).toEqual(state);
      expect(Array.isArray(back.log)).toBe(true);
      expect(storedElements(kf.log)).toEqual(log);
      // Copies, not the live objects: changing the restored state leaves the keyframe as it was.
      if (n > 0) {
        expect(back.ops[n - 1]).not.toBe(ops[n - 1]);
        (back.ops[n - 1] as { pending: number }).pending = -1;
        expect(restoreKeyframe(kf).ops[n - 1]).toEqual({ pending: n - 1 });
      }
    }
  });

  it('keeps aliasing: an object held twice is restored once', () => {
    const shared = { x: 1 };
    const long = Array.from({ length: 100 }, () => shared);
    const back = restoreKeyframe(storeKeyframe({ a: shared, b: shared, long }));
    expect(back.a).toBe(back.b);
    expect(back.long[99]).toBe(back.a);
  });

  it('shares what did not change with the keyframe before', () => {
    const log: object[] = [];
    const node = { term: 1, members: ['S1', 'S2', 'S3'], log };
    for (let i = 0; i < 1000; i++) log.push(entry(i));
    const a = storeKeyframe({ node });
    node.term = 2;
    log.push(entry(1000));
    const b = storeKeyframe({ node });
    expect(b.node).not.toBe(a.node);
    expect(b.node.members).toBe(a.node.members);
    expect(storeKeyframe({ node }).node).toBe(b.node);
    // The second keyframe costs a few slots, not a copy of the log.
    const seen = new Set<object>();
    newSlots(a, seen);
    expect(newSlots(b, seen)).toBeLessThan(100);
  });

  it('costs the same per keyframe early and late in a long run (pieces, not runs)', () => {
    const log: object[] = [];
    const cost: number[] = [];
    const seen = new Set<object>();
    for (let k = 0; k < 500; k++) {
      for (let i = 0; i < 100; i++) log.push(entry(log.length));
      cost.push(newSlots(storeKeyframe({ log }), seen));
    }
    // 100 new elements a keyframe (3 slots each) and what holds them (leaves, then groups):
    // flat from 10 000 to 50 000 elements.
    const structure = (from: number, to: number) =>
      cost.slice(from, to).reduce((s, c) => s + c - 300, 0) / (to - from);
    const early = structure(90, 110);
    expect(early).toBeLessThan(300);
    expect(structure(480, 500)).toBeLessThan(early * 1.2);
  });

  it('a restored state shares with the keyframe it came from', () => {
    const log = Array.from({ length: 5000 }, (_, i) => entry(i));
    const a = storeKeyframe({ log });
    const live = restoreKeyframe(a);
    live.log.push(entry(5000));
    const seen = new Set<object>();
    newSlots(a, seen);
    expect(newSlots(storeKeyframe(live), seen)).toBeLessThan(100);
  });

  it('stores an object of many keys (client sessions) as shared pieces, flat per keyframe', () => {
    // One new client session a request, as the lab's user requests make them: a copy of the
    // whole table per keyframe grew the history with the square of the run.
    const sessions: Record<string, object> = {};
    const state = { store: { kv: { x: '1' }, sessions } };
    const cost: number[] = [];
    const seen = new Set<object>();
    let n = 0;
    for (let k = 0; k < 300; k++) {
      for (let i = 0; i < 50; i++) sessions[`u${++n}`] = Object.freeze({ seq: 1, result: null });
      cost.push(newSlots(storeKeyframe(state), seen));
    }
    // 50 new sessions a keyframe (3 slots each, and a key) and the pieces that hold them.
    const mean = (from: number, to: number) =>
      cost.slice(from, to).reduce((a, c) => a + c, 0) / (to - from);
    expect(mean(40, 60)).toBeLessThan(600);
    expect(mean(280, 300)).toBeLessThan(mean(40, 60) * 1.3);
    // Restored, it is the same table (keys in the same order, '__proto__' an own entry).
    Object.defineProperty(sessions, '__proto__', {
      value: Object.freeze({ seq: 2, result: 'v' }),
      writable: true,
      enumerable: true,
      configurable: true,
    });
    const back = restoreKeyframe(storeKeyframe(state));
    expect(back).toEqual(state);
    expect(Object.keys(back.store.sessions)).toEqual(Object.keys(sessions));
    expect(Object.getPrototypeOf(back.store.sessions)).toBe(Object.prototype);
    expect(Object.hasOwn(back.store.sessions, '__proto__')).toBe(true);
    expect(back.store.sessions).not.toBe(sessions);
  });
});
