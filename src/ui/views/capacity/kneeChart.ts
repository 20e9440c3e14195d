/**
 * The capacity chart's geometry and words, as pure functions: throughput across, latency up,
 * one line for p99 and one for p50 through the ramp's steps, the knee marked and labelled.
 */
import { scaleLinear } from 'd3-scale';
import type { ScaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { KneePoint, KneeStep } from '../../../engine/analysis/knee';

export interface KneeBox {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface KneeScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

/** Steps that completed something: the only ones with a latency to draw. */
export function drawable(steps: readonly KneeStep[]): KneeStep[] {
  return steps.filter((s) => s.p50 !== null && s.p99 !== null);
}

/** Throughput from 0 to a little past the highest; latency from 0 to a little past the top p99. */
export function kneeScales(steps: readonly KneeStep[], box: KneeBox): KneeScales {
  const drawn = drawable(steps);
  const maxX = Math.max(1, ...drawn.map((s) => s.throughput));
  const maxY = Math.max(1, ...drawn.map((s) => s.p99!));
  return {
    x: scaleLinear()
      .domain([0, maxX * 1.08])
      .range([box.margin.left, box.width - box.margin.right])
      .nice(),
    y: scaleLinear()
      .domain([0, maxY * 1.1])
      .range([box.height - box.margin.bottom, box.margin.top])
      .nice(),
  };
}

/** The line of one percentile through the steps, in ramp order (offered load rising). */
export function kneePath(
  steps: readonly KneeStep[],
  which: 'p50' | 'p99',
  { x, y }: KneeScales,
): string {
  return (
    line<KneeStep>()
      .x((s) => x(s.throughput))
      .y((s) => y(s[which]!))(drawable(steps)) ?? ''
  );
}

const ops = (n: number) => `${Math.round(n)} ops/s`;
const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;

/** The knee's label on the chart: what was offered, what got done, the tail. */
export function kneeLabel(k: KneePoint): string {
  return `knee: ${ops(k.offered)} offered → ${ops(k.throughput)}, p99 ${ms(k.p99)}`;
}

/** The ceiling's label: the highest throughput any step reached. */
export function capacityLabel(capacity: number): string {
  return `capacity ≈ ${ops(capacity)}`;
}

/** The chart's accessible name: what a screen reader gets instead of the curve. */
export function chartName(steps: readonly KneeStep[], knee: KneePoint | null): string {
  const drawn = drawable(steps);
  if (drawn.length === 0) return 'latency against throughput: no step completed an operation';
  const top = drawn.at(-1)!;
  const k = knee ? `${kneeLabel(knee)}; ` : 'no knee found; ';
  return (
    `latency against throughput, ${drawn.length} steps: ${k}` +
    `at ${ops(top.offered)} offered, ${ops(top.throughput)} with p99 ${ms(top.p99!)}`
  );
}

/** One row of the steps table, as text. */
export function stepCells(s: KneeStep): string[] {
  return [
    String(s.step),
    ops(s.offered),
    ops(s.throughput),
    s.offered > 0 ? `${Math.round((100 * s.throughput) / s.offered)} %` : '–',
    s.p50 === null ? '–' : ms(s.p50),
    s.p99 === null ? '–' : ms(s.p99),
    String(s.failed),
  ];
}

export const STEP_COLUMNS = [
  'step',
  'offered',
  'throughput',
  'of offered',
  'p50',
  'p99',
  'failed',
] as const;
