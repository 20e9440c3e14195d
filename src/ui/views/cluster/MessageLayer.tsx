/**
 * Messages in flight. The canvas (MessageCanvas) draws them gliding along their links every
 * frame; here each one is an SVG element placed where it is at the snapshot's moment — the
 * target of clicks (a message is selected by clicking it), of assistive technology (its name
 * says what it carries) and of SVG/PNG exports, where its glyph is shown. Its glyph is not
 * painted on screen (the canvas is), so nothing here changes between two snapshots.
 */
import { memo } from 'react';
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
  playing: boolean;
}

function placeAt(m: MessageView, layout: Layout, time: number): string {
  const p = messagePoint(m, layout, time);
  return `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`;
}

interface TargetProps {
  id: number;
  place: string;
  label: string;
  style: MessageStyle;
  selected: boolean;
  onSelect(id: number): void;
}

/** One message's SVG target; unchanged props (a playing run's) leave its DOM alone. */
const MessageTarget = memo(function MessageTarget(p: TargetProps) {
  const click = (e: MouseEvent) => {
    e.stopPropagation();
    p.onSelect(p.id);
  };
  return (
    <g
      className={`msg${p.selected ? ' selected' : ''}`}
      transform={p.place}
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
 * `playing`: while the run plays, a target stays where the message set out (its props do not
 * change from one snapshot to the next, so React writes nothing) and a click is matched to
 * the canvas's glyphs instead (ClusterView, messageAt); paused or stepped, every target is
 * where its message is drawn.
 */
export function MessageLayer(props: Props) {
  const { messages, layout, palette, epochName, selected, onSelect, playing } = props;
  const time = useClock.getState().time;
  return (
    <>
      <MessageCanvas messages={messages} layout={layout} palette={palette} selected={selected} />
      <g className="messages">
        {messages.map((m) => (
          <MessageTarget
            key={m.id}
            id={m.id}
            place={placeAt(m, layout, playing ? m.sentAt : time)}
            label={messageLabel(m, epochName)}
            style={messageStyle(palette, m.cls)}
            selected={selected === m.id}
            onSelect={onSelect}
          />
        ))}
      </g>
    </>
  );
}
