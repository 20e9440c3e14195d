/**
 * One server on the ring: role by colour and shape (from the protocol's palette), its epoch,
 * the draining arc of the protocol's arc timer, and the protocol's own decoration.
 */
import { memo, useLayoutEffect, useRef } from 'react';
import type { ComponentType, KeyboardEvent } from 'react';
import type { NodeView } from '../../../worker/protocol';
import { useClock } from '../../store/clock';
import { epochColor, FAIL } from '../../theme';
import { plainEqual } from '../../plainEqual';
import { DOWN, roleStyle } from '../../protocols/common';
import type { DecorPlace, Palette } from '../../protocols/types';
import type { Point } from './geometry';
import { timerLeft, timerNamed } from '../../timers';
import { nodeLabel } from './labels';
import { rolePath, timerDash } from './shapes';

const WARN = '#f5a524';
const ARC = '#c9d3e3';
/**
 * Smallest caption inside a server, in diagram units: at 1440×900 the diagram is drawn at
 * about 0.72 px per unit, so this is at least 11 px there (readable on a projector).
 */
export const CAPTION_UNITS = 16;

/** The epoch caption's font size and, when the word is too wide for the circle, its length. */
export function captionFit(word: string, r: number): { y: number; size: number; length?: number } {
  const y = r * 0.52;
  const chord = 2 * Math.sqrt(Math.max(0, r * r - (y + CAPTION_UNITS * 0.35) ** 2)) * 0.92;
  // Upper-case letters with 0.06em spacing are about 0.72em wide.
  const width = word.length * CAPTION_UNITS * 0.72;
  return width > chord ? { y, size: CAPTION_UNITS, length: chord } : { y, size: CAPTION_UNITS };
}

interface Props {
  node: NodeView;
  at: Point;
  out: Point;
  r: number;
  selected: boolean;
  /** Involved in the anomaly the user clicked (the CAP view): a dashed ring. */
  highlighted?: boolean;
  /** Outside the configuration in force (a removed server): drawn greyed out. */
  outside?: boolean;
  /** While a partition line is drawn: which side this server falls on. */
  side: number | null;
  palette: Palette;
  epochName: string;
  arcTimer: string | undefined;
  /** The protocol's decoration and its data (plain, compared by value). */
  Decor: ComponentType<{ data: unknown; place: DecorPlace }> | null;
  decor: unknown;
  onSelect(id: string): void;
}

/**
 * The timer's ring: a circle whose dash is the part of the timer left, drawn from 12 o'clock
 * clockwise. React draws it when the snapshot changes; every animation frame in between
 * only rewrites the dash, straight on the element (no path built, no reconciliation).
 */
function TimerRing({
  node,
  r,
  name,
  color,
}: {
  node: NodeView;
  r: number;
  name: string;
  color: string;
}) {
  const timer = timerNamed(node.timers, name);
  const armed = timerLeft(timer, 0) !== null;
  const due = timer?.due ?? 0;
  const length = timer?.length ?? 0;
  const radius = r + 8;
  const ref = useRef<SVGCircleElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    let shown = '';
    const draw = (time: number) => {
      const dash = timerDash(timerLeft({ name, due, length }, time) ?? 0, radius);
      if (dash === shown) return;
      shown = dash;
      el.setAttribute('stroke-dasharray', dash);
    };
    draw(useClock.getState().time);
    return useClock.subscribe((s) => draw(s.time));
  }, [armed, name, due, length, radius]);
  if (!armed) return null;
  return (
    <g className="timer" aria-hidden="true">
      <circle r={radius} fill="none" className="timer-track" strokeWidth={4} />
      <circle
        ref={ref}
        r={radius}
        fill="none"
        stroke={color}
        strokeWidth={4}
        transform="rotate(-90)"
        opacity={node.pausedUntil > 0 ? 0.4 : 0.85}
      />
    </g>
  );
}

/**
 * Props equal for drawing purposes: node views and decorations are new objects in every
 * snapshot, so they are compared by value (every field, whatever the protocol adds).
 */
export function sameProps(a: Props, b: Props): boolean {
  for (const k of Object.keys(a) as (keyof Props)[]) {
    if (k === 'node' || k === 'decor') continue;
    if (a[k] !== b[k]) return false;
  }
  return plainEqual(a.node, b.node) && plainEqual(a.decor, b.decor);
}

