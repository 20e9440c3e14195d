/**
 * The whole consistency report on hand-written histories: linearizability with its budget,
 * availability, convergence, and the one order of the anomalies. Expected reports are worked
 * out by hand from the rules in each file's header.
 */
import { describe, expect, it } from 'vitest';
import type { ClientOpRecord } from '../types';
import { checkConsistency } from './consistency';
import { checkKvHistory } from './linearizability';
import { generateHistory, get, put, timedOutPut } from './testkit';

/** c1's a, then c2's b, then c1 reads b: nothing wrong anywhere. */
const calm = () => [
  put(1, 'c1', [0, 10], 'a'),
  put(2, 'c2', [20, 30], 'b'),
  get(3, 'c1', [40, 50], 'b'),
];

/** c1 writes a then b; the quiescent final read (c2's) returns a. */
const lostOwnWrite = () => [
  put(1, 'c1', [0, 10], 'a'),
  put(2, 'c1', [20, 30], 'b'),
  get(3, 'c2', [40, 50], 'a'),
];

/** Six concurrent puts, then a read of a value none of them wrote (on key `key`). */
function impossibleRead(key: string): ClientOpRecord[] {
  const ops = Array.from({ length: 6 }, (_, i) => ({
    ...put(i + 1, `c${i + 1}`, [0, 100], `v${i}`),
    key,
  }));
  return [...ops, { ...get(7, 'c7', [101, 102], 'nope'), key }];
}

describe('linearizability (Herlihy & Wing 1990), key by key', () => {
  it('a history with overlapping operations that can be linearized is', () => {
    const ops = [
      put(1, 'c1', [0, 10], 'a'),
      get(2, 'c2', [5, 15], null),
      get(3, 'c2', [20, 30], 'a'),
      put(4, 'c1', [25, 40], 'b'),
      get(5, 'c2', [35, 45], 'b'),
      get(6, 'c1', [50, 60], 'b'),
    ];
    expect(checkConsistency(ops)).toEqual({
      linearizable: true,
      availability: 1,
      converged: null,
      anomalies: [],
    });
  });

  it('concurrent writes read in both orders after both completed are not, and nothing else is wrong', () => {
    const ops = [
      put(1, 'c2', [0, 30], 'a'),
      put(2, 'c3', [10, 20], 'b'),
      get(3, 'c1', [40, 50], 'b'),
      get(4, 'c1', [60, 70], 'a'),
    ];
    expect(checkConsistency(ops)).toMatchObject({
      linearizable: false,
      anomalies: [{ kind: 'not-linearizable', key: 'k', ops: [1, 2, 3, 4], time: 70 }],
    });
  });

  it('a key the search cannot settle within the budget is unknown, with no anomaly', () => {
    expect(checkConsistency(impossibleRead('k'), { maxSteps: 20 })).toMatchObject({
      linearizable: 'unknown',
      anomalies: [],
    });
    expect(checkConsistency(impossibleRead('k'))).toMatchObject({
      linearizable: false,
      anomalies: [{ kind: 'not-linearizable', key: 'k', ops: [7], time: 102 }],
    });
  });

  it('one key proved not linearizable outweighs another left unknown', () => {
    const j = lostOwnWrite().map((o) => ({ ...o, id: o.id + 100, key: 'j' }));
    const report = checkConsistency([...impossibleRead('k'), ...j], { maxSteps: 20 });
    expect(report.linearizable).toBe(false);
    expect(report.anomalies.filter((a) => a.kind === 'not-linearizable')).toEqual([
      { kind: 'not-linearizable', key: 'j', ops: [101, 102, 103], time: 50 },
    ]);
  });
});

