/**
 * Witnesses of non-linearizability: the first failing prefix, narrowed to the few operations
 * that fail on their own (expected sets worked out by hand from witness.ts's steps).
 */
import { describe, expect, it } from 'vitest';
import type { ClientOpRecord } from '../types';
import { kvHistories } from './linearizability';
import { get, put, timedOutPut } from './testkit';
import { findWitness } from './witness';

const history = (records: ClientOpRecord[]) => kvHistories(records).get('k')!;

/** A lost update (ops 1–3, fails at 50), then 20 correct write-read rounds (ops 4–43). */
function lostUpdateThenCalm(): ClientOpRecord[] {
  const ops = [
    put(1, 'c1', [0, 10], 'a'),
    put(2, 'c2', [20, 30], 'b'),
    get(3, 'c3', [40, 50], 'a'),
  ];
  for (let i = 0; i < 20; i++) {
    const t = 100 + 20 * i;
    ops.push(
      put(4 + 2 * i, 'c1', [t, t + 5], `v${i}`),
      get(5 + 2 * i, 'c2', [t + 10, t + 15], `v${i}`),
    );
  }
  return ops;
}

describe('witness of a non-linearizable key', () => {
  it('names only the operations of the failure, at the moment it happened', () => {
    expect(findWitness(history(lostUpdateThenCalm()), Infinity)).toEqual({
      ops: [1, 2, 3],
      time: 50,
    });
  });

  it('drops a read in the window that the failure does not need', () => {
    // The window from 35 on holds all four; without c2's read of b, a lost update remains.
    const ops = [
      put(1, 'c1', [0, 10], 'a'),
      put(2, 'c2', [20, 30], 'b'),
      get(3, 'c3', [25, 35], 'b'),
      get(4, 'c4', [40, 50], 'a'),
    ];
    expect(findWitness(history(ops), Infinity)).toEqual({ ops: [1, 2, 4], time: 50 });
  });

  it('keeps every operation of a failure that needs them all', () => {
    // a spans b; reading b then a after both completed needs all four to fail.
    const ops = [
      put(1, 'c2', [0, 30], 'a'),
      put(2, 'c3', [10, 20], 'b'),
      get(3, 'c1', [40, 50], 'b'),
      get(4, 'c1', [60, 70], 'a'),
    ];
    expect(findWitness(history(ops), Infinity)).toEqual({ ops: [1, 2, 3, 4], time: 70 });
  });

  it('keeps an unfinished put that a read saw take effect', () => {
    const ops = [
      timedOutPut(1, 'c1', 0, 500, 'x'),
      get(2, 'c2', [20, 30], 'x'),
      get(3, 'c3', [40, 50], null),
    ];
    expect(findWitness(history(ops), Infinity)).toEqual({ ops: [1, 2, 3], time: 50 });
  });

  it('a read of a value nobody wrote is its own witness', () => {
    const ops = [
      put(1, 'c1', [0, 10], 'a'),
      put(2, 'c2', [0, 12], 'b'),
      get(3, 'c3', [20, 30], 'a|b'),
    ];
    expect(findWitness(history(ops), Infinity)).toEqual({ ops: [3], time: 30 });
  });

  it('out of budget, it names only the last operation of the whole history', () => {
    // One step is spent on the first prefix search; 43 ops are too many to list.
    expect(findWitness(history(lostUpdateThenCalm()), 1)).toEqual({ ops: [43], time: 495 });
  });
});
