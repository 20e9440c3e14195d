/**
 * Space-time (Lamport) diagram: one lane per node (and one for clients), an arrow per
 * message from send to delivery, a cross where a message was dropped, marks for crashes,
 * restarts, role changes and partitions, over a window of virtual time around the cursor.
 * SVG, bounded: at most MAX_MESSAGES arrows and MAX_POINTS marks are drawn.
 */
import { scaleLinear, scalePoint } from 'd3-scale';
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { computeFaults } from '../../engine/analysis/faults';
import type { FaultPeriod } from '../../engine/analysis/faults';
import type { TraceEntry } from '../../engine/types';
import { fmtMs } from '../format';
import { roleStyle } from '../protocols/common';
import type { Palette } from '../protocols/types';
import { FAULT_COLORS, kindColor } from './colors';
import { FaultBands, faultTitle } from './FaultBands';
import { markLetter, pointMarks } from './marks';
import { indexMessages, messagesInWindow } from './spacetime';
import { SpanArrow } from './SpanArrow';
import type { MessageSpan } from './spacetime';
import { useAxis } from './useAxis';
import { useWidth } from './useWidth';
import { laneOf } from './windowing';

export interface SpaceTimeDiagramProps {
  trace: readonly TraceEntry[];
  /** Server lanes, top to bottom. */
  nodeIds: readonly string[];
  /** The protocol's palette (message colours by kind, role colours) and its epoch's name. */
  palette: Palette;
  epochName: string;
  cursorTime: number;
  /** Width of the visible window of virtual time (default 400 ms). */
  windowMs?: number;
  /** Draw a lane for clients and their requests (default true). */
  showClients?: boolean;
  onSelectEvent(eventId: number): void;
  /**
   * Fault periods of the whole run, when the caller has them (then `trace` may be just a
   * window around the cursor); computed from `trace` otherwise.
   */
  faults?: readonly FaultPeriod[];
  /** Events to ring as offending (an opened failure's), on the lane of the node they touched. */
  marked?: ReadonlySet<number>;
}

const MAX_MESSAGES = 800;
const MAX_POINTS = 400;
const LANE_H = 34;
const LEFT = 56;
const RIGHT = 12;
const TOP = 10;
const AXIS_H = 24;
/** Arrows keep their coordinates while the window slides this many widths (see `origin`). */
const ORIGIN_WINDOWS = 32;
/** The cursor sits this far into the window: more past than future. */
const CURSOR_AT = 0.7;

const plainTick = (d: unknown): string => String(d);

