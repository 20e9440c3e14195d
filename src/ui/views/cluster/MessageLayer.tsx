/**
 * Messages in flight. The canvas (MessageCanvas) draws them gliding along their links every
 * frame; here each one is an SVG element placed where it is at the snapshot's moment — the
 * target of clicks (a message is selected by clicking it), of assistive technology (its name
 * says what it carries) and of SVG/PNG exports, where its glyph is shown. Its glyph is not
 * painted on screen (the canvas is), so nothing here changes between two snapshots.
 *
 * While the run plays there are no targets: with hundreds of messages in flight, mounting,
 * moving and layering their elements cost more than drawing the canvas (issue 15) even when
 * refreshed only four times a second, and no one aims at a target then — a click is matched
 * to the glyphs the canvas draws (ClusterView, messageAt), and a list that changes sixty
 * times a second says nothing to assistive technology. Paused (or stepped, or seeked) every
 * message has its target, placed exactly; exporting the view pauses first (ShareBar).
 */
import { memo, useCallback, useLayoutEffect, useRef } from 'react';
import type { MouseEvent } from 'react';
import type { MessageView } from '../../../worker/protocol';
import { useClock } from '../../store/clock';
import { messageStyle } from '../../protocols/common';
import type { MessageStyle, Palette } from '../../protocols/types';
import type { Layout } from './geometry';
import { messageLabel } from './labels';
import { MessageGlyph } from '../../components/MessageGlyph';
import { MessageCanvas } from './MessageCanvas';
import { MESSAGE_HIT_R, messagePoint } from './messagePlace';

interface Props {
  messages: MessageView[];
  layout: Layout;
  palette: Palette;
  epochName: string;
  selected: number | null;
  onSelect(id: number): void;
  /** Whether the run plays: then only the canvas draws the messages (no targets). */
  playing: boolean;
}

const NONE: MessageView[] = [];

function placeAt(m: MessageView, layout: Layout, time: number): string {
  const p = messagePoint(m, layout, time);
  return `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`;
}

interface TargetProps {
  id: number;
  label: string;
  style: MessageStyle;
  selected: boolean;
  onSelect(id: number): void;
  register(id: number, el: SVGGElement | null): void;
}

/** One message's SVG target; MessageLayer moves it, so a new snapshot leaves React idle. */
const MessageTarget = memo(function MessageTarget(p: TargetProps) {
  const { id, register } = p;
  const click = (e: MouseEvent) => {
    e.stopPropagation();
    p.onSelect(id);
  };
  return (
    <g
      ref={(el) => register(id, el)}
      className={`msg${p.selected ? ' selected' : ''}`}
      role="button"
      tabIndex={-1}
      aria-label={p.label}
      onClick={click}
      onPointerDown={(e) => e.stopPropagation()}
    >
      <circle r={MESSAGE_HIT_R} className="msg-hit" />
      <g className="msg-glyph">
        {p.selected && <circle r={p.style.r + 5} className="msg-select" />}
        <MessageGlyph style={p.style} />
      </g>
    </g>
  );
});

/**
 * Paused, each snapshot places the targets where their messages are then, with one attribute
 * write each (no reconciliation); playing, only the canvas draws them.
 */
export function MessageLayer(props: Props) {
  const { messages, layout, palette, epochName, selected, onSelect, playing } = props;
  const els = useRef(new Map<number, SVGGElement>());
  const register = useCallback((id: number, el: SVGGElement | null) => {
    if (el) els.current.set(id, el);
    else els.current.delete(id);
  }, []);
  const targets = playing ? NONE : messages;
  useLayoutEffect(() => {
    const place = (time: number) => {
      for (const m of targets) {
        els.current.get(m.id)?.setAttribute('transform', placeAt(m, layout, time));
      }
    };
    place(useClock.getState().time);
    // The shown time settles after the snapshot (and moves on a step or a seek): follow it.
    if (targets.length === 0) return;
    return useClock.subscribe((c) => place(c.time));
  }, [targets, layout]);
  return (
    <>
      <MessageCanvas messages={messages} layout={layout} palette={palette} selected={selected} />
      <g className="messages">
        {targets.map((m) => (
          <MessageTarget
            key={m.id}
            id={m.id}
            label={messageLabel(m, epochName)}
            style={messageStyle(palette, m.cls)}
            selected={selected === m.id}
            onSelect={onSelect}
            register={register}
          />
        ))}
      </g>
    </>
  );
}
