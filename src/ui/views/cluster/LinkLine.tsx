/**
 * A link between two servers. Click: cut or heal both directions. Shift-click: toggle only
 * the direction INTO the nearer server (a one-way cut). Keyboard: Enter / Shift+Enter. A press
 * that moves on is the cluster's partition drag, not a click (ClusterView handles that).
 */
import { memo } from 'react';
import type { KeyboardEvent, MouseEvent } from 'react';
import { FAIL } from '../../theme';
import type { Point } from './geometry';
import { rimToRim } from './geometry';

const HIT_HALF_WIDTH = 8;

function band(s: Point, t: Point, w: number): string {
  const len = Math.hypot(t.x - s.x, t.y - s.y) || 1;
  const nx = (-(t.y - s.y) / len) * w;
  const ny = ((t.x - s.x) / len) * w;
  const f = (n: number) => n.toFixed(1);
  return `M${f(s.x + nx)},${f(s.y + ny)}L${f(t.x + nx)},${f(t.y + ny)}L${f(t.x - nx)},${f(t.y - ny)}L${f(s.x - nx)},${f(s.y - ny)}Z`;
}

export function linkLabel(a: string, b: string, abDown: boolean, baDown: boolean): string {
  const base = `link ${a} to ${b}`;
  if (abDown && baDown) return `${base}, down`;
  if (abDown) return `${base}, one-way: only ${b} to ${a} works`;
  if (baDown) return `${base}, one-way: only ${a} to ${b} works`;
  return `${base}, up`;
}

interface Props {
  a: string;
  b: string;
  pa: Point;
  pb: Point;
  r: number;
  abDown: boolean;
  baDown: boolean;
  /** Toggle both directions. */
  onToggle(a: string, b: string): void;
  /** Toggle one direction: from → to. */
  onToggleDirection(from: string, to: string): void;
  /** Screen position to drawing coordinates (the drawing may be letterboxed). */
  toSvg(e: { clientX: number; clientY: number }): Point;
}

export const LinkLine = memo(function LinkLine({
  a,
  b,
  pa,
  pb,
  r,
  abDown,
  baDown,
  onToggle,
  onToggleDirection,
  toSvg,
}: Props) {
  const [s, t] = rimToRim(pa, pb, r + 10, r + 10);
  const state = abDown && baDown ? 'down' : abDown || baDown ? 'oneway' : 'up';
  const mid = { x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 };
  const angle = (Math.atan2(t.y - s.y, t.x - s.x) * 180) / Math.PI;
  const click = (e: MouseEvent) => {
    e.stopPropagation();
    if (e.shiftKey) {
      // Block the traffic that arrives at the server nearer to the click.
      const p = toSvg(e);
      const nearA = Math.hypot(p.x - pa.x, p.y - pa.y) < Math.hypot(p.x - pb.x, p.y - pb.y);
      if (nearA) onToggleDirection(b, a);
      else onToggleDirection(a, b);
    } else onToggle(a, b);
  };
  const key = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    e.stopPropagation();
    if (e.shiftKey) onToggleDirection(b, a);
    else onToggle(a, b);
  };
  // For a one-way link: the working direction, drawn as an arrow at the middle.
  const works = abDown ? -1 : 1; // +1: a → b works
  return (
    <g
      className={`link link-${state}`}
      role="button"
      tabIndex={0}
      aria-label={linkLabel(a, b, abDown, baDown)}
      onClick={click}
      onKeyDown={key}
    >
      <title>
        {`${a} ↔ ${b}: click to ${state === 'up' ? 'cut' : 'heal'} · shift-click to block traffic into the nearer server`}
      </title>
      {/* A filled band, not a stroked line: a horizontal line has a zero-height box. */}
      <path className="link-hit" d={band(s, t, HIT_HALF_WIDTH)} />
      <line className="link-line" x1={s.x} y1={s.y} x2={t.x} y2={t.y} />
      {state === 'down' && (
        <g transform={`translate(${mid.x},${mid.y}) rotate(${angle})`} className="cut-mark">
          <circle r={9} fill="#11151c" stroke={FAIL} strokeWidth={2} />
          <line x1={-4} y1={-4} x2={4} y2={4} stroke={FAIL} strokeWidth={2.2} />
          <line x1={4} y1={-4} x2={-4} y2={4} stroke={FAIL} strokeWidth={2.2} />
        </g>
      )}
      {state === 'oneway' && (
        <g transform={`translate(${mid.x},${mid.y}) rotate(${angle + (works > 0 ? 0 : 180)})`}>
          <path d="M -9 -7 L 7 0 L -9 7 Z" fill="#c9d3e3" />
          {/* The blocked receiving end gets a bar. */}
          <g transform={`translate(${(Math.hypot(t.x - s.x, t.y - s.y) / 2) * -0.7},0)`}>
            <line x1={0} y1={-9} x2={0} y2={9} stroke={FAIL} strokeWidth={3} />
          </g>
        </g>
      )}
    </g>
  );
});
