/**
 * The queue-length series against queueing theory and against the requests' own records.
 *
 * M/M/1 at λ = 50/s, mean service 10 ms (ρ = 0.5): the time-average number waiting is
 * Lq = ρ²/(1−ρ) = 0.5 and in the system L = ρ/(1−ρ) = 1. Over 1800 s Whitt's relative standard
 * error of L is about 1.2 % (see theory.test.ts) and that of Lq = L − ρ about twice that, so
 * the tolerances (5 % for L, 10 % for Lq) are over 4 standard errors each. The averages are
 * computed here from the series (its bucket means × widths), not from any summary figure.
 */
import { describe, expect, it } from 'vitest';
import { lbRun, requestsOf } from './testkit';
import { loadBalancerModule } from './loadbalancer';
import { freshSeries, queueOverTime, SERIES_BUCKETS, seriesLevel } from './queueSeries';
import type { BackendState } from './types';
import type { BackendRead } from './view';
import { readFileSync } from 'node:fs';
import { runScenario } from '../../run';
import { parseScenario } from '../../scenario';

const seconds = 1800;
const T = seconds * 1000;

function mm1() {
  return lbRun({
    duration: T,
    loadbalancer: { service: { distribution: 'exponential', mean: 10 }, timeout: null },
    load: { model: 'open', rate: 50 },
  });
}

/** Time average of a bucket series of means (the last bucket may be partial). */
function timeAverage(step: number, means: readonly number[], end: number): number {
  let area = 0;
  means.forEach((m, i) => (area += m * Math.min(step, end - i * step)));
  return area / end;
}

describe('queue length over time', () => {
  const sim = mm1();
  const backend = sim.state.nodes[0]!.state as BackendState;

  it('M/M/1 ρ = 0.5: the series averages Lq = 0.5 waiting and L = 1 in the system', () => {
    const report = loadBalancerModule.runSummary!(
      sim.ids.map((_, i) => sim.read(i) as BackendRead),
      { time: sim.state.time, requests: requestsOf(sim) },
    ) as { report: { backends: { queueOverTime: { step: number; waiting: number[] } }[] } };
    const q = report.report.backends[0]!.queueOverTime;
    const lq = timeAverage(q.step, q.waiting, T);
    expect(Math.abs(lq - 0.5) / 0.5).toBeLessThan(0.1);
    // In the system, from the raw integrals of the series.
    const s = backend.series;
    const L = s.systemArea.reduce((a, b) => a + b, 0) / s.at;
    expect(Math.abs(L - 1)).toBeLessThan(0.05);
  });

  it('its waiting integral equals the sum of the requests’ waits (Little, exactly)', () => {
    let waited = 0;
    for (const r of requestsOf(sim)) {
      if (r.arrivedAt === null) continue;
      waited += Math.min(r.startedAt ?? T, T) - r.arrivedAt;
    }
    const s = backend.series;
    const area = s.waitArea.reduce((a, b) => a + b, 0) + (T - s.at) * s.waiting;
    // Requests still in flight at the end (no record yet) differ by a few ms of ~900 000.
    expect(Math.abs(area - waited) / waited).toBeLessThan(1e-4);
  });

  it('stays within SERIES_BUCKETS buckets, doubling its step as the run grows', () => {
    const q = queueOverTime(backend.series, T);
    expect(q.waiting.length).toBeLessThanOrEqual(SERIES_BUCKETS);
    expect(q.step * SERIES_BUCKETS).toBeGreaterThanOrEqual(T);
    expect((q.step / 2) * SERIES_BUCKETS).toBeLessThan(T);
    expect(q.waiting.length).toBe(Math.ceil(T / q.step));
  });

  it('keeps integrals exact across buckets and merges: a step function by hand', () => {
    const q = freshSeries();
    seriesLevel(q, 50, 2, 3); // 0–50: 0
    seriesLevel(q, 250, 0, 1); // 50–250: 2 waiting
    const read = queueOverTime(q, 400);
    expect(read.step).toBe(100);
    expect(read.waiting).toEqual([1, 2, 1, 0]);
    expect(read.max).toEqual([2, 2, 2, 0]);
    // Far past the buckets: the step doubles until 10 s fits, the area is unchanged.
    const far = queueOverTime(q, 200_000);
    expect(far.step).toBe(400);
    expect(far.waiting[0]).toBe(1); // 400 waiting·ms over the first 400 ms
  });

  it("the CLI report: the issue's fields as they were, then each backend's queue over time", () => {
    const file = new URL('../../../../public/scenarios/lb-slow-server.json', import.meta.url);
    const parsed = parseScenario(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const r = runScenario(parsed.scenario) as unknown as {
      report: Record<string, unknown> & {
        backends: (Record<string, unknown> & {
          id: string;
          queueOverTime: { step: number; waiting: number[]; max: number[] };
        })[];
      };
    };
    expect(Object.keys(r.report)).toEqual([
      'samples',
      'mean',
      'p50',
      'p90',
      'p95',
      'p99',
      'p999',
      'min',
      'max',
      'errorPct',
      'throughput',
      'backends',
    ]);
    for (const b of r.report.backends) {
      expect(Object.keys(b)).toEqual(['id', 'served', 'utilisation', 'maxQueue', 'queueOverTime']);
      expect(Math.max(...b.queueOverTime.max)).toBe(b.maxQueue);
    }
    // S2 is slowed from 10 s to 40 s: its queue is longer then than before, and than the others'.
    const mean = (b: (typeof r.report.backends)[number], from: number, to: number) => {
      const q = b.queueOverTime;
      const xs = q.waiting.slice(Math.floor(from / q.step), Math.floor(to / q.step));
      return xs.reduce((x, y) => x + y, 0) / xs.length;
    };
    const [s1, s2, s3] = r.report.backends;
    expect(mean(s2!, 12_000, 40_000)).toBeGreaterThan(2 * mean(s2!, 0, 10_000));
    expect(mean(s2!, 12_000, 40_000)).toBeGreaterThan(mean(s1!, 12_000, 40_000));
    expect(mean(s2!, 12_000, 40_000)).toBeGreaterThan(mean(s3!, 12_000, 40_000));
  });

  it('a crashed backend reads 0 while down and its series goes on after the restart', () => {
    const crashed = lbRun({
      nodes: 2,
      duration: 20_000,
      loadbalancer: { service: { distribution: 'exponential', mean: 10 }, speeds: { S1: 0.2 } },
      load: { model: 'open', rate: 60 },
      actions: [
        { at: 5000, type: 'crash', node: 'S1' },
        { at: 12_000, type: 'restart', node: 'S1' },
      ],
    });
    const q = queueOverTime(
      (crashed.state.nodes[0]!.state as BackendState).series,
      crashed.state.time,
    );
    const at = (t: number) => q.waiting[Math.floor(t / q.step)]!;
    expect(at(4000)).toBeGreaterThan(0);
    for (let t = 5200; t < 12_000; t += q.step) expect(at(t)).toBe(0);
    expect(q.waiting.slice(Math.ceil(12_000 / q.step)).some((w) => w > 0)).toBe(true);
  });
});
