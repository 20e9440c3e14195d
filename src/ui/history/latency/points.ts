/** The latency chart's points: finding them by time and by pointer, drawing them on canvas. */
import { bisector } from 'd3-array';
import type { ScaleLinear, ScaleLogarithmic } from 'd3-scale';
import type { LatencyPoint, OpStatus } from '../../../engine/analysis/latency';
import { fmtMs } from '../../format';
import { IN_FLIGHT_COLOR, STATUS_COLORS } from '../colors';

export type X = ScaleLinear<number, number>;
export type Y = ScaleLogarithmic<number, number>;

/** Plot margins (px). */
export const M = { left: 52, right: 14, top: 10, bottom: 24 };
const HIT_RADIUS = 7;
/**
 * How a point is drawn: its result, or "in flight" for a request with no reply yet (still
 * waiting at the moment the chart shows). Only a request the client gave up on is a timeout.
 */
export type PointKind = OpStatus | 'in-flight';
const KINDS: readonly PointKind[] = ['ok', 'failed', 'timed-out', 'in-flight'];
export const STATUS_NAMES: Record<PointKind, string> = {
  ok: 'ok',
  failed: 'failed',
  'timed-out': 'timed out',
  'in-flight': 'in flight',
};

export function pointKind(p: LatencyPoint): PointKind {
  return p.pending ? 'in-flight' : p.status;
}

/** How many points of each kind. */
export function countKinds(points: readonly LatencyPoint[]): Record<PointKind, number> {
  const c: Record<PointKind, number> = { ok: 0, failed: 0, 'timed-out': 0, 'in-flight': 0 };
  for (const p of points) c[pointKind(p)]++;
  return c;
}

const byTime = bisector((p: LatencyPoint) => p.time);

/** First index of a point with time >= t (points sorted by time). */
export function lowerBound(points: readonly LatencyPoint[], t: number): number {
  return byTime.left(points, t);
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

export function describeOp(p: LatencyPoint): string {
  const o = p.op;
  const what = o.op === 'put' ? `put ${o.key}=${o.value ?? ''}` : `get ${o.key}`;
  const latency = p.pending ? `no reply yet after ${fmtMs(p.latency)}` : fmtMs(p.latency);
  return `${o.client} ${what}, ${STATUS_NAMES[pointKind(p)]}${o.result && o.result !== 'timeout' ? ` (${o.result})` : ''}, ${latency}, invoked at ${fmtMs(p.time)}`;
}

/** Draws the points in the x domain; returns the time it took (ms). */
export function drawPoints(
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
  for (const kind of KINDS) {
    if (kind === 'ok') {
      // fillRect per point is the fastest primitive for many small squares.
      ctx.fillStyle = STATUS_COLORS.ok;
      for (let i = from; i < to; i++) {
        const p = points[i]!;
        if (pointKind(p) === 'ok') ctx.fillRect(x(p.time) - 2, y(p.latency) - 2, 4, 4);
      }
      continue;
    }
    ctx.beginPath();
    for (let i = from; i < to; i++) {
      const p = points[i]!;
      if (pointKind(p) !== kind) continue;
      const px = x(p.time);
      const py = y(p.latency);
      if (kind === 'failed') {
        ctx.moveTo(px - 3, py - 3);
        ctx.lineTo(px + 3, py + 3);
        ctx.moveTo(px - 3, py + 3);
        ctx.lineTo(px + 3, py - 3);
      } else if (kind === 'in-flight') {
        // A hollow ring with an upward tick: the latency so far, a lower bound that grows.
        ctx.moveTo(px + 3.5, py);
        ctx.arc(px, py, 3.5, 0, Math.PI * 2);
        ctx.moveTo(px, py - 3.5);
        ctx.lineTo(px, py - 8);
      } else {
        ctx.moveTo(px, py - 3.5);
        ctx.lineTo(px + 3.5, py + 2.5);
        ctx.lineTo(px - 3.5, py + 2.5);
        ctx.closePath();
      }
    }
    if (kind === 'failed' || kind === 'in-flight') {
      ctx.strokeStyle = kind === 'failed' ? STATUS_COLORS.failed : IN_FLIGHT_COLOR;
      ctx.lineWidth = 1.5;
      ctx.stroke();
    } else {
      ctx.fillStyle = STATUS_COLORS[kind];
      ctx.fill();
    }
  }
  ctx.restore();
  return performance.now() - started;
}
