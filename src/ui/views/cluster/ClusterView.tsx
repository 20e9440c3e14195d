/**
 * The cluster: servers on a ring, links between every pair, messages in flight. React owns
 * the DOM; d3 supplies the scales and shapes. Drag across the drawing, from empty space (also
 * beside the ring, where a wide box leaves room) or from a link, to draw a partition line: the
 * servers on each side end up in separate groups. A click on a link without dragging still
 * cuts or heals it.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { MouseEvent, PointerEvent } from 'react';
import { useClock } from '../../store/clock';
import { useSim } from '../../store/sim';
import { useUi } from '../../store/ui';
import { useOffendingNodes } from '../explore/offending';
import { useSideProtocol } from '../../protocols/useProtocol';
import type { Side } from '../../protocols/useProtocol';
import type { Snapshot } from '../../../worker/protocol';
import { CENTER, SIZE, layout as makeLayout, side } from './geometry';
import type { Point } from './geometry';
import { LinkLine } from './LinkLine';
import { MessageLayer } from './MessageLayer';
import { messageAt } from './messagePlace';
import { NodeGlyph } from './NodeGlyph';
import { clientToViewBox } from './pointer';
import type { ViewBox } from './pointer';

interface Drag {
  from: Point;
  to: Point;
}

/** A press that may become a partition drag once it has moved far enough. */
interface Press {
  pointerId: number;
  from: Point;
  /** Moved more than MIN_DRAG: a partition drag, no longer a click. */
  dragging: boolean;
}

/** In viewBox units: shorter moves are clicks. */
const MIN_DRAG = 24;
const VIEWBOX: ViewBox = { x: 0, y: 0, width: SIZE, height: SIZE };

const dist = (a: Point, b: Point) => Math.hypot(b.x - a.x, b.y - a.y);

/** The snapshot a side draws: the run's own, or the run beside it (scenario `compare`). */
function sideSnap(s: { snap: Snapshot | null }, which: Side) {
  return which === 'main' ? s.snap : (s.snap?.companion ?? null);
}

/**
 * `which`: which run to draw — the lab's own, or (in the CAP view) the same schedule under the
 * protocol beside it. Actions taken on either go to both.
 */
