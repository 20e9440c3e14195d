/**
 * Client latency and throughput series, Jepsen-perf style: every operation as a point at
 * its invocation time, rolling quantiles over a time window, and completed-ok throughput
 * in fixed bins.
 */
import { ascending, quantileSorted } from 'd3-array';
import type { ClientOpRecord } from '../types';

export type OpStatus = 'ok' | 'failed' | 'timed-out';

export interface LatencyPoint {
  /** Index into the op list the point came from. */
  index: number;
  op: ClientOpRecord;
  /** Invocation time (x). */
  time: number;
  /** Completion - invocation; for a never-completed op, endTime - invocation (a lower bound). */
  latency: number;
  status: OpStatus;
  /** True if the op never completed (latency is censored at the end of the run). */
  pending: boolean;
}

/**
 * Status of an operation as a client saw it. A timeout is indeterminate (the op may
 * or may not have taken effect), and so is an op that never completed; both count as
 * timed out.
 */
export function opStatus(op: ClientOpRecord): OpStatus {
  if (op.completedAt === null || op.result === 'timeout') return 'timed-out';
  return op.ok ? 'ok' : 'failed';
}

/** Points sorted by invocation time. */
export function latencyPoints(ops: readonly ClientOpRecord[], endTime: number): LatencyPoint[] {
  const points = ops.map((op, index): LatencyPoint => {
    const pending = op.completedAt === null;
    const done = op.completedAt ?? Math.max(endTime, op.invokedAt);
    return {
      index,
      op,
      time: op.invokedAt,
      latency: done - op.invokedAt,
      status: opStatus(op),
      pending,
    };
  });
  points.sort((a, b) => a.time - b.time || a.index - b.index);
  return points;
}

export interface QuantileSample {
  time: number;
  /** Null where the window holds no operation (a gap in the line). */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  count: number;
}

export interface RollingOptions {
  /** Width of the trailing window in ms (default 1000). */
  windowMs?: number;
  /** Spacing of samples in ms (default windowMs / 4). */
  stepMs?: number;
  /** Range to sample (default: first to last point). */
  start?: number;
  end?: number;
  /** Which statuses count (default: all). Never-completed ops are always left out. */
  statuses?: readonly OpStatus[];
}

/**
 * Quantiles of latency over the trailing window (t - windowMs, t] at t = start, start+step, ...
 * `points` must be sorted by time (latencyPoints does). Two pointers slide over the
 * points; each sample sorts only the operations inside its time span.
 */
export function rollingQuantiles(
  points: readonly LatencyPoint[],
  options: RollingOptions = {},
): QuantileSample[] {
  const windowMs = options.windowMs ?? 1000;
  const step = options.stepMs ?? windowMs / 4;
  const statuses = new Set<OpStatus>(options.statuses ?? ['ok', 'failed', 'timed-out']);
  const used = points.filter((p) => !p.pending && statuses.has(p.status));
  if (used.length === 0 || step <= 0) return [];
  const start = options.start ?? used[0]!.time;
  const end = options.end ?? used[used.length - 1]!.time;
  const out: QuantileSample[] = [];
  let lo = 0;
  let hi = 0;
  const n = Math.max(0, Math.floor((end - start) / step + 1e-9)) + 1;
  for (let k = 0; k < n; k++) {
    const t = start + k * step;
    while (hi < used.length && used[hi]!.time <= t) hi++;
    while (lo < hi && used[lo]!.time <= t - windowMs) lo++;
    if (hi === lo) {
      out.push({ time: t, p50: null, p95: null, p99: null, count: 0 });
      continue;
    }
    const inWindow: number[] = new Array<number>(hi - lo);
    for (let i = lo; i < hi; i++) inWindow[i - lo] = used[i]!.latency;
    inWindow.sort(ascending);
    out.push({
      time: t,
      p50: quantileSorted(inWindow, 0.5) ?? null,
      p95: quantileSorted(inWindow, 0.95) ?? null,
      p99: quantileSorted(inWindow, 0.99) ?? null,
      count: hi - lo,
    });
  }
  return out;
}

export interface ThroughputBin {
  start: number;
  end: number;
  /** Operations completed ok in [start, end). */
  count: number;
  /** count per second of virtual time. */
  rate: number;
}

/** Completed-ok operations per second, binned by completion time over [0, endTime]. */
export function throughput(
  ops: readonly ClientOpRecord[],
  endTime: number,
  binMs = 250,
): ThroughputBin[] {
  if (binMs <= 0 || endTime <= 0) return [];
  const n = Math.max(1, Math.ceil(endTime / binMs));
  const counts = new Array<number>(n).fill(0);
  for (const op of ops) {
    if (op.completedAt === null || opStatus(op) !== 'ok') continue;
    const b = Math.min(n - 1, Math.floor(op.completedAt / binMs));
    if (b >= 0) counts[b]!++;
  }
  return counts.map((count, i) => {
    const start = i * binMs;
    const end = Math.min(endTime, start + binMs);
    return { start, end, count, rate: end > start ? (count * 1000) / (end - start) : 0 };
  });
}

/**
 * The lab's one percentile method: d3's quantile of sorted values (linear interpolation
 * between closest ranks, R-7). The charts and the client panel both use it.
 */
export function quantileOf(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  values.sort(ascending);
  return quantileSorted(values, q) ?? null;
}

/** Overall quantile of latency over the ops with a known latency (for summaries). */
export function overallQuantile(points: readonly LatencyPoint[], q: number): number | null {
  return quantileOf(
    points.filter((p) => !p.pending).map((p) => p.latency),
    q,
  );
}

/** Quantile of the latency of completed operations. */
export function latencyQuantile(ops: readonly ClientOpRecord[], q: number): number | null {
  const values: number[] = [];
  for (const o of ops) if (o.completedAt !== null) values.push(o.completedAt - o.invokedAt);
  return quantileOf(values, q);
}