export function SpaceTimeDiagram(props: SpaceTimeDiagramProps) {
  const { trace, nodeIds, palette, epochName, cursorTime, onSelectEvent } = props;
  const { windowMs = 400, showClients = true } = props;
  const rootRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const axisRef = useRef<SVGGElement>(null);
  const width = useWidth(rootRef, 800);
  const uid = useId().replace(/[^a-zA-Z0-9]/g, '');
  // The arrow with the keyboard's Tab stop, by message id (an index would move as the window
  // slides, rewriting every arrow's attributes each frame).
  const [focusMsg, setFocusMsg] = useState<number | null>(null);

  const index = useMemo(() => indexMessages(trace), [trace]);
  const given = props.faults;
  const faults = useMemo(() => given ?? computeFaults(trace), [given, trace]);
  const servers = useMemo(() => new Set(nodeIds), [nodeIds]);
  const lanes = useMemo(
    () => (showClients ? [...nodeIds, 'clients'] : [...nodeIds]),
    [nodeIds, showClients],
  );

  const t0 = cursorTime - windowMs * CURSOR_AT;
  const t1 = t0 + windowMs;
  const height = TOP + lanes.length * LANE_H + AXIS_H;
  const right = Math.max(LEFT + 10, width - RIGHT);
  const x = useMemo(() => scaleLinear().domain([t0, t1]).range([LEFT, right]), [t0, t1, right]);
  // What is drawn is chosen in quarter-window jumps (the anchor); it is laid out against an
  // origin that moves only every ORIGIN_WINDOWS windows and is slid into place with one
  // transform, so playing or stepping rewrites one attribute rather than every arrow's
  // coordinates (at 1× a quarter-window anchor moved ten times a second).
  const quarter = windowMs / 4;
  const anchor = Math.floor(t0 / quarter) * quarter;
  const a1 = anchor + windowMs + quarter;
  const span = windowMs * ORIGIN_WINDOWS;
  const origin = Math.floor(t0 / span) * span;
  const xa = useMemo(
    () =>
      scaleLinear()
        .domain([origin, origin + windowMs])
        .range([LEFT, right]),
    [origin, windowMs, right],
  );
  const shift = xa(origin) - x(origin);
  const y = useMemo(
    () =>
      scalePoint<string>()
        .domain(lanes)
        .range([TOP + LANE_H / 2, TOP + LANE_H * (lanes.length - 0.5)]),
    [lanes],
  );

  const { spans: anchored, total } = useMemo(() => {
    const all = messagesInWindow(index, anchor, a1, MAX_MESSAGES, anchor + windowMs * CURSOR_AT);
    if (showClients) return all;
    const only = all.spans.filter((s) => servers.has(s.from) && servers.has(s.to));
    return { spans: only, total: only.length };
  }, [index, anchor, a1, windowMs, showClients, servers]);
  // Only what overlaps the visible window is in the DOM (keyboard focus never lands on a
  // clipped arrow); elements keep their anchored coordinates as the window slides.
  const spans = useMemo(
    () => anchored.filter((s) => s.end >= t0 && s.sentAt <= t1),
    [anchored, t0, t1],
  );

  const anchoredPoints = useMemo(
    () => pointMarks(trace, anchor, a1, { servers, lanes, epochName, max: MAX_POINTS }),
    [trace, anchor, a1, servers, lanes, epochName],
  );

  const points = anchoredPoints.filter((p) => p.entry.time >= t0 && p.entry.time <= t1);
  const marked = props.marked;
  const offending = useMemo(() => offendingMarks(trace, marked), [trace, marked]);

  const kinds = useMemo(() => [...new Set(spans.map((s) => s.kind ?? 'message'))].sort(), [spans]);

  // The time axis is a ruler laid out against the same origin as the arrows, as long as the
  // stretch they keep their coordinates for, and slid with them: drawn again when the origin
  // moves, not every frame.
  const perWindow = Math.max(2, Math.floor(width / 100));
  const ruler = useMemo(
    () =>
      scaleLinear()
        .domain([origin, origin + span + windowMs])
        .range([xa(origin), xa(origin + span + windowMs)]),
    [origin, span, windowMs, xa],
  );
  useAxis(axisRef, ruler, {
    orient: 'bottom',
    ticks: perWindow * (ORIGIN_WINDOWS + 1),
    format: plainTick,
  });

  const found = focusMsg === null ? -1 : spans.findIndex((sp) => sp.msg === focusMsg);
  const focus = found < 0 ? 0 : found;
  const focusedMsg = spans[focus]?.msg ?? null;
  // Stable across snapshots, so that unchanged arrows skip rendering (SpanArrow is memo).
  const selectRef = useRef(onSelectEvent);
  selectRef.current = onSelectEvent;
  const pick = useCallback((sp: MessageSpan) => {
    setFocusMsg(sp.msg);
    selectRef.current(sp.endEvent ?? sp.sendEvent);
  }, []);
  const onKeyDown = (e: KeyboardEvent<SVGGElement>) => {
    if (spans.length === 0) return;
    let to: number;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') to = Math.min(spans.length - 1, focus + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') to = Math.max(0, focus - 1);
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = spans.length - 1;
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      pick(spans[focus]!);
      return;
    } else return;
    e.preventDefault();
    const msg = spans[to]!.msg;
    setFocusMsg(msg);
    svgRef.current?.querySelector<SVGGElement>(`[data-msg="${msg}"]`)?.focus();
  };

  const laneY = (id: string) => y(laneOf(id, servers)) ?? 0;
  const clipX = (t: number) => Math.max(LEFT, Math.min(width - RIGHT, x(t)));
  const nodeFaults = faults.filter(
    (f) => (f.kind === 'crash' || f.kind === 'pause') && f.end >= t0 && f.start <= t1,
  );
  const netFaults = useMemo(
    () => faults.filter((f) => f.kind === 'partition' || f.kind === 'link'),
    [faults],
  );
  const plotBottom = TOP + lanes.length * LANE_H;

  const capped = total > anchored.length;
  const summary = `space-time diagram, ${fmtMs(Math.max(0, t0))} to ${fmtMs(t1)}, ${spans.length} messages${
    capped ? ` (capped at ${MAX_MESSAGES}: some not drawn)` : ''
  }`;

  return (
    <div className="hist-spacetime" ref={rootRef}>
      <div className="hist-legend" aria-hidden="true">
        {kinds.map((k) => (
          <span key={k}>
            <i style={{ background: kindColor(palette, k) }} />
            {k}
          </span>
        ))}
        <span>
          <b className="hist-drop-glyph">✕</b> dropped
        </span>
        {capped && (
          <span className="hist-note">
            showing {anchored.length} of {total} messages (narrow the window)
          </span>
        )}
      </div>
      <svg ref={svgRef} width={width} height={height} role="group" aria-label={summary}>
        <defs>
          {kinds.map((k) => (
            <marker
              key={k}
              id={`${uid}-arrow-${k}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,1 L9,5 L0,9 z" fill={kindColor(palette, k)} />
            </marker>
          ))}
          <pattern
            id={`${uid}-hatch`}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill={FAULT_COLORS.crash} fillOpacity="0.12" />
            <line
              x1="0"
              y1="0"
              x2="0"
              y2="6"
              stroke={FAULT_COLORS.crash}
              strokeOpacity="0.5"
              strokeWidth="2"
            />
          </pattern>
          <clipPath id={`${uid}-clip`}>
            <rect x={LEFT} y={0} width={Math.max(0, right - LEFT)} height={height} />
          </clipPath>
        </defs>
        <FaultBands faults={netFaults} x={x} top={TOP} bottom={plotBottom} opacity={0.1} />
        {lanes.map((lane) => (
          <g key={lane} className="hist-lane">
            <line x1={LEFT} x2={width - RIGHT} y1={y(lane)} y2={y(lane)} />
            <text x={LEFT - 8} y={(y(lane) ?? 0) + 4} textAnchor="end">
              {lane}
            </text>
          </g>
        ))}
        {nodeFaults.map((f, i) => (
          <rect
            key={`node-${i}`}
            x={clipX(f.start)}
            y={laneY(f.node ?? '') - LANE_H / 2 + 4}
            width={Math.max(1, clipX(f.end) - clipX(f.start))}
            height={LANE_H - 8}
            fill={f.kind === 'crash' ? `url(#${uid}-hatch)` : FAULT_COLORS.pause}
            fillOpacity={f.kind === 'crash' ? 1 : 0.2}
          >
            <title>{faultTitle(f)}</title>
          </rect>
        ))}
        <g clipPath={`url(#${uid}-clip)`}>
          <g transform={`translate(${-shift},0)`}>
            <g className="hist-messages" role="list" aria-label="messages" onKeyDown={onKeyDown}>
              {spans.map((sp) => {
                const x1 = xa(sp.sentAt);
                const y1 = laneY(sp.from);
                const y2 = laneY(sp.to);
                // A message dropped at send has no flight: a short stub towards the receiver.
                return (
                  <SpanArrow
                    key={sp.msg}
                    span={sp}
                    x1={x1}
                    y1={y1}
                    x2={sp.droppedAtSend ? x1 + 10 : xa(sp.end)}
                    y2={sp.droppedAtSend ? y1 + Math.sign(y2 - y1) * 10 : y2}
                    color={kindColor(palette, sp.kind)}
                    future={sp.sentAt > cursorTime}
                    focused={sp.msg === focusedMsg}
                    arrow={`url(#${uid}-arrow-${sp.kind ?? 'message'})`}
                    onPick={pick}
                    onFocusSpan={setFocusMsg}
                  />
                );
              })}
            </g>
            <g className="hist-offending-marks" role="list" aria-label="offending events">
              {offending.map((e) => (
                <g
                  key={e.id}
                  role="listitem"
                  aria-label={`offending event ${e.id} at ${fmtMs(e.time)}, ${e.lane}`}
                  className="hist-offending"
                  transform={`translate(${xa(e.time)},${y(laneOf(e.lane, servers)) ?? 0})`}
                  onClick={() => onSelectEvent(e.id)}
                >
                  <circle r={10} />
                </g>
              ))}
            </g>
            <g className="hist-points">
              {points.map((p) => {
                const px = xa(p.entry.time);
                const py = y(p.lane) ?? 0;
                const letter = markLetter(p);
                return (
                  <g
                    key={`${p.entry.id}-${p.entry.kind}-${p.lane}-${p.kind}`}
                    className={`hist-point kind-${p.kind}`}
                    transform={`translate(${px},${py})`}
                    onClick={() => onSelectEvent(p.entry.id)}
                  >
                    <title>{`${p.label} at ${fmtMs(p.entry.time)}`}</title>
                    {p.kind === 'crash' ? (
                      <path d="M-6,-6L6,6M-6,6L6,-6" />
                    ) : p.kind === 'restart' ? (
                      <path d="M-5,4L0,-6L5,4z" />
                    ) : p.kind === 'timeout' ? (
                      <rect x={-4} y={-4} width={8} height={8} />
                    ) : (
                      <circle
                        r={p.kind === 'role' ? 3 : 5}
                        fill={roleStyle(palette, p.role ?? '').color}
                      />
                    )}
                    {letter !== null && (
                      <text y={-8} textAnchor="middle">
                        {letter}
                      </text>
                    )}
                  </g>
                );
              })}
            </g>
          </g>
        </g>
        <line
          className="hist-cursor"
          x1={x(cursorTime)}
          x2={x(cursorTime)}
          y1={TOP - 4}
          y2={plotBottom}
        />
        <g clipPath={`url(#${uid}-clip)`}>
          <g transform={`translate(${-shift},0)`}>
            <g
              ref={axisRef}
              className="hist-axis"
              transform={`translate(0,${plotBottom})`}
              aria-hidden="true"
            />
          </g>
        </g>
      </svg>
    </div>
  );
}

/** One ring per marked event in `trace`: at its time, on the lane of the node it touched. */
function offendingMarks(
  trace: readonly TraceEntry[],
  marked: ReadonlySet<number> | undefined,
): { id: number; time: number; lane: string }[] {
  if (marked === undefined || marked.size === 0) return [];
  const out = new Map<number, { id: number; time: number; lane: string }>();
  for (const e of trace) {
    if (!marked.has(e.id) || out.has(e.id)) continue;
    // A delivery touches its receiver; other events name their node.
    const lane = e.kind === 'deliver' ? e.to : (e.node ?? e.to ?? e.from);
    if (lane !== undefined) out.set(e.id, { id: e.id, time: e.time, lane });
  }
  return [...out.values()];
}