export const NodeGlyph = memo(function NodeGlyph(props: Props) {
  const { node, at, out, r, selected, side, palette, epochName, arcTimer, Decor, decor, onSelect } =
    props;
  const style = roleStyle(palette, node.up ? node.role : DOWN);
  const color = style.color;
  const path = node.up ? rolePath(style.shape, r) : null;
  const paused = node.up && node.pausedUntil > 0;
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      onSelect(node.id);
    }
  };
  const labelAt = { x: out.x * (r + 34), y: out.y * (r + 34) };
  // Captions go on the far side of the id, away from the node.
  const above = out.y < -0.3;
  const captionY = labelAt.y + (above ? -17 : 25);
  const caption = captionFit(epochName, r);
  const shapeProps = {
    // A CSS variable (the theme's paper) works in style, not in a presentation attribute.
    style: { fill: node.up ? `${color}2e` : 'var(--node-down-fill)' },
    stroke: color,
    strokeWidth: node.leads ? 3.5 : 2.5,
    strokeDasharray: node.up ? undefined : '5 4',
  };
  return (
    <g
      className={`node${selected ? ' selected' : ''}${paused ? ' paused' : ''}${props.outside ? ' outside' : ''}`}
      transform={`translate(${at.x},${at.y})`}
      role="button"
      tabIndex={0}
      aria-label={nodeLabel(node, epochName, props.outside)}
      aria-pressed={selected}
      onClick={(e) => {
        e.stopPropagation();
        onSelect(node.id);
      }}
      onPointerDown={(e) => e.stopPropagation()}
      onKeyDown={onKey}
    >
      {side !== null && (
        <circle r={r + 14} fill={side > 0 ? '#4c9aff22' : '#f5a52422'} stroke="none" />
      )}
      {selected && <circle r={r + 15} className="select-ring" />}
      {props.highlighted && <circle r={r + 20} className="highlight-ring" />}
      {arcTimer !== undefined && (
        <TimerRing node={node} r={r} name={arcTimer} color={node.campaigns ? color : ARC} />
      )}
      {path ? <path d={path} {...shapeProps} /> : <circle r={r} {...shapeProps} />}
      {!node.up ? (
        <g className="crash-x" stroke={FAIL} strokeWidth={4} strokeLinecap="round">
          <line x1={-r * 0.42} y1={-r * 0.42} x2={r * 0.42} y2={r * 0.42} />
          <line x1={r * 0.42} y1={-r * 0.42} x2={-r * 0.42} y2={r * 0.42} />
        </g>
      ) : (
        node.epoch !== null && (
          <>
            <text
              className="term"
              y={-r * 0.14}
              fill={epochColor(node.epoch)}
              fontSize={r * (caption.length === undefined ? 0.72 : 0.66)}
            >
              {node.epoch}
            </text>
            <text
              className="term-caption"
              y={caption.y}
              fontSize={caption.size}
              textLength={caption.length}
              lengthAdjust={caption.length === undefined ? undefined : 'spacingAndGlyphs'}
            >
              {epochName}
            </text>
          </>
        )
      )}
      {paused && (
        <g transform={`translate(${r * 0.78},${-r * 0.78})`} className="pause-badge">
          <circle r={10} fill={WARN} />
          <rect x={-4.5} y={-5} width={3} height={10} fill="#11151c" />
          <rect x={1.5} y={-5} width={3} height={10} fill="#11151c" />
        </g>
      )}
      <text className="node-id" x={labelAt.x} y={labelAt.y + 6}>
        {node.id}
      </text>
      {node.up && Decor && decor !== null && decor !== undefined && (
        <Decor data={decor} place={{ r, label: labelAt, captionY, above }} />
      )}
      {!node.up && (
        <text className="state-caption" x={labelAt.x} y={captionY}>
          crashed
        </text>
      )}
      {paused && (
        <text className="state-caption" x={labelAt.x} y={captionY}>
          paused
        </text>
      )}
      {props.outside && node.up && !paused && (
        <text className="state-caption" x={labelAt.x} y={captionY}>
          removed
        </text>
      )}
    </g>
  );
}, sameProps);
