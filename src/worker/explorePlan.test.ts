/** Splitting an exploration's seeds between workers, and adding their progress up. */
import { describe, expect, it } from 'vitest';
import { mergeProgress, shareSize, splitSeeds } from './explorePlan';
import type { ExploreFailure } from './exploreProtocol';

function seedsOf(from: number, to: number, workers: number): number[][] {
  return splitSeeds(from, to, workers).map((s) => {
    const out: number[] = [];
    for (let x = s.from; x <= s.to; x += s.step) out.push(x);
    expect(out.length).toBe(shareSize(s));
    return out;
  });
}

function failure(seed: number): ExploreFailure {
  return {
    seed,
    kind: 'Election Safety',
    by: 'invariant',
    message: '',
    eventId: 1,
    related: [],
    nodes: [],
    time: 0,
    original: 5,
    shrunk: 1,
    scenarioText: '{}',
  };
}

describe('splitSeeds', () => {
  it('covers every seed once, interleaved', () => {
    const shares = seedsOf(1, 10, 4);
    expect(shares).toEqual([
      [1, 5, 9],
      [2, 6, 10],
      [3, 7],
      [4, 8],
    ]);
    expect(shares.flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('never starts more workers than seeds, nor fewer than one', () => {
    expect(seedsOf(7, 8, 4)).toEqual([[7], [8]]);
    expect(seedsOf(1, 3, 0)).toEqual([[1, 2, 3]]);
    expect(splitSeeds(5, 4, 4)).toEqual([]);
  });
});

describe('mergeProgress', () => {
  it('sums runs, sorts failures by seed and finishes when every worker did', () => {
    const p = mergeProgress(
      [
        { done: 3, failures: [failure(9), failure(1)], finished: true },
        { done: 2, failures: [failure(4)], finished: false },
      ],
      10,
      500,
    );
    expect(p.done).toBe(5);
    expect(p.total).toBe(10);
    expect(p.runsPerSecond).toBe(10);
    expect(p.failures.map((f) => f.seed)).toEqual([1, 4, 9]);
    expect(p.finished).toBe(false);
    expect(mergeProgress([{ done: 1, failures: [], finished: true }], 1, 0)).toMatchObject({
      finished: true,
      runsPerSecond: 0,
    });
  });
});
