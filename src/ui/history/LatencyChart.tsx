/**
 * Client latency over virtual time, Jepsen-perf style: every operation a point on canvas
 * (coloured and shaped by result), rolling p50/p95/p99 lines, ok throughput below, fault
 * periods shaded, the timeline cursor, brush-to-zoom and click-to-open.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { brushX } from 'd3-brush';
import type { D3BrushEvent } from 'd3-brush';
import { scaleLinear, scaleLog } from 'd3-scale';
import type { ScaleLinear, ScaleLogarithmic } from 'd3-scale';
import { pointer, select } from 'd3-selection';
import { area, curveMonotoneX, curveStepAfter, line } from 'd3-shape';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { formatMs } from '../../engine/analysis/describe';
import type { FaultPeriod } from '../../engine/analysis/faults';
import {
  latencyPoints,
  overallQuantile,
  rollingQuantiles,
  throughput,
} from '../../engine/analysis/latency';
import type {
  LatencyPoint,
  OpStatus,
  QuantileSample,
  ThroughputBin,
} from '../../engine/analysis/latency';
import type { ClientOpRecord } from '../../engine/types';
import { FAULT_COLORS, QUANTILE_COLORS, STATUS_COLORS } from './colors';
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
}

const M = { left: 52, right: 14, top: 10, bottom: 24 };
const TP_HEIGHT = 100;
const HIT_RADIUS = 7;
const STATUSES: readonly OpStatus[] = ['ok', 'failed', 'timed-out'];
const STATUS_NAMES: Record<OpStatus, string> = {
  ok: 'ok',
  failed: 'failed',
  'timed-out': 'timed out',
};

type X = ScaleLinear<number, number>;
type Y = ScaleLogarithmic<number, number>;

/** First index of a point with time >= t (points sorted by time). */
function lowerBound(points: readonly LatencyPoint[], t: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.time < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The point nearest (px, py) within HIT_RADIUS, or -1: only points in that x band are checked. */
export function hitTest(
  points: readonly LatencyPoint[],
  x: X,
  y: Y,
  px: number,
  py: number,
): number {
  const from = lowerBound(points, x.invert(px - HIT_RADIUS));
  const to = x.invert(px + HIT_RADIUS);
  let best = -1;
  let bestD = HIT_RADIUS * HIT_RADIUS;
  for (let i = from; i < points.length && points[i]!.time <= to; i++) {
    const p = points[i]!;
    const dx = x(p.time) - px;
    const dy = y(p.latency) - py;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

function describeOp(p: LatencyPoint): string {
  const o = p.op;
  const what = o.op === 'put' ? `put ${o.key}=${o.value ?? ''}` : `get ${o.key}`;
  const latency = p.pending ? `no reply after ${formatMs(p.latency)}` : formatMs(p.latency);
  return `${o.client} ${what}, ${STATUS_NAMES[p.status]}${o.result && o.result !== 'timeout' ? ` (${o.result})` : ''}, ${latency}, invoked at ${formatMs(p.time)}`;
}

function drawPoints(
  canvas: HTMLCanvasElement,
  points: readonly LatencyPoint[],
  x: X,
  y: Y,
  width: number,
  height: number,
): number {
  const started = performance.now();
  const dpr = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return 0;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.save();
  ctx.beginPath();
  ctx.rect(M.left, M.top, width - M.left - M.right, height - M.top - M.bottom);
  ctx.clip();
  const [d0, d1] = x.domain() as [number, number];
  const from = lowerBound(points, d0);
  const to = lowerBound(points, d1 + 1e-9);
  ctx.globalAlpha = 0.85;
  for (const status of STATUSES) {
    const color = STATUS_COLORS[status];
    if (status === 'ok') {
      // fillRect per point is the fastest primitive for many small squares.
      ctx.fillStyle = color;
      for (let i = from; i < to; i++) {
        const p = points[i]!;
        if (p.status === 'ok') ctx.fillRect(x(p.time) - 2, y(p.latency) - 2, 4, 4);
      }
      continue;
    }
    ctx.beginPath();
    for (let i = from; i < to; i++) {
      const p = points[i]!;
      if (p.status !== status) continue;
      const px = x(p.time);
      const py = y(p.latency);
      if (status === 'failed') {
        ctx.moveTo(px - 3, py - 3);
        ctx.lineTo(px + 3, py + 3);
        ctx.moveTo(px - 3, py + 3);
        ctx.lineTo(px + 3, py - 3);
      } else {
        ctx.moveTo(px, py - 3.5);
        ctx.lineTo(px + 3.5, py + 2.5);
        ctx.lineTo(px - 3.5, py + 2.5);
        ctx.closePath();
      }
    }
    if (status === 'failed') {
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.5;
      ctx.stroke();
    } else {
      ctx.fillStyle = color;
      ctx.fill();
    }
  }
  ctx.restore();
  return performance.now() - started;
}

function FaultRects({
  faults,
  x,
  top,
  bottom,
}: {
  faults: readonly FaultPeriod[];
  x: X;
  top: number;
  bottom: number;
}) {
  const [r0, r1] = x.range() as [number, number];
  const [d0, d1] = x.domain() as [number, number];
  return (
    <g className="hist-faults">
      {faults
        .filter((f) => f.end >= d0 && f.start <= d1)
        .map((f, i) => {
          const a = Math.max(r0, x(f.start));
          const b = Math.min(r1, x(f.end));
          return (
            <rect
              key={i}
              x={a}
              y={top}
              width={Math.max(1, b - a)}
              height={bottom - top}
              fill={FAULT_COLORS[f.kind]}
              fillOpacity={f.kind === 'no-leader' ? 0.1 : 0.14}
            >
              <title>{`${f.label}: ${formatMs(f.start)} – ${f.open ? 'end' : formatMs(f.end)}`}</title>
            </rect>
          );
        })}
    </g>
  );
}

export function LatencyChart(props: LatencyChartProps) {
  const { ops, faults, cursorTime, endTime, onSelectOp, onSeek, height = 260 } = props;
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const brushRef = useRef<SVGGElement>(null);
  const yAxisRef = useRef<SVGGElement>(null);
  const xAxisRef = useRef<SVGGElement>(null);
  const tpAxisRef = useRef<SVGGElement>(null);
  const tpYAxisRef = useRef<SVGGElement>(null);
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

  const domain: [number, number] = zoom ?? [0, end];
  const x = useMemo(
    () =>
      scaleLinear()
        .domain(domain)
        .range([M.left, Math.max(M.left + 10, width - M.right)]),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the domain's two numbers are the dependency
    [domain[0], domain[1], width],
  );
  const y = useMemo(() => {
    let lo = Infinity;
    let hi = 0;
    for (const p of points) {
      lo = Math.min(lo, p.latency);
      hi = Math.max(hi, p.latency);
    }
    if (!(hi > 0))
      return scaleLog()
        .domain([1, 1000])
        .range([height - M.bottom, M.top])
        .clamp(true);
    return scaleLog()
      .domain([Math.max(0.1, lo * 0.8), Math.max(hi * 1.25, lo * 2, 1)])
      .range([height - M.bottom, M.top])
      .nice()
      .clamp(true);
  }, [points, height]);

  const bins: ThroughputBin[] = useMemo(() => {
    const binMs = Math.max(1, (domain[1] - domain[0]) / 80);
    return throughput(ops, end, binMs).filter((b) => b.end >= domain[0] && b.start <= domain[1]);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the domain's two numbers are the dependency
  }, [ops, end, domain[0], domain[1]]);
  const tpY = useMemo(() => {
    const max = Math.max(1, ...bins.map((b) => b.rate));
    return scaleLinear()
      .domain([0, max])
      .nice()
      .range([TP_HEIGHT - M.bottom, 8]);
  }, [bins]);

  // Points on canvas: redrawn when the data or scales change, not when the cursor moves
  // (the future is dimmed by an SVG veil over the canvas instead).
  useLayoutEffect(() => {
    if (!canvasRef.current) return;
    const ms = drawPoints(canvasRef.current, points, x, y, width, height);
    canvasRef.current.dataset.drawMs = ms.toFixed(2);
  }, [points, x, y, width, height]);

  // Axes (d3 owns these <g> elements only).
  useEffect(() => {
    const ticks = Math.max(2, Math.floor(width / 110));
    if (yAxisRef.current)
      select(yAxisRef.current).call(axisLeft(y).ticks(5, '~g').tickSizeOuter(0));
    if (xAxisRef.current)
      select(xAxisRef.current).call(
        axisBottom(x)
          .ticks(ticks)
          .tickFormat(() => '')
          .tickSizeOuter(0),
      );
    if (tpAxisRef.current)
      select(tpAxisRef.current).call(
        axisBottom(x)
          .ticks(ticks)
          .tickFormat((d) => `${d} ms`)
          .tickSizeOuter(0),
      );
    if (tpYAxisRef.current)
      select(tpYAxisRef.current).call(axisLeft(tpY).ticks(3).tickSizeOuter(0));
  }, [x, y, tpY, width]);

  // Latest values for the brush handlers, which d3 holds on to.
  const latest = useRef({ x, y, points, onSelectOp, onSeek });
  useEffect(() => {
    latest.current = { x, y, points, onSelectOp, onSeek };
  });

  // Brush: drag selects a range to zoom into; a click (no drag) opens a point or seeks.
  useEffect(() => {
    const g = brushRef.current;
    if (!g) return;
    const brush = brushX<unknown>()
      .extent([
        [M.left, M.top],
        [Math.max(M.left + 10, width - M.right), height - M.bottom],
      ])
      .on('end', (event: D3BrushEvent<unknown>) => {
        const source = event.sourceEvent as MouseEvent | undefined;
        if (!source) return; // our own brush.move below
        const { x: sx, y: sy, points: pts, onSelectOp: select0, onSeek: seek } = latest.current;
        if (event.selection) {
          const [a, b] = event.selection as [number, number];
          if (b - a > 3) setZoom([sx.invert(a), sx.invert(b)]);
          select(g).call(brush.move, null);
          return;
        }
        const [px, py] = pointer(source, g);
        const hit = hitTest(pts, sx, sy, px, py);
        if (hit >= 0) {
          setActive(hit);
          select0(pts[hit]!.op);
        } else {
          seek(Math.max(0, sx.invert(px)));
        }
      });
    select(g).call(brush);
    return () => {
      select(g).on('.brush', null);
    };
  }, [width, height]);

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const hit = hitTest(points, x, y, e.clientX - rect.left, e.clientY - rect.top);
    if (hit !== hover) setHover(hit);
  };

  const visibleFrom = lowerBound(points, domain[0]);
  const visibleTo = lowerBound(points, domain[1] + 1e-9);
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
      const half = (domain[1] - domain[0]) / 4;
      const c = Math.min(Math.max(cursorTime, domain[0] + half), domain[1] - half);
      setZoom([c - half, c + half]);
    } else return;
    e.preventDefault();
    if (to !== null && n > 0) setActive(Math.max(visibleFrom, Math.min(visibleTo - 1, to)));
  };

  const { counts, p99 } = useMemo(() => {
    const c = { ok: 0, failed: 0, 'timed-out': 0 };
    for (const p of visible) c[p.status]++;
    return { counts: c, p99: overallQuantile(visible, 0.99) };
  }, [visible]);
  const summary = `latency chart, ${visible.length} operations (${counts.ok} ok, ${counts.failed} failed, ${counts['timed-out']} timed out)${
    p99 === null ? '' : `, p99 ${Math.round(p99)} ms`
  }${zoom ? `, zoomed to ${formatMs(domain[0])} – ${formatMs(domain[1])}` : ''}`;
  const peak = Math.max(0, ...bins.map((b) => b.rate));

  const lineFor = (key: 'p50' | 'p95' | 'p99') =>
    line<QuantileSample>()
      .defined((d) => d[key] !== null)
      .x((d) => x(d.time))
      .y((d) => y(d[key] ?? 1))
      .curve(curveMonotoneX)(quantiles) ?? '';
  const tpArea =
    area<ThroughputBin>()
      .x((d) => x(d.start))
      .y0(tpY(0))
      .y1((d) => tpY(d.rate))
      .curve(curveStepAfter)(
      bins.length > 0
        ? [...bins, { ...bins[bins.length - 1]!, start: bins[bins.length - 1]!.end }]
        : [],
    ) ?? '';
  const cursorX = x(cursorTime);
  const cursorIn = cursorTime >= domain[0] && cursorTime <= domain[1];
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
          {(['p50', 'p95', 'p99'] as const).map((q) => (
            <span key={q}>
              <i className="ln" style={{ background: QUANTILE_COLORS[q] }} />
              {q}
            </span>
          ))}
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
          <FaultRects faults={faults} x={x} top={M.top} bottom={height - M.bottom} />
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
            {(['p50', 'p95', 'p99'] as const).map((q) => (
              <path key={q} d={lineFor(q)} stroke={QUANTILE_COLORS[q]} />
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
          {cursorTime < domain[1] && (
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
      <svg
        className="hist-throughput"
        width={width}
        height={TP_HEIGHT}
        role="img"
        aria-label={`throughput chart, peak ${Math.round(peak)} ok operations per second`}
        onClick={(e) => {
          const rect = e.currentTarget.getBoundingClientRect();
          const px = e.clientX - rect.left;
          if (px >= M.left) onSeek(Math.max(0, x.invert(px)));
        }}
      >
        <FaultRects faults={faults} x={x} top={8} bottom={TP_HEIGHT - M.bottom} />
        <path className="hist-tp-area" d={tpArea} />
        <g className="hist-axis" ref={tpYAxisRef} transform={`translate(${M.left},0)`} />
        <g
          className="hist-axis"
          ref={tpAxisRef}
          transform={`translate(0,${TP_HEIGHT - M.bottom})`}
        />
        <text
          className="hist-axis-label"
          transform={`translate(12,${(TP_HEIGHT - M.bottom) / 2 + 4}) rotate(-90)`}
          textAnchor="middle"
        >
          ok ops/s
        </text>
        {cursorIn && (
          <line
            className="hist-cursor"
            x1={cursorX}
            x2={cursorX}
            y1={8}
            y2={TP_HEIGHT - M.bottom}
          />
        )}
      </svg>
      <div className="visually-hidden" aria-live="polite">
        {activeIndex >= 0 && points[activeIndex] ? describeOp(points[activeIndex]) : ''}
      </div>
    </div>
  );
}
