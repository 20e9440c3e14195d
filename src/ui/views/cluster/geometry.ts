/** Where things sit in the cluster view: servers on a ring, clients in the middle. */
import { scaleLinear } from 'd3-scale';

export const SIZE = 640;
export const CENTER = SIZE / 2;

export interface Point {
  x: number;
  y: number;
}

export interface Layout {
  ring: number;
  nodeR: number;
  pos: Map<string, Point>;
  /** Unit vector from the centre towards each server (labels go outwards). */
  out: Map<string, Point>;
}

export function layout(ids: readonly string[]): Layout {
  const n = ids.length;
  const ring = n <= 3 ? 190 : n <= 5 ? 215 : 225;
  const nodeR = n <= 5 ? 36 : n <= 7 ? 32 : 28;
  // Server 1 at the top, the rest clockwise.
  const angle = scaleLinear()
    .domain([0, n])
    .range([-Math.PI / 2, (3 * Math.PI) / 2]);
  const pos = new Map<string, Point>();
  const out = new Map<string, Point>();
  ids.forEach((id, i) => {
    const a = angle(i);
    out.set(id, { x: Math.cos(a), y: Math.sin(a) });
    pos.set(id, { x: CENTER + ring * Math.cos(a), y: CENTER + ring * Math.sin(a) });
  });
  return { ring, nodeR, pos, out };
}

/** Position of an endpoint; anything that is not a server (a client) sits at the centre. */
export function endpoint(l: Layout, id: string): Point {
  return l.pos.get(id) ?? { x: CENTER, y: CENTER };
}

/** Which side of the directed line a→b the point p lies on (+1 / -1). */
export function side(a: Point, b: Point, p: Point): number {
  return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) >= 0 ? 1 : -1;
}

/** The segment between two circles' rims. */
export function rimToRim(a: Point, b: Point, ra: number, rb: number): [Point, Point] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  return [
    { x: a.x + ux * ra, y: a.y + uy * ra },
    { x: b.x - ux * rb, y: b.y - uy * rb },
  ];
}
