/** One message of the space-time diagram: an arrow from its send to its delivery or drop. */
import { memo } from 'react';
import { fmtMs } from '../format';
import type { MessageSpan } from './spacetime';

export function spanLabel(s: MessageSpan): string {
  const what = `${s.kind ?? 'message'} #${s.msg} from ${s.from} to ${s.to}, sent ${fmtMs(s.sentAt)}`;
  if (s.outcome === 'delivered') return `${what}, delivered ${fmtMs(s.end)}`;
  if (s.outcome === 'dropped') return `${what}, dropped${s.reason ? ` (${s.reason})` : ''}`;
  return `${what}, arriving ${fmtMs(s.end)}`;
}

interface SpanArrowProps {
  span: MessageSpan;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: string;
  future: boolean;
  focused: boolean;
  /** The arrowhead marker's url(). */
  arrow: string;
  onPick(span: MessageSpan): void;
  onFocusSpan(msg: number): void;
}

/** One message's arrow; memo, so a snapshot re-renders only the arrows that changed. */
export const SpanArrow = memo(function SpanArrow(p: SpanArrowProps) {
  const { span: s, x1, y1, x2, y2 } = p;
  const dropped = s.outcome === 'dropped';
  return (
    <g
      role="listitem"
      data-msg={s.msg}
      tabIndex={p.focused ? 0 : -1}
      aria-label={spanLabel(s)}
      className={`hist-msg${p.future ? ' future' : ''}`}
      onClick={() => p.onPick(s)}
      onFocus={() => p.onFocusSpan(s.msg)}
    >
      <line className="hit" x1={x1} y1={y1} x2={x2} y2={y2} />
      <line
        x1={x1}
        y1={y1}
        x2={x2}
        y2={y2}
        stroke={p.color}
        strokeDasharray={dropped ? '3 2' : undefined}
        markerEnd={dropped ? undefined : p.arrow}
      />
      <circle cx={x1} cy={y1} r={2} fill={p.color} />
      {dropped && (
        <path
          className="hist-drop"
          d={`M${x2 - 4},${y2 - 4}L${x2 + 4},${y2 + 4}M${x2 - 4},${y2 + 4}L${x2 + 4},${y2 - 4}`}
        />
      )}
    </g>
  );
});
