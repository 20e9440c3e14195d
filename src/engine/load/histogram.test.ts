import { describe, expect, it } from 'vitest';
import { createStream, exponential } from '../rng';
import { createHistogram, HISTOGRAM_RELATIVE_ERROR, mean, percentile, record } from './histogram';

const exact = (sorted: number[], p: number) =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;

describe('log-linear histogram', () => {
  it('reads every percentile within its stated relative error of the exact sample quantile', () => {
    const rng = createStream(3, 'histogram');
    const h = createHistogram();
    const xs: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      // Spread over six decades, 1 µs to ~1 s, microsecond-rounded as the simulator's times.
      const x = Math.round(exponential(rng, 1) ** 4 * 10_000) / 1000;
      xs.push(x);
      record(h, x);
    }
    xs.sort((a, b) => a - b);
    for (const p of [0, 1, 10, 50, 90, 95, 99, 99.9, 99.99, 100]) {
      const want = exact(xs, p);
      const got = percentile(h, p);
      expect(Math.abs(got - want)).toBeLessThanOrEqual(want * HISTOGRAM_RELATIVE_ERROR + 0.0005);
    }
    expect(h.count).toBe(50_000);
    expect(mean(h)).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 9);
    expect(h.min).toBe(xs[0]);
    expect(h.max).toBe(xs.at(-1));
  });

  it('is exact below 128 µs and NaN when empty', () => {
    const h = createHistogram();
    expect(percentile(h, 50)).toBeNaN();
    for (const x of [0.001, 0.002, 0.003, 0.127]) record(h, x);
    expect(percentile(h, 50)).toBe(0.002);
    expect(percentile(h, 100)).toBe(0.127);
  });

  it('is plain data: a structured clone reads the same', () => {
    const h = createHistogram();
    for (let i = 1; i <= 1000; i++) record(h, i * 1.7);
    const c = structuredClone(h);
    expect(percentile(c, 99)).toBe(percentile(h, 99));
  });
});
