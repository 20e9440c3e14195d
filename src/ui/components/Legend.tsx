/** What the colours and shapes mean, from the loaded protocol's palette. */
import { MessageGlyph } from './MessageGlyph';
import { rolePath } from '../views/cluster/shapes';
import { DOWN, legendClasses, messageStyle, roleStyle } from '../protocols/common';
import { useProtocol } from '../protocols/useProtocol';
import type { RoleStyle } from '../protocols/types';

interface IconProps {
  shape?: RoleStyle['shape'];
  color: string;
  down?: boolean;
}

function RoleIcon({ shape, color, down }: IconProps) {
  const path = down ? null : rolePath(shape, 7);
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
          strokeDasharray={down ? '3 2' : undefined}
        />
      )}
    </svg>
  );
}

export function Legend() {
  const { palette, arcTimer } = useProtocol();
  const down = roleStyle(palette, DOWN);
  return (
    <div className="legend" aria-label="legend">
      <div className="legend-group">
        {Object.entries(palette.roles).map(([role, st]) => (
          <span key={role} className="legend-item">
            <RoleIcon shape={st.shape} color={st.color} />
            {role}
          </span>
        ))}
        <span className="legend-item">
          <RoleIcon color={down.color} down />
          crashed
        </span>
        {arcTimer !== undefined && (
          <span className="legend-item">
            <svg viewBox="-11 -11 22 22" width={20} height={20} aria-hidden="true">
              <circle r={8} fill="none" stroke="#ffffff18" strokeWidth={3} />
              <path d="M 0 -8 A 8 8 0 1 1 -7.6 2.5" fill="none" stroke="#c9d3e3" strokeWidth={3} />
            </svg>
            {arcTimer} timer
          </span>
        )}
      </div>
      <div className="legend-group">
        {legendClasses(palette).map((cls) => {
          const st = messageStyle(palette, cls);
          return (
            <span key={cls} className="legend-item">
              <svg viewBox="-9 -9 18 18" width={16} height={16} aria-hidden="true">
                <MessageGlyph style={st} />
              </svg>
              {st.label}
            </span>
          );
        })}
      </div>
    </div>
  );
}
