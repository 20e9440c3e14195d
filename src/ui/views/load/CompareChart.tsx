/**
 * The overlaid latency distributions of a compare: one line per strategy, latency (ms) up,
 * percentile across in nines (distribution.ts), a legend and both axes labelled. Axes are
 * drawn by d3 into `<g>`s React leaves alone (useAxis).
 */
import { useMemo, useRef } from 'react';
import type { NumberValue } from 'd3-scale';
import type { StrategyRun } from '../../../worker/loadCompare';
import { msTick, useAxis } from '../../history/useAxis';
import { useWidth } from '../../history/useWidth';
import {
  chartScales,
  distributionPath,
  nines,
  PERCENTILE_TICKS,
  percentileTick,
  STRATEGY_COLORS,
} from './distribution';
import type { ChartBox } from './distribution';

const HEIGHT = 260;
const MARGIN = { top: 14, right: 18, bottom: 42, left: 62 };

/** Tick labels for a nines axis: the percentile each whole nine stands for. */
const ninesTick = (d: NumberValue): string => {
  const p = PERCENTILE_TICKS.find((t) => Math.abs(nines(t) - Number(d)) < 1e-6);
  return p === undefined ? '' : percentileTick(p);
};

export function CompareChart({ runs }: { runs: readonly StrategyRun[] }) {
  const rootRef = useRef<HTMLDivElement>(null);
  const xAxisRef = useRef<SVGGElement>(null);
  const yAxisRef = useRef<SVGGElement>(null);
  const width = useWidth(rootRef, 640);
  const scales = useMemo(() => {
    const box: ChartBox = { width, height: HEIGHT, margin: MARGIN };
    return chartScales(runs, box);
  }, [runs, width]);
  // Three ticks over 0…3 nines land on the whole nines: 0 %, 90 %, 99 %, 99.9 %.
  useAxis(xAxisRef, scales.x, { orient: 'bottom', ticks: 3, format: ninesTick });
  useAxis(yAxisRef, scales.y, { orient: 'left', ticks: 5, format: msTick });
  const drawn = runs.filter((r) => r.distribution.length > 0);
  const bottom = HEIGHT - MARGIN.bottom;
  return (
    <figure className="lb-chart chart-figure" ref={rootRef}>
      <svg
        width={width}
        height={HEIGHT}
        role="img"
        aria-label={`latency by percentile for ${drawn.map((r) => r.strategy).join(', ')}`}
      >
        <g ref={xAxisRef} className="axis" transform={`translate(0,${bottom})`} />
        <g ref={yAxisRef} className="axis" transform={`translate(${MARGIN.left},0)`} />
        {PERCENTILE_TICKS.slice(1).map((p) => (
          <line
            key={p}
            className="lb-grid"
            x1={scales.x(nines(p))}
            x2={scales.x(nines(p))}
            y1={MARGIN.top}
            y2={bottom}
          />
        ))}
        {drawn.map((r) => (
          <path
            key={r.strategy}
            className="lb-line"
            d={distributionPath(r, scales)}
            stroke={STRATEGY_COLORS[r.strategy]}
          />
        ))}
        <text className="axis-label" x={(MARGIN.left + width - MARGIN.right) / 2} y={HEIGHT - 6}>
          percentile (of requests answered within the latency)
        </text>
        <text
          className="axis-label"
          transform={`translate(14,${(MARGIN.top + bottom) / 2}) rotate(-90)`}
        >
          latency
        </text>
      </svg>
      <figcaption className="lb-legend">
        {drawn.map((r) => (
          <span key={r.strategy} className="lb-legend-item">
            <span
              className="lb-swatch"
              aria-hidden="true"
              style={{ background: STRATEGY_COLORS[r.strategy] }}
            />
            {r.strategy}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
