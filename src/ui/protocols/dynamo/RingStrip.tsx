/**
 * The hash ring unrolled into a strip: each arc coloured by the server owning it (the first
 * of the preference list of keys falling there), a tick per virtual node, a mark per key.
 */
import type { DynamoView } from '../../../engine/protocols/dynamo/view';
import { ownerColor, ringArcs } from './keys';

const W = 1000;
const H = 28;
const BAND = { y: 8, h: 12 };

export function RingStrip({ view, ids }: { view: DynamoView; ids: readonly string[] }) {
  const arcs = ringArcs(view.ring);
  if (arcs.length === 0) return null;
  return (
    <figure className="dynamo-ring">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`hash ring: ${view.ring.length} virtual nodes of ${ids.length} servers, ${view.keys.length} keys marked`}
      >
        {arcs.map((a) => (
          <rect
            key={a.from}
            x={a.from * W}
            y={BAND.y}
            width={(a.to - a.from) * W}
            height={BAND.h}
            fill={ownerColor(ids, a.node)}
          >
            <title>{`${a.node} owns ${(100 * (a.to - a.from)).toFixed(1)}% here`}</title>
          </rect>
        ))}
        {view.ring.map((t) => (
          <line
            key={`${t.node}#${t.vnode}`}
            className="dynamo-token"
            x1={t.pos * W}
            x2={t.pos * W}
            y1={BAND.y - 3}
            y2={BAND.y + BAND.h}
          />
        ))}
        {view.keys.map((k) => (
          <line
            key={k.key}
            className="dynamo-key-mark"
            x1={k.pos * W}
            x2={k.pos * W}
            y1={BAND.y + BAND.h}
            y2={H}
          >
            <title>{`${k.key} → ${k.replicas.join(', ')}`}</title>
          </line>
        ))}
      </svg>
      <figcaption className="muted">
        Ring (0 → 1 turn): arcs by owner, ticks above for virtual nodes, below for keys ·{' '}
        {ids.map((id) => (
          <span key={id} className="dynamo-owner">
            <span className="swatch" style={{ background: ownerColor(ids, id) }} aria-hidden />
            {id}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
