import { quantile } from 'd3-array';
import { describe, expect, it } from 'vitest';
import type { ClientOpRecord } from '../types';
import { latencyPoints, opStatus, overallQuantile, rollingQuantiles, throughput } from './latency';

let nextId = 1;
function op(
  invokedAt: number,
  completedAt: number | null,
  ok = true,
  result: string | null = null,
): ClientOpRecord {
  return {
    id: nextId++,
    client: 'c1',
    op: 'get',
    key: 'k1',
    value: null,
    invokedAt,
    completedAt,
    ok,
    result,
    attempts: 1,
  };
}

describe('opStatus', () => {
  it('ok, failed, and timed out (timeouts and never-completed ops are indeterminate)', () => {
    expect(opStatus(op(0, 10))).toBe('ok');
    expect(opStatus(op(0, 10, false, 'not leader'))).toBe('failed');
    expect(opStatus(op(0, 10, false, 'timeout'))).toBe('timed-out');
    expect(opStatus(op(0, null, false, null))).toBe('timed-out');
  });
});

describe('latencyPoints', () => {
  it('plots at invocation time, sorted, censoring never-completed ops at the end', () => {
    const points = latencyPoints([op(50, 70), op(10, 15), op(80, null, false)], 100);
    expect(points.map((p) => [p.time, p.latency, p.status, p.pending, p.index])).toEqual([
      [10, 5, 'ok', false, 1],
      [50, 20, 'ok', false, 0],
      [80, 20, 'timed-out', true, 2],
    ]);
  });
});

describe('rollingQuantiles', () => {
  it('matches d3 quantile over the trailing window at each sample', () => {
    const ops: ClientOpRecord[] = [];
    for (let i = 0; i < 200; i++) ops.push(op(i * 5, i * 5 + ((i * 37) % 101)));
    const points = latencyPoints(ops, 2000);
    const samples = rollingQuantiles(points, { windowMs: 100, stepMs: 50, start: 0, end: 1000 });
    expect(samples).toHaveLength(21);
    for (const s of samples) {
      const inWindow = points
        .filter((p) => p.time > s.time - 100 && p.time <= s.time)
        .map((p) => p.latency);
      expect(s.count).toBe(inWindow.length);
      expect(s.p50).toBe(quantile(inWindow, 0.5) ?? null);
      expect(s.p95).toBe(quantile(inWindow, 0.95) ?? null);
      expect(s.p99).toBe(quantile(inWindow, 0.99) ?? null);
    }
  });

  it('leaves gaps where the window is empty and skips never-completed ops', () => {
    const points = latencyPoints([op(0, 10), op(10, null, false), op(500, 540)], 1000);
    const samples = rollingQuantiles(points, { windowMs: 100, stepMs: 100 });
    expect(samples.map((s) => s.p50)).toEqual([10, null, null, null, null, 40]);
  });

  it('can count only some statuses', () => {
    const points = latencyPoints([op(0, 10), op(1, 500, false, 'timeout')], 1000);
    expect(
      rollingQuantiles(points, { windowMs: 10, stepMs: 10, start: 5, end: 5, statuses: ['ok'] })[0]!
        .p99,
    ).toBe(10);
    expect(
      rollingQuantiles(points, { windowMs: 10, stepMs: 10, start: 5, end: 5 })[0]!.p99,
    ).toBeGreaterThan(400);
  });
});

describe('throughput', () => {
  it('counts ok completions per bin, as ops per second', () => {
    const bins = throughput(
      [
        op(0, 10),
        op(0, 90),
        op(0, 110),
        op(0, 120, false, 'not leader'),
        op(0, null, false),
        op(0, 250),
      ],
      250,
      100,
    );
    expect(bins.map((b) => [b.start, b.end, b.count, b.rate])).toEqual([
      [0, 100, 2, 20],
      [100, 200, 1, 10],
      [200, 250, 1, 20],
    ]);
  });
});

describe('overallQuantile', () => {
  it('is null without completed ops', () => {
    expect(overallQuantile(latencyPoints([op(0, null, false)], 10), 0.99)).toBeNull();
    expect(overallQuantile(latencyPoints([op(0, 10), op(0, 30)], 10), 0.5)).toBe(20);
  });
});
