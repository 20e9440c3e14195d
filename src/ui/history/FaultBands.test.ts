import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import type { FaultPeriod } from '../../engine/analysis/faults';
import { bandsIn, faultTitle } from './FaultBands';

const fault = (start: number, end: number, open = false): FaultPeriod =>
  ({ kind: 'crash', start, end, open, label: 'S1 down', node: 'S1' }) as FaultPeriod;

describe('bandsIn', () => {
  const x = scaleLinear().domain([100, 200]).range([50, 150]);
  it('keeps the faults overlapping the domain, clipped to the range', () => {
    const bands = bandsIn([fault(0, 90), fault(80, 120), fault(150, 400), fault(130, 130)], x);
    expect(bands.map((b) => [b.fault.start, b.x, b.width])).toEqual([
      [80, 50, 20],
      [150, 100, 50],
      [130, 80, 1],
    ]);
  });
  it('titles a fault with its times', () => {
    expect(faultTitle(fault(10, 20))).toBe('S1 down: 10 ms – 20 ms');
    expect(faultTitle(fault(10, 20, true))).toBe('S1 down: 10 ms – end');
  });
});
