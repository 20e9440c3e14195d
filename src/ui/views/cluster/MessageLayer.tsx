/**
 * Messages in flight as glyphs gliding along their link, placed by interpolating between
 * sentAt and deliverAt at the displayed virtual time. Each direction has its own lane, so a
 * request and its reply never hide each other.
 */
import { useCallback, useLayoutEffect, useRef } from 'react';
import type { MouseEvent } from 'react';
import type { MessageView } from '../../../worker/protocol';
import { useClock } from '../../store/clock';
import { MESSAGE_STYLE } from '../../theme';
import type { Layout } from './geometry';
import { endpoint } from './geometry';
import { MessageGlyph } from '../../components/MessageGlyph';

const LANE = 5;

export function messageLabel(m: MessageView): string {
  const style = MESSAGE_STYLE[m.cls];
  const what = m.cls === 'append' ? `${style.label} with ${m.entries} entries` : style.label;
  const term = m.term === null ? '' : `, term ${m.term}`;
  return `message ${m.id}: ${what} from ${m.from} to ${m.to}${term}`;
}

interface Props {
  messages: MessageView[];
  layout: Layout;
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
export function MessageLayer({ messages, layout, selected, onSelect }: Props) {
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
        const st = MESSAGE_STYLE[m.cls];
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
            aria-label={messageLabel(m)}
            onClick={click}
            onPointerDown={(e) => e.stopPropagation()}
          >
            <circle r={10} className="msg-hit" />
            {isSel && <circle r={st.r + 5} className="msg-select" />}
            <MessageGlyph cls={m.cls} />
            {m.cls === 'append' && m.entries > 1 && (
              <text className="msg-count" y={3.2}>
                {m.entries > 9 ? '9+' : m.entries}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}
