/**
 * Client latency over virtual time, Jepsen-perf style: every operation a point on canvas
 * (coloured and shaped by result), rolling p50/p95/p99 lines, ok throughput below, fault
 * periods shaded, the timeline cursor, brush-to-zoom and click-to-open.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { curveMonotoneX, line } from 'd3-shape';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import type { FaultPeriod } from '../../engine/analysis/faults';
import { latencyPoints, overallQuantile, rollingQuantiles } from '../../engine/analysis/latency';
import type { QuantileSample } from '../../engine/analysis/latency';
import type { ClientOpRecord } from '../../engine/types';
import { fmtMs } from '../format';
import {
  FAULT_COLORS,
  IN_FLIGHT_COLOR,
  MARKER_COLORS,
  QUANTILE_COLORS,
  STATUS_COLORS,
} from './colors';
import { FaultBands } from './FaultBands';
import { countKinds, describeOp, drawPoints, hitTest, lowerBound, M } from './latency/points';
import { ThroughputChart } from './latency/ThroughputChart';
import { noTick, useAxis } from './useAxis';
import { useBrushX } from './useBrushX';
import { useWidth } from './useWidth';

export interface LatencyChartProps {
  ops: readonly ClientOpRecord[];
  faults: readonly FaultPeriod[];
  cursorTime: number;
  endTime: number;
  onSelectOp(op: ClientOpRecord): void;
  /** Clicking the chart away from any point seeks there. */
  onSeek(time: number): void;
  /** Height of the latency plot in px (default 260); throughput adds 100 below. */
  height?: number;
  /** Moments to mark along the top (the CAP view's consistency anomalies), with a title. */
  marks?: readonly { time: number; label: string }[];
}

const QUANTILES = ['p50', 'p95', 'p99'] as const;

