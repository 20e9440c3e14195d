import { describe, expect, it } from 'vitest';
import { queueColor, queuePoints, queueSummary, queueTop, recentMean } from './queueChart';

const q = { step: 500, waiting: [0, 1, 4, 2, 6, 8], max: [0, 2, 5, 3, 7, 9] };

describe('the queue chart data', () => {
  it('draws a step per bucket and holds the last mean up to the cursor', () => {
    expect(queuePoints(q, 2900)).toEqual([
      { t: 0, waiting: 0 },
      { t: 500, waiting: 1 },
      { t: 1000, waiting: 4 },
      { t: 1500, waiting: 2 },
      { t: 2000, waiting: 6 },
      { t: 2500, waiting: 8 },
      { t: 2900, waiting: 8 },
    ]);
    expect(queuePoints(null, 100)).toEqual([]);
    expect(queuePoints({ step: 100, waiting: [], max: [] }, 100)).toEqual([]);
  });

  it('scales to the highest mean, at least 1', () => {
    expect(queueTop([q, null])).toBe(8);
    expect(queueTop([{ step: 100, waiting: [0.2], max: [1] }])).toBe(1);
  });

  it('names each backend with its last 2 s mean and its peak', () => {
    // 2 s = the last 4 buckets of 500 ms: (4 + 2 + 6 + 8) / 4.
    expect(recentMean(q)).toBe(5);
    expect(queueSummary(['S1', 'S2'], [q, null])).toBe(
      'S1 recent 5.0, peak 8.0; S2 recent 0.0, peak 0.0',
    );
    expect(queueColor(0)).not.toBe(queueColor(1));
    expect(queueColor(10)).toBe(queueColor(0));
  });
});
