/**
 * Messages in flight as glyphs gliding along their link, placed by interpolating between
 * sentAt and deliverAt at the displayed virtual time. Each direction has its own lane, so a
 * request and its reply never hide each other.
 */
import { useCallback, useLayoutEffect, useRef } from 'react';
import type { MouseEvent } from 'react';
import type { MessageView } from '../../../worker/protocol';
import { useClock } from '../../store/clock';
import { messageStyle } from '../../protocols/common';
import type { Palette } from '../../protocols/types';
import type { Layout } from './geometry';
import { endpoint } from './geometry';
import { messageLabel } from './labels';
import { MessageGlyph } from '../../components/MessageGlyph';

const LANE = 5;

interface Props {
  messages: MessageView[];
  layout: Layout;
  palette: Palette;
  epochName: string;
  selected: number | null;
  onSelect(id: number): void;
}

/** Where a message is drawn at virtual time `time`: its lane, a fraction of the way along. */
function placeAt(m: MessageView, layout: Layout, time: number): string {
  const a = endpoint(layout, m.from);
  const b = endpoint(layout, m.to);
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  // Client traffic starts at the hub's rim; server traffic at the server's rim.
  const r = layout.nodeR;
  const ra = layout.pos.has(m.from) ? r + 4 : 14;
  const rb = layout.pos.has(m.to) ? r + 4 : 14;
  const span = Math.max(1, len - ra - rb);
  const dur = m.deliverAt - m.sentAt;
  const f = dur <= 0 ? 1 : Math.max(0, Math.min(1, (time - m.sentAt) / dur));
  const x = a.x + ux * (ra + span * f) - uy * LANE;
  const y = a.y + uy * (ra + span * f) + ux * LANE;
  return `translate(${x.toFixed(1)},${y.toFixed(1)})`;
}

/**
 * React renders the glyphs when the set of messages changes (a snapshot); every animation
 * frame in between only moves them, by setting their transform directly. That keeps the
 * per-frame cost to a few hundred attribute writes with no reconciliation.
 */
export function MessageLayer(props: Props) {
  const { messages, layout, palette, epochName, selected, onSelect } = props;
  const els = useRef(new Map<number, SVGGElement>());
  const place = useCallback(
    (time: number) => {
      for (const m of messages) {
        const el = els.current.get(m.id);
        if (el) el.setAttribute('transform', placeAt(m, layout, time));
      }
    },
    [messages, layout],
  );
  useLayoutEffect(() => {
    place(useClock.getState().time);
    return useClock.subscribe((s) => place(s.time));
  }, [place]);
  const time = useClock.getState().time;
  return (
    <g className="messages">
      {messages.map((m) => {
        const st = messageStyle(palette, m.cls);
        const isSel = selected === m.id;
        const click = (e: MouseEvent) => {
          e.stopPropagation();
          onSelect(m.id);
        };
        return (
          <g
            key={m.id}
            ref={(el) => {
              if (el) els.current.set(m.id, el);
              else els.current.delete(m.id);
            }}
            className={`msg${isSel ? ' selected' : ''}`}
            transform={placeAt(m, layout, time)}
            role="button"
            tabIndex={-1}
            aria-label={messageLabel(m, epochName)}
            onClick={click}
            onPointerDown={(e) => e.stopPropagation()}
          >
            <circle r={10} className="msg-hit" />
            {isSel && <circle r={st.r + 5} className="msg-select" />}
            <MessageGlyph style={st} />
          </g>
        );
      })}
    </g>
  );
}