describe('availability: ok operations over completed ones', () => {
  it.each<{ name: string; ops: ClientOpRecord[]; expected: number }>([
    {
      name: 'refused and timed-out ones count against it, open ones not at all',
      ops: [
        put(1, 'c1', [0, 10], 'a'),
        get(2, 'c1', [20, 30], 'a'),
        put(3, 'c1', [40, 45], 'b', { ok: false, result: 'not_leader' }),
        timedOutPut(4, 'c1', 50, 550, 'c'),
        put(5, 'c2', [60, null], 'd'),
        get(6, 'c3', [600, 610], 'a'),
      ],
      expected: 0.6,
    },
    {
      name: 'rounded to 4 decimals',
      ops: [
        put(1, 'c1', [0, 10], 'a'),
        get(2, 'c1', [20, 30], 'a'),
        timedOutPut(3, 'c1', 40, 90, 'b'),
      ],
      expected: 0.6667,
    },
    { name: 'nothing completed: 1', ops: [put(1, 'c1', [0, null], 'a')], expected: 1 },
    { name: 'no operations: 1', ops: [], expected: 1 },
  ])('$name', ({ ops, expected }) => {
    expect(checkConsistency(ops).availability).toBe(expected);
  });
});

describe('convergence: every replica of a key ends with the same value set', () => {
  it('is null without the replicas’ final states', () => {
    expect(checkConsistency(calm()).converged).toBeNull();
    expect(checkConsistency(calm(), { replicas: null }).converged).toBeNull();
  });

  it('holds when the sets are equal, whatever their order', () => {
    const replicas = new Map([
      [
        'k',
        [
          ['b', 'a'],
          ['a', 'b', 'b'],
          ['a', 'b'],
        ],
      ],
    ]);
    expect(checkConsistency(calm(), { replicas })).toEqual({
      linearizable: true,
      availability: 1,
      converged: true,
      anomalies: [],
    });
  });

  it('a key whose replicas differ diverged, naming the puts of the values in dispute', () => {
    const replicas = new Map([
      ['j', [[], ['x']]],
      ['k', [['b'], ['a'], ['b']]],
    ]);
    expect(checkConsistency(calm(), { replicas, endTime: 900 })).toEqual({
      linearizable: true,
      availability: 1,
      converged: false,
      anomalies: [
        { kind: 'diverged', key: 'j', ops: [], time: 900 },
        { kind: 'diverged', key: 'k', ops: [1, 2], time: 900 },
      ],
    });
  });

  it('divergences at one time are ordered by their first operation, not by key', () => {
    const ops = [
      { ...put(1, 'c1', [0, 10], 'p'), key: 'z' },
      { ...put(2, 'c1', [20, 30], 'q'), key: 'a' },
    ];
    const replicas = new Map([
      ['a', [['q'], []]],
      ['z', [['p'], []]],
    ]);
    expect(checkConsistency(ops, { replicas, endTime: 40 }).anomalies).toEqual([
      { kind: 'diverged', key: 'z', ops: [1], time: 40 },
      { kind: 'diverged', key: 'a', ops: [2], time: 40 },
    ]);
  });

  it('without an end time, a divergence is dated at the history’s last moment', () => {
    const replicas = new Map([['k', [['a'], ['b']]]]);
    expect(checkConsistency(calm(), { replicas }).anomalies).toEqual([
      { kind: 'diverged', key: 'k', ops: [1, 2], time: 50 },
    ]);
  });
});

