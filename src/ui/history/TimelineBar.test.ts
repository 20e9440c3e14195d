import { describe, expect, it } from 'vitest';
import { niceCeil } from './TimelineBar';

describe('niceCeil: the moving end of the timeline scale', () => {
  it.each([
    [0, 0],
    [1, 1],
    [1.01, 1.2],
    [7_300, 8_000],
    [8_000, 8_000],
    [8_001, 10_000],
    [61_000, 80_000],
    [123_456, 150_000],
  ])('%d → %d', (t, end) => {
    expect(niceCeil(t)).toBe(end);
  });

  it('changes a handful of times per power of ten as the head moves', () => {
    const ends = new Set<number>();
    for (let t = 10_000; t < 100_000; t += 250) ends.add(niceCeil(t));
    expect(ends.size).toBeLessThanOrEqual(11);
  });
});
