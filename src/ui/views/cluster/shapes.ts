/** Glyph outlines from d3-shape: role shapes for servers, kind shapes for messages. */
import { curveLinearClosed, lineRadial } from 'd3-shape';
import type { RoleStyle } from '../../protocols/types';

const closed = lineRadial<[number, number]>().curve(curveLinearClosed);

function polygon(sides: number, r: number, rotate: number): string {
  const pts: [number, number][] = [];
  for (let k = 0; k < sides; k++) pts.push([rotate + (k * 2 * Math.PI) / sides, r]);
  return closed(pts) ?? '';
}

/** The outline of a role's shape at radius r, or null for a circle. */
export function rolePath(shape: RoleStyle['shape'], r: number): string | null {
  if (shape === 'hexagon') return polygon(6, r * 1.08, Math.PI / 6);
  if (shape === 'diamond') return polygon(4, r * 1.22, 0);
  return null;
}

export function diamond(r: number): string {
  return polygon(4, r * 1.25, 0);
}

/**
 * A timer ring's dash on a circle of radius r: the part left, full when just armed, empty
 * when it fires (a stroke-dasharray, so no path is built per frame).
 */
export function timerDash(frac: number, r: number): string {
  const c = 2 * Math.PI * r;
  return `${(Math.max(0, Math.min(1, frac)) * c).toFixed(1)} ${c.toFixed(1)}`;
}