describe('the report as a whole', () => {
  it('lists every kind a lost own write shows, at one time, ordered by kind', () => {
    // b (begun at 20) should have superseded a (completed at 10): lost, stale, reordered.
    expect(checkConsistency(lostOwnWrite()).anomalies).toEqual([
      { kind: 'lost-write', key: 'k', ops: [2, 3], time: 50 },
      { kind: 'monotonic-writes', key: 'k', ops: [1, 2, 3], time: 50 },
      { kind: 'not-linearizable', key: 'k', ops: [1, 2, 3], time: 50 },
      { kind: 'stale-read', key: 'k', ops: [2, 3], time: 50 },
    ]);
  });

  it('a final read of diverged replicas proves nothing about write order', () => {
    const replicas = new Map([['k', [['a'], ['b']]]]);
    const kinds = checkConsistency(lostOwnWrite(), { replicas, endTime: 100 }).anomalies.map(
      (a) => a.kind,
    );
    expect(kinds).toEqual(['lost-write', 'not-linearizable', 'stale-read', 'diverged']);
  });

  it('siblings are not an anomaly of the report, though a register cannot return two values', () => {
    const ops = [
      put(1, 'c1', [0, 10], 'a'),
      put(2, 'c2', [0, 12], 'b'),
      get(3, 'c3', [20, 30], 'a|b'),
    ];
    expect(checkConsistency(ops).anomalies).toEqual([
      { kind: 'not-linearizable', key: 'k', ops: [3], time: 30 },
    ]);
  });

  it('splits siblings on the separator it is given', () => {
    const ops = [
      put(1, 'c1', [0, 10], 'a'),
      put(2, 'c1', [20, 30], 'b'),
      get(3, 'c2', [40, 50], 'a+b'),
    ];
    const kinds = (separator?: string) =>
      checkConsistency(ops, { separator }).anomalies.map((a) => a.kind);
    expect(kinds('+')).toContain('monotonic-writes');
    expect(kinds()).not.toContain('monotonic-writes');
  });

  it('gives the same bytes for the same history, whatever order its records come in', () => {
    const ops = [...lostOwnWrite(), ...impossibleRead('j').map((o) => ({ ...o, id: o.id + 10 }))];
    const replicas = new Map([['k', [['a'], ['a']]]]);
    const bytes = (records: ClientOpRecord[]) =>
      JSON.stringify(checkConsistency(records, { replicas }));
    const once = bytes(ops);
    expect(bytes(ops)).toBe(once);
    expect(bytes([...ops].reverse())).toBe(once);
    expect(bytes([...ops.slice(5), ...ops.slice(0, 5)])).toBe(once);
  });
});

describe('properties on generated histories', () => {
  it('a correct register, however concurrent, shows no anomaly at all', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const records = generateHistory({ ops: 400, clients: 6, keys: 3, staleReads: 0, seed });
      expect(checkConsistency(records), `seed ${seed}`).toMatchObject({
        linearizable: true,
        anomalies: [],
      });
    }
  });

  it('every not-linearizable witness fails on its own, and the key fails by its time', () => {
    let witnesses = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const records = generateHistory({ ops: 400, clients: 6, keys: 3, staleReads: 0.05, seed });
      for (const a of checkConsistency(records).anomalies) {
        if (a.kind !== 'not-linearizable') continue;
        witnesses++;
        const ids = new Set(a.ops);
        expect(checkKvHistory(records.filter((r) => ids.has(r.id))).illegal).toEqual([a.key]);
        // Everything invoked by `time`, cut there, already fails.
        const before = records
          .filter((r) => r.key === a.key && r.invokedAt <= a.time)
          .map((r) =>
            r.completedAt !== null && r.completedAt > a.time
              ? { ...r, completedAt: null, ok: false, result: null }
              : r,
          );
        expect(checkKvHistory(before).illegal).toEqual([a.key]);
      }
    }
    expect(witnesses).toBeGreaterThan(20);
  });
});

describe('a history cut at a moment (ended: false)', () => {
  it('reports no lost write from a "final" read that is only the last one so far', () => {
    // put a=1 completes, then put a=2 completes, then a get returns 1: stale, and — were
    // the history complete — a lost write of 2.
    const records = [
      put(1, 'c1', [0, 10], '1', { key: 'a' }),
      put(2, 'c2', [20, 30], '2', { key: 'a' }),
      get(3, 'c3', [40, 50], '1', { key: 'a' }),
    ];
    const kinds = (ended: boolean) =>
      checkConsistency(records, { ended }).anomalies.map((a) => a.kind);
    expect(kinds(true)).toContain('lost-write');
    expect(kinds(false)).not.toContain('lost-write');
    expect(kinds(false)).toContain('stale-read');
  });
});
