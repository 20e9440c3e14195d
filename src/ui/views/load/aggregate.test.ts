import { describe, expect, it } from 'vitest';
import type { ClientOpRecord } from '../../../engine/types';
import { aggregateCsv, aggregateReport } from './aggregate';

function op(
  id: number,
  backend: string,
  invokedAt: number,
  latency: number | null,
  ok = true,
): ClientOpRecord {
  return {
    id,
    client: 'u1',
    op: 'get',
    key: backend,
    value: null,
    invokedAt,
    completedAt: latency === null ? null : invokedAt + latency,
    ok: latency !== null && ok,
    result: null,
    attempts: 1,
  };
}

describe('the aggregate report', () => {
  // S1 answers in 10, 20, 30 and 40 ms; S2 fails once in 100 ms; one request is still open.
  const ops = [
    op(1, 'S1', 0, 10),
    op(2, 'S1', 100, 20),
    op(3, 'S2', 200, 100, false),
    op(4, 'S1', 300, 30),
    op(5, 'S1', 400, 40),
    op(6, 'S2', 450, null),
  ];

  it('has a row per backend and TOTAL, with the figures worked out by hand', () => {
    const [s1, s2, total] = aggregateReport(ops);
    expect(s1).toMatchObject({ label: 'S1', samples: 4, mean: 25, min: 10, max: 40, errorPct: 0 });
    // R-7 median of 10, 20, 30, 40 is 25; the 90 % line 37.
    expect(s1!.median).toBe(25);
    expect(s1!.p90).toBeCloseTo(37, 9);
    // Four answers between 0 ms and 440 ms.
    expect(s1!.throughput).toBeCloseTo(4000 / 440, 9);
    expect(s2).toMatchObject({ label: 'S2', samples: 1, errorPct: 100 });
    expect(total).toMatchObject({ label: 'TOTAL', samples: 5, mean: 40, min: 10, max: 100 });
    expect(total!.errorPct).toBe(20);
  });

  it('writes JMeter’s Aggregate Report CSV', () => {
    const csv = aggregateCsv(aggregateReport(ops)).split('\n');
    expect(csv[0]).toBe(
      'Label,# Samples,Average,Median,90% Line,95% Line,99% Line,Min,Max,Error %,Throughput',
    );
    expect(csv[1]).toBe('S1,4,25,25,37,39,40,10,40,0.00%,9.1');
    expect(csv[3]!.startsWith('TOTAL,5,40,')).toBe(true);
  });
});
