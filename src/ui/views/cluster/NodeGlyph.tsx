/** One server on the ring: role by colour and shape, term, draining election timer, votes. */
import { memo } from 'react';
import type { KeyboardEvent } from 'react';
import type { NodeView } from '../../../worker/protocol';
import { useClock } from '../../store/clock';
import { OK, roleColor, termColor } from '../../theme';
import type { Point } from './geometry';
import { rolePath, timerPath } from './shapes';

export function nodeLabel(n: NodeView): string {
  const role = n.up ? n.role : 'crashed';
  const paused = n.up && n.pausedUntil > 0 ? ', paused' : '';
  return `server ${n.id}, ${role}, term ${n.term}${paused}`;
}

interface Props {
  node: NodeView;
  at: Point;
  out: Point;
  r: number;
  selected: boolean;
  /** While a partition line is drawn: which side this server falls on. */
  side: number | null;
  /** Every server's id, for the candidate's vote pips. */
  servers: string[];
  quorum: number;
  onSelect(id: string): void;
}

function TimerRing({ node, r }: { node: NodeView; r: number }) {
  const time = useClock((s) => s.time);
  if (node.electionDeadline === null || !node.electionTimeout) return null;
  const paused = node.pausedUntil > 0;
  const frac = (node.electionDeadline - time) / node.electionTimeout;
  return (
    <g className="timer" aria-hidden="true">
      <circle r={r + 8} fill="none" stroke="#ffffff10" strokeWidth={4} />
      <path
        d={timerPath(frac, r + 6)}
        opacity={paused ? 0.4 : 0.85}
        fill={node.role === 'candidate' ? '#f5a524' : '#c9d3e3'}
      />
    </g>
  );
}

/** Props equal for drawing purposes: node views are new objects in every snapshot. */
function sameProps(a: Props, b: Props): boolean {
  const n = a.node;
  const m = b.node;
  return (
    a.at === b.at &&
    a.r === b.r &&
    a.selected === b.selected &&
    a.side === b.side &&
    a.servers === b.servers &&
    a.quorum === b.quorum &&
    a.onSelect === b.onSelect &&
    n.id === m.id &&
    n.up === m.up &&
    n.pausedUntil === m.pausedUntil &&
    n.role === m.role &&
    n.term === m.term &&
    n.electionDeadline === m.electionDeadline &&
    n.electionTimeout === m.electionTimeout &&
    n.votes.join() === m.votes.join()
  );
}

export const NodeGlyph = memo(function NodeGlyph({
  node,
  at,
  out,
  r,
  selected,
  side,
  servers,
  quorum,
  onSelect,
}: Props) {
  const color = node.up ? roleColor(node.role) : roleColor('down');
  const path = node.up ? rolePath(node.role, r) : null;
  const paused = node.up && node.pausedUntil > 0;
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      onSelect(node.id);
    }
  };
  const labelAt = { x: out.x * (r + 32), y: out.y * (r + 32) };
  // Captions go on the far side of the id, away from the node.
  const up = out.y < -0.3;
  const captionY = labelAt.y + (up ? -13 : 21);
  const fill = node.up ? `${color}2e` : '#1a1e26';
  const shapeProps = {
    fill,
    stroke: color,
    strokeWidth: node.role === 'leader' ? 3.5 : 2.5,
    strokeDasharray: node.up ? undefined : '5 4',
  };
  const votes = new Set(node.votes);
  return (
    <g
      className={`node${selected ? ' selected' : ''}${paused ? ' paused' : ''}`}
      transform={`translate(${at.x},${at.y})`}
      role="button"
      tabIndex={0}
      aria-label={nodeLabel(node)}
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
      <TimerRing node={node} r={r} />
      {path ? <path d={path} {...shapeProps} /> : <circle r={r} {...shapeProps} />}
      {node.up ? (
        <>
          <text className="term" y={1} fill={termColor(node.term)} fontSize={r * 0.72}>
            {node.term}
          </text>
          <text className="term-caption" y={r * 0.6} fontSize={Math.max(7, r * 0.25)}>
            term
          </text>
        </>
      ) : (
        <g className="crash-x" stroke="#f0566a" strokeWidth={4} strokeLinecap="round">
          <line x1={-r * 0.42} y1={-r * 0.42} x2={r * 0.42} y2={r * 0.42} />
          <line x1={r * 0.42} y1={-r * 0.42} x2={-r * 0.42} y2={r * 0.42} />
        </g>
      )}
      {paused && (
        <g transform={`translate(${r * 0.78},${-r * 0.78})`} className="pause-badge">
          <circle r={10} fill="#f5a524" />
          <rect x={-4.5} y={-5} width={3} height={10} fill="#11151c" />
          <rect x={1.5} y={-5} width={3} height={10} fill="#11151c" />
        </g>
      )}
      <text className="node-id" x={labelAt.x} y={labelAt.y + 5}>
        {node.id}
      </text>
      {node.role === 'candidate' && node.up && (
        <g className="votes" transform={`translate(${labelAt.x},${captionY})`}>
          {servers.map((id, k) => (
            <circle
              key={id}
              cx={(k - (servers.length - 1) / 2) * 11}
              cy={-4}
              r={4}
              fill={votes.has(id) ? OK : '#11151c'}
              stroke={votes.has(id) ? OK : '#f5a524'}
              strokeWidth={1.4}
            >
              <title>{`${id}: ${votes.has(id) ? 'voted for it' : 'no vote yet'}`}</title>
            </circle>
          ))}
          <text y={up ? -14 : 14}>
            {node.votes.length} of {quorum} votes
          </text>
        </g>
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
    </g>
  );
}, sameProps);
