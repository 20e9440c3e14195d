import { describe, expect, it } from 'vitest';
import { createStream, nextFloat } from '../../rng';
import { drawService, serviceSigma } from './service';
import type { Distribution } from './types';

describe('service-time distributions', () => {
  const draws = (distribution: Distribution, sigma: number | null, n = 200_000) => {
    const rng = createStream(5, distribution);
    const s = { distribution, mean: 10, sigma };
    return Array.from({ length: n }, () => drawService(s, () => nextFloat(rng)));
  };
  const stats = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const v = xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
    return { mean: m, sd: Math.sqrt(v), min: xs.reduce((a, b) => Math.min(a, b), Infinity) };
  };

  it.each([
    ['exponential', null, 10],
    ['uniform', null, 10 / Math.sqrt(3)],
    ['uniform', 2, 2],
    ['lognormal', 5, 5],
    ['lognormal', null, 10],
    ['bimodal', 6, 6],
  ] as const)('%s (sigma %s): mean 10 ms and standard deviation %f', (d, sigma, sd) => {
    const s = stats(draws(d, sigma));
    // 200 000 draws: the mean's standard error is sd/447, under 0.25 %; 1.5 % allows the
    // heavier lognormal tail. The standard deviation within 3 %.
    expect(Math.abs(s.mean - 10)).toBeLessThan(0.15);
    expect(Math.abs(s.sd - sd) / sd).toBeLessThan(0.03);
    expect(s.min).toBeGreaterThanOrEqual(0);
    expect(serviceSigma({ distribution: d, mean: 10, sigma })).toBeCloseTo(sd, 9);
  });

  it('constant is constant; bimodal has two values, 10 % slow', () => {
    expect(new Set(draws('constant', null, 100))).toEqual(new Set([10]));
    const b = draws('bimodal', 3);
    expect(new Set(b)).toEqual(new Set([9, 19]));
    expect(Math.abs(b.filter((x) => x === 19).length / b.length - 0.1)).toBeLessThan(0.003);
  });
});
