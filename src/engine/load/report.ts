/**
 * A run's load report, as a load-testing tool's aggregate report gives it: every request
 * that completed is a sample (failures included, as JMeter counts them), its latency the time
 * from issue to answer as the load generator saw it. Percentiles come from a log-linear
 * histogram (histogram.ts: within 0.4 % of the exact sample quantile); mean, min and max are
 * exact. Times in ms, rounded to the microsecond.
 */
import { createHistogram, mean, percentile, record } from './histogram';
import type { Histogram } from './histogram';
import type { RequestRecord } from './types';

export interface BackendReport {
  id: string;
  /** Requests it served to the end (a timed-out attempt it served counts too). */
  served: number;
  /** Share of its worker time spent serving, 0–1. */
  utilisation: number;
  /** Most requests waiting in its queue at once. */
  maxQueue: number;
  /**
   * Requests waiting over virtual time: bucket i covers [i·step, (i+1)·step) ms, `waiting` its
   * time-average and `max` its peak (protocols/loadbalancer/queueSeries.ts; ≤ 512 buckets).
   */
  queueOverTime?: { step: number; waiting: number[]; max: number[] };
}

export interface LoadReport {
  samples: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  p999: number | null;
  min: number | null;
  max: number | null;
  /** Failed samples, % of samples. */
  errorPct: number;
  /** Samples per second of the run. */
  throughput: number;
  backends: BackendReport[];
}

const round = (x: number, places: number) => {
  const f = 10 ** places;
  return Math.round(x * f) / f;
};
const msOrNull = (x: number) => (Number.isNaN(x) ? null : round(x, 3));

/** The latencies of the requests completed in [from, until). */
export function latencyHistogram(
  requests: readonly RequestRecord[],
  from = 0,
  until = Infinity,
): Histogram {
  const h = createHistogram();
  for (const r of requests) {
    if (r.completedAt === null || r.completedAt < from || r.completedAt >= until) continue;
    record(h, r.completedAt - r.issuedAt);
  }
  return h;
}

export function loadReport(
  requests: readonly RequestRecord[],
  duration: number,
  backends: BackendReport[],
): LoadReport {
  const h = latencyHistogram(requests);
  let errors = 0;
  for (const r of requests) if (r.completedAt !== null && !r.ok) errors++;
  return {
    samples: h.count,
    mean: msOrNull(mean(h)),
    p50: msOrNull(percentile(h, 50)),
    p90: msOrNull(percentile(h, 90)),
    p95: msOrNull(percentile(h, 95)),
    p99: msOrNull(percentile(h, 99)),
    p999: msOrNull(percentile(h, 99.9)),
    min: h.count === 0 ? null : round(h.min, 3),
    max: h.count === 0 ? null : round(h.max, 3),
    errorPct: h.count === 0 ? 0 : round((100 * errors) / h.count, 3),
    throughput: duration > 0 ? round((h.count * 1000) / duration, 3) : 0,
    backends: backends.map((b) => ({ ...b, utilisation: round(b.utilisation, 4) })),
  };
}
