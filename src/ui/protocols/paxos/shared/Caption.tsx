/**
 * Short lines of text by a server: what its acceptor promised and accepted, its proposer's
 * phase, what it learned, on the inner side of the node (see placement). Lines are shifted
 * sideways, when needed, to stay inside the cluster view.
 */
import type { NodeView } from '../../../../worker/protocol';
import { layout, SIZE } from '../../../views/cluster/geometry';
import type { Point } from '../../../views/cluster/geometry';
import type { DecorPlace } from '../../types';

export type Tone = 'phase1' | 'phase2' | 'learned' | 'chosen' | 'acceptor' | 'waiting';

export interface CaptionLine {
  text: string;
  tone: Tone;
}

export interface CaptionData {
  lines: CaptionLine[];
  /** Horizontal shift (SVG units) that keeps the widest line inside the view. */
  shift: number;
  where: Placement;
}

/** Caption text size (SVG units) and a generous average glyph width at that size. */
export const FONT = 15;
const GLYPH = 0.6 * FONT;
const LINE = 17;
const MARGIN = 4;
/** Under the node: the first baseline, below the timer ring; over it: the last one, above it. */
const UNDER_GAP = 25;
const OVER_GAP = 12;

/**
 * Where a server's caption goes: on the inner side of the node, away from its id label (which
 * NodeGlyph puts outside the ring): under the node for servers at the top and the sides, over
 * it for servers at the bottom; centred on the node. Outside, past the label, a server's box
 * would grow so far one way that its centre, where a pointer (or a test) clicks a server,
 * would miss the node.
 */
export type Placement = 'under-node' | 'over-node';

/** `out` is the unit vector from the ring's centre to the server. */
export function placement(out: Point): Placement {
  return out.y > 0.3 && Math.abs(out.x) <= 0.6 ? 'over-node' : 'under-node';
}

/** Estimated width of a caption line in SVG units. */
export function lineWidth(text: string): number {
  return text.length * GLYPH;
}

/**
 * The shift that keeps lines of `width` inside the view, for server `id` among `ids` (the
 * ring layout the cluster view uses).
 */
export function captionShift(id: string, ids: readonly string[], width: number): number {
  const at = layout(ids).pos.get(id);
  if (!at) return 0;
  const centre = at.x;
  const half = width / 2;
  if (centre - half < MARGIN) return MARGIN - (centre - half);
  if (centre + half > SIZE - MARGIN) return SIZE - MARGIN - (centre + half);
  return 0;
}

/** Caption data for a server's lines (null when there is nothing to say). */
export function caption(
  node: NodeView,
  ids: readonly string[],
  lines: CaptionLine[],
): CaptionData | null {
  if (lines.length === 0) return null;
  const width = Math.max(...lines.map((l) => lineWidth(l.text)));
  const out = layout(ids).out.get(node.id) ?? { x: 0, y: -1 };
  return {
    lines,
    shift: Math.round(captionShift(node.id, ids, width)),
    where: placement(out),
  };
}

/** Where the caption's first line goes, relative to the node's centre (lines go downwards). */
export function captionOrigin(data: CaptionData, place: DecorPlace): { x: number; y: number } {
  if (data.where === 'under-node') return { x: data.shift, y: place.r + UNDER_GAP };
  return { x: data.shift, y: -place.r - OVER_GAP - (data.lines.length - 1) * LINE };
}

export const CAPTION_LINE = LINE;

export function Caption({ data, place }: { data: CaptionData; place: DecorPlace }) {
  const o = captionOrigin(data, place);
  return (
    <g className="paxos-caption" transform={`translate(${o.x},${o.y})`}>
      {data.lines.map((l, k) => (
        <text key={k} y={k * LINE} className={`tone-${l.tone}`} fontSize={FONT}>
          {l.text}
        </text>
      ))}
    </g>
  );
}
