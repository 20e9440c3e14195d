/**
 * From a pointer's position on screen to the cluster drawing's own coordinates.
 *
 * The cluster SVG draws a square viewBox into a box the page sizes freely (usually wider than
 * it is tall). With preserveAspectRatio "xMidYMid meet" one scale, the smaller of the two
 * axes' ratios, applies to both axes, and the space left over is split evenly on both sides
 * of the drawing. Mapping x and y separately by the box's width and height is only right for
 * a square box.
 */
import type { Point } from './geometry';

/** An element's box on screen (getBoundingClientRect), without border or padding. */
export interface ScreenBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The part of user space a viewBox shows. */
export interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a viewBox with "xMidYMid meet" sits inside a box: its scale and top-left offset. */
function fit(box: ScreenBox, vb: ViewBox): { scale: number; dx: number; dy: number } | null {
  if (!(box.width > 0 && box.height > 0 && vb.width > 0 && vb.height > 0)) return null;
  const scale = Math.min(box.width / vb.width, box.height / vb.height);
  return {
    scale,
    dx: (box.width - vb.width * scale) / 2,
    dy: (box.height - vb.height * scale) / 2,
  };
}

/**
 * The user-space point under screen point (clientX, clientY), for an SVG with this viewBox
 * and the default preserveAspectRatio ("xMidYMid meet") drawn into `box`. Points in the
 * letterbox map outside the viewBox, as the SVG itself would map them.
 */
export function clientToViewBox(
  clientX: number,
  clientY: number,
  box: ScreenBox,
  vb: ViewBox,
): Point {
  const f = fit(box, vb);
  // An element with no size shows nothing: any point is as good as the middle.
  if (!f) return { x: vb.x + vb.width / 2, y: vb.y + vb.height / 2 };
  return {
    x: vb.x + (clientX - box.left - f.dx) / f.scale,
    y: vb.y + (clientY - box.top - f.dy) / f.scale,
  };
}
