/**
 * The cluster: servers on a ring, links between every pair, messages in flight. React owns
 * the DOM; d3 supplies the scales and shapes. Drag across empty space to draw a partition
 * line: the servers on each side end up in separate groups.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { MouseEvent, PointerEvent } from 'react';
import { useSim } from '../../store/sim';
import { useUi } from '../../store/ui';
import { useProtocol } from '../../protocols/useProtocol';
import { CENTER, SIZE, layout as makeLayout, side } from './geometry';
import type { Point } from './geometry';
import { LinkLine } from './LinkLine';
import { MessageLayer } from './MessageLayer';
import { NodeGlyph } from './NodeGlyph';

interface Drag {
  from: Point;
  to: Point;
}

const MIN_DRAG = 24;

export function ClusterView() {
  const snap = useSim((s) => s.snap);
  const act = useSim((s) => s.act);
  const selection = useUi((s) => s.selection);
  const select = useUi((s) => s.select);
  const protocol = useProtocol();
  const epochName = useSim((s) => s.run?.epochName ?? '');
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);

  const ids = useMemo(() => snap?.nodes.map((n) => n.id) ?? [], [snap?.nodes]);
  const idKey = ids.join(',');
  // Layout depends only on the set of servers.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const lay = useMemo(() => makeLayout(ids), [idKey]);

  const toSvg = useCallback((e: { clientX: number; clientY: number }): Point => {
    const svg = svgRef.current;
    if (!svg) return { x: 0, y: 0 };
    const rect = svg.getBoundingClientRect();
    return {
      x: ((e.clientX - rect.left) / rect.width) * SIZE,
      y: ((e.clientY - rect.top) / rect.height) * SIZE,
    };
  }, []);

  const onToggle = useCallback(
    (a: string, b: string) => {
      const s = useSim.getState().snap;
      if (!s) return;
      const i = s.nodes.findIndex((n) => n.id === a);
      const j = s.nodes.findIndex((n) => n.id === b);
      const anyDown = Boolean(s.cut[i]?.[j] || s.cut[j]?.[i]);
      act({ type: 'link', from: a, to: b, up: anyDown });
      act({ type: 'link', from: b, to: a, up: anyDown });
    },
    [act],
  );
  const onToggleDirection = useCallback(
    (from: string, to: string) => {
      const s = useSim.getState().snap;
      if (!s) return;
      const i = s.nodes.findIndex((n) => n.id === from);
      const j = s.nodes.findIndex((n) => n.id === to);
      act({ type: 'link', from, to, up: Boolean(s.cut[i]?.[j]) });
    },
    [act],
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
  const dragLong =
    drag !== null && Math.hypot(drag.to.x - drag.from.x, drag.to.y - drag.from.y) > MIN_DRAG;
  const sideOf = (id: string): number | null =>
    dragLong ? side(drag.from, drag.to, lay.pos.get(id)!) : null;

  const down = (e: PointerEvent<SVGRectElement>) => {
    if (e.button !== 0) return;
    (e.target as Element).setPointerCapture?.(e.pointerId);
    const p = toSvg(e);
    setDrag({ from: p, to: p });
  };
  const move = (e: PointerEvent<SVGRectElement>) => {
    if (drag) setDrag({ from: drag.from, to: toSvg(e) });
  };
  const up = (e: PointerEvent<SVGRectElement>) => {
    if (!drag) return;
    const end = toSvg(e);
    const d = { from: drag.from, to: end };
    setDrag(null);
    if (Math.hypot(end.x - d.from.x, end.y - d.from.y) <= MIN_DRAG) {
      select(null);
      return;
    }
    const left = ids.filter((id) => side(d.from, d.to, lay.pos.get(id)!) > 0);
    const right = ids.filter((id) => side(d.from, d.to, lay.pos.get(id)!) < 0);
    if (left.length > 0 && right.length > 0) act({ type: 'partition', groups: [left, right] });
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
          toSvg={toSvg as (e: MouseEvent) => Point}
        />,
      );
    }
  }

  const selectedNode = selection?.kind === 'node' ? selection.id : null;
  const selectedMsg = selection?.kind === 'message' ? selection.id : null;
  const hasClients = snap.messages.some((m) => m.client);
  const decoration = protocol.decoration;

  return (
    <svg
      ref={svgRef}
      className="cluster"
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      role="group"
      aria-label={`cluster of ${n} servers`}
    >
      <rect
        className="drag-surface"
        width={SIZE}
        height={SIZE}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={() => setDrag(null)}
      />
      <circle cx={CENTER} cy={CENTER} r={lay.ring} className="ring-guide" />
      <g className="links">{links}</g>
      <g className="client-hub" transform={`translate(${CENTER},${CENTER})`} aria-hidden="true">
        <circle r={12} className={hasClients ? 'active' : ''} />
        <text y={27}>clients</text>
      </g>
      <MessageLayer
        messages={snap.messages}
        layout={lay}
        palette={protocol.palette}
        epochName={epochName}
        selected={selectedMsg}
        onSelect={onSelectMessage}
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
