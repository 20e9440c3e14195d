import { describe, expect, it } from 'vitest';
import { createStream, nextFloat } from '../rng';
import { expectedArrivals, nextArrival, rateAt, ratePieces } from './arrivals';
import type { OpenLoad } from './config';

const open = (rate: number, phases: OpenLoad['phases']): OpenLoad => ({
  model: 'open',
  rate,
  phases,
  clients: 1,
  keys: 1,
});

function arrivals(load: OpenLoad, duration: number, seed = 1): number[] {
  const pieces = ratePieces(load, duration);
  const rng = createStream(seed, 'arrivals');
  const out: number[] = [];
  let t = 0;
  let piece = 0;
  for (;;) {
    const next = nextArrival(pieces, t, -Math.log(1 - nextFloat(rng)), piece);
    if (next.time >= duration) return out;
    out.push(next.time);
    t = next.time;
    piece = next.piece;
  }
}

const countIn = (ts: number[], a: number, b: number) => ts.filter((t) => t >= a && t < b).length;

describe('open-load arrivals', () => {
  it('phases: a step, a linear ramp (to), a spike, and the rate before the first phase', () => {
    const load = open(10, [
      { at: 10_000, rate: 100 },
      { at: 20_000, rate: 0, to: 200 },
      { at: 30_000, rate: 50 },
    ]);
    const p = ratePieces(load, 40_000);
    expect(rateAt(p, 5000) * 1000).toBeCloseTo(10);
    expect(rateAt(p, 15_000) * 1000).toBeCloseTo(100);
    expect(rateAt(p, 25_000) * 1000).toBeCloseTo(100);
    expect(rateAt(p, 35_000) * 1000).toBeCloseTo(50);
    // Λ: 10·10 + 100·10 + (0+200)/2·10 + 50·10 = 2600 arrivals.
    expect(expectedArrivals(p, 40_000)).toBeCloseTo(2600, 6);
    // The last phase with `to` ramps until the run's end.
    expect(
      rateAt(ratePieces(open(0, [{ at: 0, rate: 0, to: 100 }]), 10_000), 5000) * 1000,
    ).toBeCloseTo(50);
  });

  it('counts match the integrated rate, with Poisson dispersion (variance = mean)', () => {
    // A ramp 0 → 400/s over 100 s: expected count in [a, b) is ∫ rate.
    const load = open(0, [{ at: 0, rate: 0, to: 400 }]);
    const ts = arrivals(load, 100_000);
    const p = ratePieces(load, 100_000);
    for (const [a, b] of [
      [0, 20_000],
      [40_000, 60_000],
      [80_000, 100_000],
    ] as const) {
      const want = expectedArrivals(p, b) - expectedArrivals(p, a);
      // A Poisson count: 5 standard deviations.
      expect(Math.abs(countIn(ts, a, b) - want)).toBeLessThan(5 * Math.sqrt(want));
    }
    // Constant 100/s: counts per second have mean and variance 100 (index of dispersion 1).
    const flat = arrivals(open(100, []), 400_000, 2);
    const counts = Array.from({ length: 400 }, (_, s) => countIn(flat, s * 1000, s * 1000 + 1000));
    const m = counts.reduce((a, b) => a + b, 0) / counts.length;
    const v = counts.reduce((a, c) => a + (c - m) ** 2, 0) / (counts.length - 1);
    expect(Math.abs(m - 100)).toBeLessThan(2.5);
    // The sample variance of 400 Poisson(100) counts has a standard error of about 7.
    expect(Math.abs(v - 100)).toBeLessThan(30);
  });

  it('a rate of 0 makes no arrivals until a later phase', () => {
    const ts = arrivals(open(0, [{ at: 5000, rate: 100 }]), 6000);
    expect(ts.length).toBeGreaterThan(50);
    expect(Math.min(...ts)).toBeGreaterThanOrEqual(5000);
    expect(arrivals(open(0, []), 10_000)).toEqual([]);
  });
});