export function ClusterView({ which = 'main' }: { which?: Side }) {
  const snap = useSim((s) => sideSnap(s, which));
  const act = useSim((s) => s.act);
  const selection = useUi((s) => s.selection);
  const highlight = useUi((s) => (s.highlight?.side === which ? s.highlight.nodes : null));
  // An opened explorer failure rings the nodes its checker names (the lab's own run).
  const offending = useOffendingNodes();
  const select = useUi((s) => s.select);
  const protocol = useSideProtocol(which);
  const epochName = useSim((s) =>
    which === 'main' ? (s.run?.epochName ?? '') : (s.run?.compare?.epochName ?? ''),
  );
  // The load lab's traffic starts at the balancer, which sits where the clients do.
  const balancer = useSim((s) =>
    which === 'main' ? s.run?.routing === 'balancer' : s.run?.compare?.routing === 'balancer',
  );
  const title = useSim((s) =>
    s.run?.compare ? (which === 'main' ? s.run.title : s.run.compare.title) : null,
  );
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const press = useRef<Press | null>(null);
  /** A drag just ended: the click the browser sends after it is not a click on anything. */
  const swallowClick = useRef(false);

  const ids = useMemo(() => snap?.nodes.map((n) => n.id) ?? [], [snap?.nodes]);
  const idKey = ids.join(',');
  // Layout depends only on the set of servers.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const lay = useMemo(() => makeLayout(ids), [idKey]);

  // The drawing is letterboxed in the element's box (see pointer.ts); the SVG has no border
  // or padding, so its client rect is the box the viewBox is fitted into.
  const toSvg = useCallback((e: { clientX: number; clientY: number }): Point => {
    const svg = svgRef.current;
    if (!svg) return { x: 0, y: 0 };
    return clientToViewBox(e.clientX, e.clientY, svg.getBoundingClientRect(), VIEWBOX);
  }, []);

  const onToggle = useCallback(
    (a: string, b: string) => {
      const s = sideSnap(useSim.getState(), which);
      if (!s) return;
      const i = s.nodes.findIndex((n) => n.id === a);
      const j = s.nodes.findIndex((n) => n.id === b);
      const anyDown = Boolean(s.cut[i]?.[j] || s.cut[j]?.[i]);
      act({ type: 'link', from: a, to: b, up: anyDown });
      act({ type: 'link', from: b, to: a, up: anyDown });
    },
    [act, which],
  );
  const onToggleDirection = useCallback(
    (from: string, to: string) => {
      const s = sideSnap(useSim.getState(), which);
      if (!s) return;
      const i = s.nodes.findIndex((n) => n.id === from);
      const j = s.nodes.findIndex((n) => n.id === to);
      act({ type: 'link', from, to, up: Boolean(s.cut[i]?.[j]) });
    },
    [act, which],
  );
  const onSelectNode = useCallback(
    (id: string) => {
      const cur = useUi.getState().selection;
      select(cur?.kind === 'node' && cur.id === id ? null : { kind: 'node', id });
    },
    [select],
  );
  const onSelectMessage = useCallback((id: number) => select({ kind: 'message', id }), [select]);

  if (!snap) return <div className="cluster-loading">Starting the simulator…</div>;

  const n = snap.nodes.length;
  const dragLong = drag !== null && dist(drag.from, drag.to) > MIN_DRAG;
  const sideOf = (id: string): number | null =>
    dragLong ? side(drag.from, drag.to, lay.pos.get(id)!) : null;

  // Pointer handling lives on the <svg> itself, so a drag can start anywhere in its box: on
  // empty space, beside the drawing, or on a link (links let the press through; servers and
  // messages keep theirs). Until the pointer has moved MIN_DRAG the press may still be a
  // click on whatever is under it, so the pointer is captured only from then on.
  const down = (e: PointerEvent<SVGSVGElement>) => {
    swallowClick.current = false;
    if (e.button !== 0 || !e.isPrimary) return;
    press.current = { pointerId: e.pointerId, from: toSvg(e), dragging: false };
  };
  const move = (e: PointerEvent<SVGSVGElement>) => {
    const p = press.current;
    if (!p || p.pointerId !== e.pointerId) return;
    if ((e.buttons & 1) === 0) {
      // Released outside the window before it became a drag.
      press.current = null;
      return;
    }
    const to = toSvg(e);
    if (!p.dragging) {
      if (dist(p.from, to) <= MIN_DRAG) return;
      p.dragging = true;
      e.currentTarget.setPointerCapture?.(e.pointerId);
    }
    setDrag({ from: p.from, to });
  };
  const up = (e: PointerEvent<SVGSVGElement>) => {
    const p = press.current;
    if (!p || p.pointerId !== e.pointerId) return;
    press.current = null;
    // Not a drag: the click that follows goes to whatever was pressed.
    if (!p.dragging) return;
    swallowClick.current = true;
    setDrag(null);
    const d = { from: p.from, to: toSvg(e) };
    // Dragged out and back again: nothing.
    if (dist(d.from, d.to) <= MIN_DRAG) return;
    const left = ids.filter((id) => side(d.from, d.to, lay.pos.get(id)!) > 0);
    const right = ids.filter((id) => side(d.from, d.to, lay.pos.get(id)!) < 0);
    if (left.length > 0 && right.length > 0) act({ type: 'partition', groups: [left, right] });
  };
  const cancel = () => {
    press.current = null;
    setDrag(null);
  };
  const clickCapture = (e: MouseEvent) => {
    // The click after a drag (on the link it started on, or on the SVG): not a click.
    if (swallowClick.current) {
      swallowClick.current = false;
      e.stopPropagation();
      return;
    }
    // Messages are painted where they are now (MessageCanvas), their targets placed only at
    // snapshots: a click near a glyph picks it. Servers are drawn over messages and keep theirs.
    if ((e.target as Element).closest('.node')) return;
    const hit = messageAt(snap.messages, lay, toSvg(e), useClock.getState().time);
    if (hit === null) return;
    e.stopPropagation();
    onSelectMessage(hit);
  };

  const links = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = ids[i]!;
      const b = ids[j]!;
      links.push(
        <LinkLine
          key={`${a}-${b}`}
          a={a}
          b={b}
          pa={lay.pos.get(a)!}
          pb={lay.pos.get(b)!}
          r={lay.nodeR}
          abDown={Boolean(snap.cut[i]?.[j])}
          baDown={Boolean(snap.cut[j]?.[i])}
          onToggle={onToggle}
          onToggleDirection={onToggleDirection}
          toSvg={toSvg}
        />,
      );
    }
  }

  const selectedNode = selection?.kind === 'node' ? selection.id : null;
  // Protocols with membership change: servers outside the configuration in force are greyed.
  const members = snap.membership?.members ?? null;
  const selectedMsg = selection?.kind === 'message' ? selection.id : null;
  const hasClients = snap.messages.some((m) => m.client);
  const decoration = protocol.decoration;

  return (
    <svg
      ref={svgRef}
      className="cluster"
      viewBox={`${VIEWBOX.x} ${VIEWBOX.y} ${VIEWBOX.width} ${VIEWBOX.height}`}
      preserveAspectRatio="xMidYMid meet"
      role="group"
      aria-label={`${title === null ? '' : `${title} `}cluster of ${n} servers`}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={cancel}
      onClickCapture={clickCapture}
      // A click that reaches the SVG itself landed on empty space: clear the selection.
      onClick={() => select(null)}
    >
      <circle cx={CENTER} cy={CENTER} r={lay.ring} className="ring-guide" />
      <g className="links">{links}</g>
      <g className="client-hub" transform={`translate(${CENTER},${CENTER})`} aria-hidden="true">
        <circle r={12} className={hasClients ? 'active' : ''} />
        <text y={27}>{balancer ? 'load balancer' : 'clients'}</text>
      </g>
      <MessageLayer
        messages={snap.messages}
        layout={lay}
        palette={protocol.palette}
        epochName={epochName}
        selected={selectedMsg}
        onSelect={onSelectMessage}
        playing={snap.playing}
      />
      <g className="nodes">
        {snap.nodes.map((node, i) => (
          <NodeGlyph
            key={node.id}
            node={node}
            at={lay.pos.get(node.id)!}
            out={lay.out.get(node.id)!}
            r={lay.nodeR}
            selected={selectedNode === node.id}
            highlighted={
              (highlight?.includes(node.id) ?? false) ||
              (which === 'main' && offending.includes(node.id))
            }
            outside={members !== null && !members.includes(node.id)}
            side={sideOf(node.id)}
            palette={protocol.palette}
            epochName={epochName}
            arcTimer={protocol.arcTimer}
            Decor={decoration?.Decor ?? null}
            decor={decoration?.decorate(node, i, snap.view, ids) ?? null}
            onSelect={onSelectNode}
          />
        ))}
      </g>
      {drag && dragLong && (
        <line
          className="partition-line"
          x1={drag.from.x}
          y1={drag.from.y}
          x2={drag.to.x}
          y2={drag.to.y}
        />
      )}
    </svg>
  );
}
