/**
 * The saturation curve: throughput (ops/s) across, latency (ms) up, the p99 and p50 lines
 * through the ramp's steps, a dot per step, the knee ringed and labelled. Axes are drawn by d3
 * into `<g>`s React leaves alone (useAxis).
 */
import { useMemo, useRef } from 'react';
import type { NumberValue } from 'd3-scale';
import type { KneePoint, KneeStep } from '../../../engine/analysis/knee';
import { msTick, useAxis } from '../../history/useAxis';
import { useWidth } from '../../history/useWidth';
import { capacityLabel, chartName, drawable, kneeLabel, kneePath, kneeScales } from './kneeChart';
import type { KneeBox } from './kneeChart';

const HEIGHT = 280;
const MARGIN = { top: 16, right: 24, bottom: 42, left: 62 };
/** About how wide the ceiling's label is (px, 11 px text). */
const CEILING_LABEL_WIDTH = 130;
const opsTick = (d: NumberValue): string => String(Math.round(Number(d)));

export function KneeChart({
  steps,
  knee,
  capacity,
}: {
  steps: readonly KneeStep[];
  knee: KneePoint | null;
  /** The highest throughput of the ramp, drawn as the ceiling once the ramp is done. */
  capacity: number | null;
}) {
  const rootRef = useRef<HTMLDivElement>(null);
  const xAxisRef = useRef<SVGGElement>(null);
  const yAxisRef = useRef<SVGGElement>(null);
  const width = useWidth(rootRef, 640);
  const scales = useMemo(() => {
    const box: KneeBox = { width, height: HEIGHT, margin: MARGIN };
    return kneeScales(steps, box);
  }, [steps, width]);
  useAxis(xAxisRef, scales.x, { orient: 'bottom', ticks: 6, format: opsTick });
  useAxis(yAxisRef, scales.y, { orient: 'left', ticks: 5, format: msTick });
  const drawn = drawable(steps);
  const bottom = HEIGHT - MARGIN.bottom;
  const kx = knee ? scales.x(knee.throughput) : 0;
  const ky = knee ? scales.y(knee.p99) : 0;
  // The label sits left of the knee when the knee is in the right half (it would run off).
  const labelLeft = kx > (MARGIN.left + width - MARGIN.right) / 2;
  // The ceiling's label goes right of its line when there is room for it.
  const ceilingRight =
    capacity !== null && width - MARGIN.right - scales.x(capacity) > CEILING_LABEL_WIDTH;
  return (
    <figure className="knee-chart chart-figure" ref={rootRef}>
      <svg width={width} height={HEIGHT} role="img" aria-label={chartName(steps, knee)}>
        <g ref={xAxisRef} className="axis" transform={`translate(0,${bottom})`} />
        <g ref={yAxisRef} className="axis" transform={`translate(${MARGIN.left},0)`} />
        {capacity !== null && capacity > 0 && (
          <g className="knee-capacity">
            <line
              x1={scales.x(capacity)}
              x2={scales.x(capacity)}
              y1={MARGIN.top}
              y2={bottom}
              className="knee-ceiling"
            />
            <text
              x={ceilingRight ? scales.x(capacity) + 6 : scales.x(capacity) - 6}
              y={MARGIN.top + 4}
              textAnchor={ceilingRight ? 'start' : 'end'}
              className="knee-ceiling-text"
            >
              {capacityLabel(capacity)}
            </text>
          </g>
        )}
        <path className="knee-line p99" d={kneePath(steps, 'p99', scales)} />
        <path className="knee-line p50" d={kneePath(steps, 'p50', scales)} />
        {drawn.map((s) => (
          <g key={s.step}>
            <circle
              className="knee-dot p99"
              cx={scales.x(s.throughput)}
              cy={scales.y(s.p99!)}
              r={3}
            >
              <title>{`step ${s.step}: ${s.offered} offered, ${s.throughput} done, p99 ${s.p99} ms`}</title>
            </circle>
            <circle
              className="knee-dot p50"
              cx={scales.x(s.throughput)}
              cy={scales.y(s.p50!)}
              r={2.5}
            />
          </g>
        ))}
        {knee && (
          <g className="knee-mark" aria-label={kneeLabel(knee)}>
            <line x1={kx} x2={kx} y1={ky} y2={bottom} className="knee-drop" />
            <circle cx={kx} cy={ky} r={7} className="knee-ring" />
            <text
              x={labelLeft ? kx - 12 : kx + 12}
              y={Math.max(MARGIN.top + 12, ky - 12)}
              textAnchor={labelLeft ? 'end' : 'start'}
              className="knee-text"
            >
              {kneeLabel(knee)}
            </text>
          </g>
        )}
        <text className="axis-label" x={(MARGIN.left + width - MARGIN.right) / 2} y={HEIGHT - 6}>
          throughput (operations completed per second)
        </text>
        <text
          className="axis-label"
          transform={`translate(14,${(MARGIN.top + bottom) / 2}) rotate(-90)`}
        >
          latency
        </text>
      </svg>
      <figcaption className="knee-legend">
        <span className="knee-legend-item">
          <span className="knee-swatch p99" aria-hidden="true" /> p99
        </span>
        <span className="knee-legend-item">
          <span className="knee-swatch p50" aria-hidden="true" /> p50
        </span>
        <span className="knee-legend-item">
          <span className="knee-swatch ring" aria-hidden="true" /> the knee
        </span>
      </figcaption>
    </figure>
  );
}