export function LatencyChart(props: LatencyChartProps) {
  const { ops, faults, cursorTime, endTime, onSelectOp, onSeek, height = 260 } = props;
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const brushRef = useRef<SVGGElement>(null);
  const yAxisRef = useRef<SVGGElement>(null);
  const xAxisRef = useRef<SVGGElement>(null);
  const width = useWidth(rootRef, 800);
  const [zoom, setZoom] = useState<[number, number] | null>(null);
  const [active, setActive] = useState(-1);
  const [hover, setHover] = useState(-1);

  const end = Math.max(endTime, 1);
  const points = useMemo(() => latencyPoints(ops, end), [ops, end]);
  const quantiles: QuantileSample[] = useMemo(() => {
    const windowMs = Math.min(5000, Math.max(50, end / 40));
    return rollingQuantiles(points, { windowMs, stepMs: windowMs / 4, start: 0, end });
  }, [points, end]);

  const [d0, d1] = zoom ?? [0, end];
  const right = Math.max(M.left + 10, width - M.right);
  const x = useMemo(() => scaleLinear().domain([d0, d1]).range([M.left, right]), [d0, d1, right]);
  const y = useMemo(() => {
    let lo = Infinity;
    let hi = 0;
    for (const p of points) {
      lo = Math.min(lo, p.latency);
      hi = Math.max(hi, p.latency);
    }
    const scale = scaleLog()
      .range([height - M.bottom, M.top])
      .clamp(true);
    if (!(hi > 0)) return scale.domain([1, 1000]);
    return scale.domain([Math.max(0.1, lo * 0.8), Math.max(hi * 1.25, lo * 2, 1)]).nice();
  }, [points, height]);

  // Points on canvas: redrawn when the data or scales change, not when the cursor moves
  // (the future is dimmed by an SVG veil over the canvas instead).
  useLayoutEffect(() => {
    if (!canvasRef.current) return;
    const ms = drawPoints(canvasRef.current, points, x, y, width, height);
    canvasRef.current.dataset.drawMs = ms.toFixed(2);
  }, [points, x, y, width, height]);

  const ticks = Math.max(2, Math.floor(width / 110));
  useAxis(yAxisRef, y, { orient: 'left', ticks: 5, specifier: '~g' });
  useAxis(xAxisRef, x, { orient: 'bottom', ticks, format: noTick });

  // Brush: drag selects a range to zoom into; a click (no drag) opens a point or seeks.
  useBrushX(
    brushRef,
    { x0: M.left, y0: M.top, x1: right, y1: height - M.bottom },
    {
      onRange: (a, b) => setZoom([x.invert(a), x.invert(b)]),
      onClick: (px, py) => {
        const hit = hitTest(points, x, y, px, py);
        if (hit >= 0) {
          setActive(hit);
          onSelectOp(points[hit]!.op);
        } else {
          onSeek(Math.max(0, x.invert(px)));
        }
      },
    },
  );

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const hit = hitTest(points, x, y, e.clientX - rect.left, e.clientY - rect.top);
    if (hit !== hover) setHover(hit);
  };

  const visibleFrom = lowerBound(points, d0);
  const visibleTo = lowerBound(points, d1 + 1e-9);
  const visible = useMemo(
    () => points.slice(visibleFrom, visibleTo),
    [points, visibleFrom, visibleTo],
  );
  const activeIndex = active >= visibleFrom && active < visibleTo ? active : -1;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const n = visibleTo - visibleFrom;
    const cur = activeIndex >= 0 ? activeIndex : -1;
    let to: number | null = null;
    if (e.key === 'ArrowRight') to = cur < 0 ? lowerBound(points, cursorTime) : cur + 1;
    else if (e.key === 'ArrowLeft') to = cur < 0 ? lowerBound(points, cursorTime) - 1 : cur - 1;
    else if (e.key === 'Home') to = visibleFrom;
    else if (e.key === 'End') to = visibleTo - 1;
    else if (e.key === 'Enter' && cur >= 0) onSelectOp(points[cur]!.op);
    else if (e.key === '-' || e.key === 'Escape') setZoom(null);
    else if (e.key === '+' || e.key === '=') {
      const half = (d1 - d0) / 4;
      const c = Math.min(Math.max(cursorTime, d0 + half), d1 - half);
      setZoom([c - half, c + half]);
    } else return;
    e.preventDefault();
    if (to !== null && n > 0) setActive(Math.max(visibleFrom, Math.min(visibleTo - 1, to)));
  };

  const { counts, p99 } = useMemo(
    () => ({ counts: countKinds(visible), p99: overallQuantile(visible, 0.99) }),
    [visible],
  );
  const summary = `latency chart, ${visible.length} operations (${counts.ok} ok, ${counts.failed} failed, ${counts['timed-out']} timed out, ${counts['in-flight']} in flight)${
    p99 === null ? '' : `, p99 ${Math.round(p99)} ms`
  }${zoom ? `, zoomed to ${fmtMs(d0)} – ${fmtMs(d1)}` : ''}`;

  // The quantile lines change with the data and the scales only: not when the cursor moves
  // or the pointer hovers (each is a monotone curve through every sample).
  const quantilePaths = useMemo(
    () =>
      QUANTILES.map(
        (key) =>
          line<QuantileSample>()
            .defined((d) => d[key] !== null)
            .x((d) => x(d.time))
            .y((d) => y(d[key] ?? 1))
            .curve(curveMonotoneX)(quantiles) ?? '',
      ),
    [quantiles, x, y],
  );
  const cursorX = x(cursorTime);
  const cursorIn = cursorTime >= d0 && cursorTime <= d1;
  const shown = hover >= 0 ? hover : activeIndex;
  const shownPoint = shown >= 0 ? points[shown] : undefined;
  const faultKinds = [...new Set(faults.map((f) => f.kind))];
  const clipId = `hist-latency-clip-${Math.round(width)}-${height}`;

  return (
    <div className="hist-latency" ref={rootRef}>
      <div className="hist-chart-header">
        <span className="hist-chart-title">Client latency</span>
        <div className="hist-legend" aria-hidden="true">
          <span>
            <i className="sq" style={{ background: STATUS_COLORS.ok }} />
            ok
          </span>
          <span>
            <b style={{ color: STATUS_COLORS.failed }}>✕</b>failed
          </span>
          <span>
            <b style={{ color: STATUS_COLORS['timed-out'] }}>▲</b>timed out
          </span>
          <span>
            <b style={{ color: IN_FLIGHT_COLOR }}>○</b>in flight (no reply yet)
          </span>
          {QUANTILES.map((q) => (
            <span key={q}>
              <i className="ln" style={{ background: QUANTILE_COLORS[q] }} />
              {q}
            </span>
          ))}
          {(props.marks?.length ?? 0) > 0 && (
            <span>
              <b style={{ color: MARKER_COLORS.anomaly }}>▼</b>consistency anomaly
            </span>
          )}
          {faultKinds.map((k) => (
            <span key={k}>
              <i style={{ background: FAULT_COLORS[k], opacity: 0.5 }} />
              {k}
            </span>
          ))}
        </div>
        <button type="button" disabled={!zoom} onClick={() => setZoom(null)}>
          Reset zoom
        </button>
      </div>
      <div
        className="hist-latency-plot"
        style={{ height }}
        tabIndex={0}
        role="group"
        aria-label="latency chart operations: arrow keys pick an operation, Enter opens it, plus zooms in, minus resets zoom"
        onKeyDown={onKeyDown}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHover(-1)}
      >
        <svg className="hist-layer" width={width} height={height} aria-hidden="true">
          <FaultBands faults={faults} x={x} top={M.top} bottom={height - M.bottom} />
        </svg>
        <canvas
          ref={canvasRef}
          className="hist-layer"
          style={{ width, height }}
          role="img"
          aria-label={summary}
          data-points={visible.length}
        />
        <svg className="hist-layer" width={width} height={height} aria-hidden="true">
          <defs>
            <clipPath id={clipId}>
              <rect
                x={M.left}
                y={M.top - 2}
                width={Math.max(0, width - M.left - M.right)}
                height={height - M.top - M.bottom + 4}
              />
            </clipPath>
          </defs>
          <g className="hist-axis" ref={yAxisRef} transform={`translate(${M.left},0)`} />
          <g className="hist-axis" ref={xAxisRef} transform={`translate(0,${height - M.bottom})`} />
          <text
            className="hist-axis-label"
            transform={`translate(12,${height / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            latency (ms, log)
          </text>
          <g clipPath={`url(#${clipId})`} className="hist-quantiles">
            {QUANTILES.map((q, i) => (
              <path key={q} d={quantilePaths[i]} stroke={QUANTILE_COLORS[q]} />
            ))}
            {shownPoint && (
              <circle
                className="hist-active-point"
                cx={x(shownPoint.time)}
                cy={y(shownPoint.latency)}
                r={6}
              />
            )}
          </g>
          {cursorTime < d1 && (
            <rect
              className="hist-future-veil"
              x={Math.max(M.left, cursorX)}
              y={M.top}
              width={Math.max(0, width - M.right - Math.max(M.left, cursorX))}
              height={height - M.top - M.bottom}
            />
          )}
          {cursorIn && (
            <line
              className="hist-cursor"
              x1={cursorX}
              x2={cursorX}
              y1={M.top}
              y2={height - M.bottom}
            />
          )}
          {(props.marks ?? []).map((m, i) =>
            m.time >= d0 && m.time <= d1 ? (
              <path
                key={i}
                className="hist-anomaly-mark"
                d={`M${x(m.time)},${M.top} l-4,-7 h8 z`}
                fill={MARKER_COLORS.anomaly}
              >
                <title>{m.label}</title>
              </path>
            ) : null,
          )}
          <g ref={brushRef} className="hist-brush" />
        </svg>
        {shownPoint && (
          <div
            className="hist-tooltip"
            style={{
              left: Math.min(width - 260, x(shownPoint.time) + 10),
              top: Math.max(0, y(shownPoint.latency) - 34),
            }}
          >
            {describeOp(shownPoint)}
          </div>
        )}
      </div>
      <ThroughputChart
        ops={ops}
        faults={faults}
        end={end}
        x={x}
        width={width}
        cursorTime={cursorTime}
        onSeek={onSeek}
      />
      <div className="visually-hidden" aria-live="polite">
        {activeIndex >= 0 && points[activeIndex] ? describeOp(points[activeIndex]) : ''}
      </div>
    </div>
  );
}
