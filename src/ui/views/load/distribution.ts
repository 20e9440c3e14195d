/**
 * The geometry of the overlaid latency distributions: latency against percentile, the
 * percentile axis in "nines" (−log10(1 − p), HdrHistogram's percentile plot) so that 90 %,
 * 99 % and 99.9 % are equally far apart and the tail, where strategies differ, gets room.
 */
import { scaleLinear } from 'd3-scale';
import type { ScaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { Strategy } from '../../../engine/protocols/loadbalancer/types';
import { DISTRIBUTION_LEVELS } from '../../../worker/loadCompareShape';
import type { StrategyRun } from '../../../worker/loadCompare';

/** Percentile (0–100, below 100) → nines: 0 → 0, 90 → 1, 99 → 2, 99.9 → 3. */
export function nines(p: number): number {
  return p <= 0 ? 0 : -Math.log10(1 - p / 100);
}

/** The percentile ticks, at whole nines. */
export const PERCENTILE_TICKS = [0, 90, 99, 99.9] as const;

export function percentileTick(p: number): string {
  return `${p} %`;
}

/** A colour per strategy, fixed so a strategy looks the same in every compare. */
export const STRATEGY_COLORS: Readonly<Record<Strategy, string>> = {
  'round-robin': '#4c9aff',
  'weighted-round-robin': '#a78bfa',
  random: '#f5a524',
  'least-connections': '#3ccf8e',
  p2c: '#f472b6',
  'peak-ewma': '#22d3ee',
  'consistent-hash': '#fb923c',
  'dns-round-robin': '#a3e635',
};

export interface ChartBox {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface ChartScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

/** Scales for the runs: x over 0…3 nines, y from 0 to the highest latency drawn. */
export function chartScales(runs: readonly StrategyRun[], box: ChartBox): ChartScales {
  const { width, height, margin: m } = box;
  let top = 0;
  for (const r of runs) for (const v of r.distribution) top = Math.max(top, v);
  const x = scaleLinear()
    .domain([0, nines(99.9)])
    .range([m.left, Math.max(m.left + 10, width - m.right)]);
  const y = scaleLinear()
    .domain([0, top > 0 ? top * 1.05 : 1])
    .nice()
    .range([height - m.bottom, m.top]);
  return { x, y };
}

/** The SVG path of one run's distribution (empty when it has none). */
export function distributionPath(run: StrategyRun, s: ChartScales): string {
  const points = run.distribution.map((ms, i) => [nines(DISTRIBUTION_LEVELS[i]!), ms] as const);
  return (
    line<readonly [number, number]>()
      .x((d) => s.x(d[0]))
      .y((d) => s.y(d[1]))(points) ?? ''
  );
}
