/**
 * A load test's aggregate report, as JMeter's "Aggregate Report" lays it out: one row per
 * label (here the backend that answered; failures no backend took are "(none)"), then TOTAL,
 * with samples, mean, median, 90/95/99 % lines, min, max, error % and throughput. Computed
 * from the requests the timeline holds at the head, with the lab's one percentile method.
 */
import { quantileOf } from '../../../engine/analysis/latency';
import type { ClientOpRecord } from '../../../engine/types';

export interface AggregateRow {
  label: string;
  samples: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  min: number | null;
  max: number | null;
  errorPct: number;
  /** Completed requests per second over the span from the first issue to the last answer. */
  throughput: number;
}

function row(label: string, ops: readonly ClientOpRecord[]): AggregateRow {
  const done = ops.filter((o) => o.completedAt !== null);
  const latencies = done.map((o) => o.completedAt! - o.invokedAt);
  const errors = done.filter((o) => !o.ok).length;
  let first = Infinity;
  let last = -Infinity;
  for (const o of done) {
    first = Math.min(first, o.invokedAt);
    last = Math.max(last, o.completedAt!);
  }
  const span = last - first;
  const q = (p: number) => quantileOf(latencies.slice(), p);
  return {
    label,
    samples: done.length,
    mean: done.length === 0 ? null : latencies.reduce((a, b) => a + b, 0) / done.length,
    median: q(0.5),
    p90: q(0.9),
    p95: q(0.95),
    p99: q(0.99),
    min: done.length === 0 ? null : Math.min(...latencies),
    max: done.length === 0 ? null : Math.max(...latencies),
    errorPct: done.length === 0 ? 0 : (100 * errors) / done.length,
    throughput: span > 0 ? (1000 * done.length) / span : 0,
  };
}

/** Rows per backend (in id order), then TOTAL. Open requests are not samples yet. */
export function aggregateReport(ops: readonly ClientOpRecord[]): AggregateRow[] {
  const byLabel = new Map<string, ClientOpRecord[]>();
  for (const o of ops) {
    const label = o.key === '—' ? '(none)' : o.key;
    const list = byLabel.get(label);
    if (list) list.push(o);
    else byLabel.set(label, [o]);
  }
  const labels = [...byLabel.keys()].sort(
    (a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0),
  );
  // A label with nothing answered yet (requests still waiting for a backend) is no row.
  const rows = labels.map((l) => row(l, byLabel.get(l)!)).filter((r) => r.samples > 0);
  return [...rows, row('TOTAL', ops)];
}

const CSV_HEADER =
  'Label,# Samples,Average,Median,90% Line,95% Line,99% Line,Min,Max,Error %,Throughput';

const ms = (v: number | null) => (v === null ? '' : String(Math.round(v)));

/** The report as JMeter writes an Aggregate Report CSV (times in ms, throughput per second). */
export function aggregateCsv(rows: readonly AggregateRow[]): string {
  const lines = rows.map((r) =>
    [
      r.label,
      r.samples,
      ms(r.mean),
      ms(r.median),
      ms(r.p90),
      ms(r.p95),
      ms(r.p99),
      ms(r.min),
      ms(r.max),
      `${r.errorPct.toFixed(2)}%`,
      r.throughput.toFixed(1),
    ].join(','),
  );
  return `${[CSV_HEADER, ...lines].join('\n')}\n`;
}
