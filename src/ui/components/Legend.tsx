/** What the colours and shapes mean. */
import { MessageGlyph } from './MessageGlyph';
import { MESSAGE_STYLE, ROLE_COLOR } from '../theme';
import { rolePath } from '../views/cluster/shapes';
import type { MessageClass } from '../../worker/protocol';

function RoleIcon({ role }: { role: string }) {
  const color = ROLE_COLOR[role] ?? '#888';
  const path = role === 'down' ? null : rolePath(role, 7);
  return (
    <svg viewBox="-11 -11 22 22" width={20} height={20} aria-hidden="true">
      {path ? (
        <path d={path} fill={`${color}40`} stroke={color} strokeWidth={2} />
      ) : (
        <circle
          r={8}
          fill={`${color}40`}
          stroke={color}
          strokeWidth={2}
          strokeDasharray={role === 'down' ? '3 2' : undefined}
        />
      )}
    </svg>
  );
}

function MsgIcon({ cls }: { cls: MessageClass }) {
  return (
    <svg viewBox="-9 -9 18 18" width={16} height={16} aria-hidden="true">
      <MessageGlyph cls={cls} />
    </svg>
  );
}

const MSGS: MessageClass[] = [
  'vote-request',
  'vote-granted',
  'vote-denied',
  'append',
  'heartbeat',
  'append-ok',
  'append-fail',
  'client-request',
  'client-reply',
];

export function Legend() {
  return (
    <div className="legend" aria-label="legend">
      <div className="legend-group">
        {(['leader', 'candidate', 'follower', 'down'] as const).map((r) => (
          <span key={r} className="legend-item">
            <RoleIcon role={r} />
            {r === 'down' ? 'crashed' : r}
          </span>
        ))}
        <span className="legend-item">
          <svg viewBox="-11 -11 22 22" width={20} height={20} aria-hidden="true">
            <circle r={8} fill="none" stroke="#ffffff18" strokeWidth={3} />
            <path d="M 0 -8 A 8 8 0 1 1 -7.6 2.5" fill="none" stroke="#c9d3e3" strokeWidth={3} />
          </svg>
          election timer
        </span>
      </div>
      <div className="legend-group">
        {MSGS.map((c) => (
          <span key={c} className="legend-item">
            <MsgIcon cls={c} />
            {MESSAGE_STYLE[c].label}
          </span>
        ))}
      </div>
    </div>
  );
}
