import { describe, expect, it } from 'vitest';
import type { KneeStep } from '../../../engine/analysis/knee';
import {
  capacityLabel,
  chartName,
  drawable,
  kneeLabel,
  kneePath,
  kneeScales,
  stepCells,
  STEP_COLUMNS,
} from './kneeChart';

const step = (
  n: number,
  offered: number,
  throughput: number,
  p50: number | null,
  p99: number | null,
): KneeStep => ({
  step: n,
  offered,
  rate: offered / 100,
  throughput,
  p50,
  p99,
  completed: 10,
  failed: n === 3 ? 2 : 0,
});

const STEPS = [step(1, 100, 99, 10, 15), step(2, 200, 190, 12, 20), step(3, 300, 210, 80, 120)];
const BOX = { width: 600, height: 300, margin: { top: 10, right: 20, bottom: 40, left: 60 } };

describe('the capacity chart', () => {
  it('scales throughput across and latency up, from 0 to past the largest values', () => {
    const { x, y } = kneeScales(STEPS, BOX);
    expect(x(0)).toBe(60);
    expect(x.domain()[1]).toBeGreaterThanOrEqual(210);
    expect(y(0)).toBe(260);
    expect(y.domain()[1]).toBeGreaterThanOrEqual(120);
    // Higher latency is drawn higher (smaller y).
    expect(y(120)).toBeLessThan(y(15));
  });

  it('draws a line through every step that completed something, in ramp order', () => {
    const steps = [...STEPS, step(4, 400, 0, null, null)];
    expect(drawable(steps)).toHaveLength(3);
    const scales = kneeScales(steps, BOX);
    const d = kneePath(steps, 'p99', scales);
    const points = [...d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    const expected = STEPS.map((st) => [scales.x(st.throughput), scales.y(st.p99!)]);
    expect(points).toHaveLength(3);
    points.forEach(([px, py], i) => {
      expect(px).toBeCloseTo(expected[i]![0]!, 2);
      expect(py).toBeCloseTo(expected[i]![1]!, 2);
    });
    expect(kneePath([], 'p50', scales)).toBe('');
  });

  it('labels the knee and names the chart in words', () => {
    const knee = { offered: 200, throughput: 190, p99: 20 };
    expect(kneeLabel(knee)).toBe('knee: 200 ops/s offered → 190 ops/s, p99 20 ms');
    expect(kneeLabel({ ...knee, p99: 4.25 })).toMatch(/p99 4\.3 ms$/);
    expect(capacityLabel(654.4)).toBe('capacity ≈ 654 ops/s');
    expect(chartName(STEPS, knee)).toBe(
      'latency against throughput, 3 steps: knee: 200 ops/s offered → 190 ops/s, p99 20 ms; at 300 ops/s offered, 210 ops/s with p99 120 ms',
    );
    expect(chartName(STEPS, null)).toContain('no knee found');
    expect(chartName([], null)).toMatch(/no step completed/);
  });

  it('writes a table row per step under the columns', () => {
    expect(stepCells(STEPS[2]!)).toEqual([
      '3',
      '300 ops/s',
      '210 ops/s',
      '70 %',
      '80 ms',
      '120 ms',
      '2',
    ]);
    expect(stepCells(step(4, 400, 0, null, null))).toEqual([
      '4',
      '400 ops/s',
      '0 ops/s',
      '0 %',
      '–',
      '–',
      '0',
    ]);
    expect(stepCells(STEPS[0]!)).toHaveLength(STEP_COLUMNS.length);
  });
});
