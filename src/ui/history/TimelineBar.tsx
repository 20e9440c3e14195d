/**
 * The timeline: an ARIA slider over the whole run (arrows step one event, Home/End jump to
 * the ends, drag to seek), markers for the moments worth visiting, previous/next buttons per
 * marker kind, and the scenario's scripted actions, also those still ahead of the play head.
 */
import { scaleLinear } from 'd3-scale';
import { useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import {
  MARKER_KIND_NAMES,
  MARKER_KINDS,
  markerName,
  nextMarker,
} from '../../engine/analysis/markers';
import type { Marker, MarkerKind } from '../../engine/analysis/markers';
import { fmtMs, fmtTime } from '../format';
import { MARKER_COLORS } from './colors';
import { msTick, useAxis } from './useAxis';
import { useWidth } from './useWidth';

export interface TimelineBarProps {
  endTime: number;
  cursorTime: number;
  /** Id of the event at the cursor, or null before the first event. */
  cursorEvent: number | null;
  /** Sorted by time (computeMarkers returns them so). */
  markers: readonly Marker[];
  /** The scenario's scripted actions: drawn ahead of the play head too, click to go there. */
  script?: readonly { at: number; text: string }[];
  /** The scale reaches at least this far (the last scripted action, say). */
  domainEnd?: number;
  onSeek(time: number): void;
  onStep(direction: 1 | -1): void;
  onSeekEvent(eventId: number): void;
}

const PAD = 12;
/** Markers closer than this (px) on one row are merged into one button. */
const MERGE_PX = 5;

/** Row of each marker kind in the marker lane. */
const ROW: Record<MarkerKind, number> = {
  election: 0,
  leader: 1,
  crash: 2,
  restart: 2,
  partition: 3,
  heal: 3,
  'client-failure': 4,
  violation: 5,
  anomaly: 6,
};
const ROW_PX = 8;
/** Height of the scripted actions' row above the marker rows. */
const SCRIPT_PX = 14;

/** Steps the moving end of the scale is rounded up to, per power of ten. */
const NICE = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/**
 * `t` rounded up to the next of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × a power of ten: the
 * head moves with every update while playing, its scale only every 20–25 % of growth, so
 * the axis, the marker lane and the scripted actions are laid out again that rarely.
 */
export function niceCeil(t: number): number {
  if (!(t > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(t));
  const step = NICE.find((n) => n * p >= t * (1 - 1e-12)) ?? 10;
  return step * p;
}

export function TimelineBar(props: TimelineBarProps) {
  const { endTime, cursorTime, cursorEvent, markers, onSeek, onStep, onSeekEvent } = props;
  const script = props.script ?? [];
  const scaleEnd = Math.max(niceCeil(endTime), props.domainEnd ?? 0, 1);
  const rootRef = useRef<HTMLDivElement>(null);
  const axisRef = useRef<SVGGElement>(null);
  const width = useWidth(rootRef, 800);
  const [kind, setKind] = useState<MarkerKind>('leader');
  const dragging = useRef(false);

  const x = useMemo(
    () =>
      scaleLinear()
        .domain([0, scaleEnd])
        .range([PAD, Math.max(PAD + 1, width - PAD)])
        .clamp(true),
    [scaleEnd, width],
  );

  useAxis(axisRef, x, {
    orient: 'bottom',
    ticks: Math.max(2, Math.floor(width / 90)),
    format: msTick,
  });

  // Merge markers that would overlap on the same row: one button per cluster.
  const shown = useMemo(() => {
    const out: { marker: Marker; count: number; px: number }[] = [];
    const lastPx = new Map<number, { px: number; item: { count: number } }>();
    for (const m of markers) {
      const px = x(m.time);
      const row = ROW[m.kind];
      const prev = lastPx.get(row);
      if (prev && px - prev.px < MERGE_PX) {
        prev.item.count++;
        continue;
      }
      const item = { marker: m, count: 1, px };
      out.push(item);
      lastPx.set(row, { px, item });
    }
    return out;
  }, [markers, x]);

  // The scale reaches past the head (rounded up): pointing there goes only as far as the head,
  // or the last scripted action.
  const reach = Math.max(endTime, props.domainEnd ?? 0);
  const timeAt = (clientX: number, el: HTMLElement) => {
    const rect = el.getBoundingClientRect();
    return Math.min(reach, x.invert(clientX - rect.left));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    onSeek(timeAt(e.clientX, e.currentTarget));
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) onSeek(timeAt(e.clientX, e.currentTarget));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = false;
    e.currentTarget.releasePointerCapture(e.pointerId);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const big = endTime / 10;
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowUp':
        onStep(1);
        break;
      case 'ArrowLeft':
      case 'ArrowDown':
        onStep(-1);
        break;
      case 'PageUp':
        onSeek(Math.min(endTime, cursorTime + big));
        break;
      case 'PageDown':
        onSeek(Math.max(0, cursorTime - big));
        break;
      case 'Home':
        onSeek(0);
        break;
      case 'End':
        onSeek(endTime);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const prev = nextMarker(markers, kind, cursorTime, -1);
  const next = nextMarker(markers, kind, cursorTime, 1);
  const kindName = MARKER_KIND_NAMES[kind];
  const valueText = `t = ${fmtMs(cursorTime)}${cursorEvent === null ? '' : `, event ${cursorEvent}`}`;
  const cursorPx = x(cursorTime);

  return (
    <div className="hist-timeline" ref={rootRef}>
      <div className="hist-timeline-controls">
        <button type="button" onClick={() => onStep(-1)} aria-label="step back one event">
          ◀ step
        </button>
        <button type="button" onClick={() => onStep(1)} aria-label="step forward one event">
          step ▶
        </button>
        <span className="hist-timeline-readout" aria-hidden="true">
          {valueText}
        </span>
        <span className="hist-legend" aria-hidden="true">
          {MARKER_KINDS.map((k) => (
            <span key={k}>
              <i
                style={{ background: MARKER_COLORS[k], borderRadius: '50%', width: 8, height: 8 }}
              />
              {MARKER_KIND_NAMES[k]}
            </span>
          ))}
        </span>
        <span className="hist-spacer" />
        <label>
          Jump to{' '}
          <select
            value={kind}
            onChange={(e) => setKind(e.target.value as MarkerKind)}
            aria-label="marker kind"
          >
            {MARKER_KINDS.map((k) => (
              <option key={k} value={k}>
                {MARKER_KIND_NAMES[k]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={!prev}
          aria-label={`previous ${kindName}`}
          onClick={() => prev && onSeekEvent(prev.eventId)}
        >
          ◀ previous
        </button>
        <button
          type="button"
          disabled={!next}
          aria-label={`next ${kindName}`}
          onClick={() => next && onSeekEvent(next.eventId)}
        >
          next ▶
        </button>
      </div>
      <div className="hist-timeline-markers" role="group" aria-label="timeline markers">
        {script.map((a, i) => {
          const ahead = a.at > cursorTime + 1e-6;
          const name = `scripted action at ${fmtTime(a.at)}: ${a.text}`;
          return (
            <button
              type="button"
              key={`script-${i}`}
              className={`hist-script-mark${ahead ? ' ahead' : ''}`}
              style={{ left: x(a.at) }}
              aria-label={ahead ? `${name} (ahead)` : name}
              title={name}
              onClick={() => onSeek(a.at)}
            />
          );
        })}
        {shown.map(({ marker, count, px }) => (
          <button
            type="button"
            key={`${marker.eventId}-${marker.kind}-${marker.label}`}
            className={`hist-marker kind-${marker.kind}`}
            style={{
              left: px,
              top: SCRIPT_PX + 2 + ROW[marker.kind] * ROW_PX,
              background: MARKER_COLORS[marker.kind],
            }}
            aria-label={
              count > 1 ? `${markerName(marker)} (and ${count - 1} more)` : markerName(marker)
            }
            title={count > 1 ? `${markerName(marker)} (+${count - 1})` : markerName(marker)}
            onClick={() => onSeekEvent(marker.eventId)}
          />
        ))}
      </div>
      <div
        className="hist-timeline-track"
        role="slider"
        aria-label="timeline"
        aria-valuemin={0}
        aria-valuemax={endTime}
        aria-valuenow={cursorTime}
        aria-valuetext={valueText}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <div className="hist-timeline-rail" style={{ left: PAD, right: PAD }} />
        <div
          className="hist-timeline-fill"
          style={{ left: PAD, width: Math.max(0, cursorPx - PAD) }}
        />
        {endTime < scaleEnd && (
          <div
            className="hist-timeline-ahead"
            style={{ left: x(endTime), width: Math.max(0, x(scaleEnd) - x(endTime)) }}
          />
        )}
        <div className="hist-timeline-thumb" style={{ left: cursorPx }} />
      </div>
      <svg className="hist-axis" width={width} height={22} aria-hidden="true">
        <g ref={axisRef} />
      </svg>
    </div>
  );
}
