/**
 * The compare's percentile table as data: a row per strategy (p50, p90, p95, p99, p99.9,
 * mean, errors, throughput), the best value of each latency column marked, the plan in words,
 * and the same table as CSV (a load tool's aggregate report).
 */
import type { Strategy } from '../../../engine/protocols/loadbalancer/types';
import type { ComparePlan, StrategyRun } from '../../../worker/loadCompare';
import { fmtMs } from '../../format';

export const COLUMNS = [
  { key: 'p50', label: 'p50' },
  { key: 'p90', label: 'p90' },
  { key: 'p95', label: 'p95' },
  { key: 'p99', label: 'p99' },
  { key: 'p999', label: 'p99.9' },
  { key: 'mean', label: 'mean' },
] as const;

export type LatencyKey = (typeof COLUMNS)[number]['key'];

export interface CompareRow {
  strategy: Strategy;
  /** Latency cells as shown ("31.8 ms"), and which are the column's lowest. */
  cells: { key: LatencyKey; text: string; best: boolean }[];
  errors: string;
  throughput: string;
  samples: number;
  /** The row's accessible name. */
  label: string;
}

/** "0 %", "0.28 %", "81.3 %". */
export function errorText(pct: number): string {
  if (pct === 0) return '0 %';
  return `${pct < 1 ? Number(pct.toFixed(2)) : Number(pct.toFixed(1))} %`;
}

/** "450.1/s". */
export function throughputText(perSecond: number): string {
  return `${Number(perSecond.toFixed(1))}/s`;
}

export function compareRows(results: readonly StrategyRun[]): CompareRow[] {
  const best = new Map<LatencyKey, number>();
  for (const { key } of COLUMNS) {
    const values = results.map((r) => r.report[key]).filter((v): v is number => v !== null);
    // A column is only worth marking when the strategies differ.
    if (results.length > 1 && values.length > 0) best.set(key, Math.min(...values));
  }
  return results.map((r) => {
    const cells = COLUMNS.map(({ key }) => {
      const v = r.report[key];
      return { key, text: fmtMs(v), best: v !== null && v === best.get(key) };
    });
    const errors = errorText(r.report.errorPct);
    const throughput = throughputText(r.report.throughput);
    const label =
      `${r.strategy}: ` +
      cells.map((c, i) => `${COLUMNS[i]!.label} ${c.text}`).join(', ') +
      `, errors ${errors}, throughput ${throughput}`;
    return { strategy: r.strategy, cells, errors, throughput, samples: r.report.samples, label };
  });
}

/** "seed 1, the first 377 s of 3600 s, about 65 940 requests per strategy". */
export function planText(plan: ComparePlan): string {
  const secs = (ms: number) => `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} s`;
  const span =
    plan.duration < plan.fullDuration
      ? `the first ${secs(plan.duration)} of ${secs(plan.fullDuration)} (cut so a compare takes about a second)`
      : `all ${secs(plan.duration)}`;
  const n = plan.expectedRequests.toLocaleString('en').replace(/,/g, ' ');
  return `Seed ${plan.seed}, ${span}, about ${n} requests per strategy.`;
}

const CSV_HEADER = [
  'strategy',
  'samples',
  'mean',
  'p50',
  'p90',
  'p95',
  'p99',
  'p99.9',
  'min',
  'max',
  'errorPct',
  'throughput',
];

/** The table as CSV: times in ms, as the CLI's report gives them (empty where none). */
export function compareCsv(results: readonly StrategyRun[]): string {
  const n = (v: number | null) => (v === null ? '' : String(v));
  const lines = results.map(({ strategy, report: r }) =>
    [
      strategy,
      r.samples,
      n(r.mean),
      n(r.p50),
      n(r.p90),
      n(r.p95),
      n(r.p99),
      n(r.p999),
      n(r.min),
      n(r.max),
      r.errorPct,
      r.throughput,
    ].join(','),
  );
  return [CSV_HEADER.join(','), ...lines].join('\n') + '\n';
}
