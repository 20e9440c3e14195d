/**
 * Consistent hashing for the balancer: each backend owns VNODES points on a 32-bit ring, a
 * request's key hashes to a point, and its backend is the owner of the first point at or
 * after it (clockwise). With bounded loads (Mirrokni, Thorup and Zadimoghaddam, "Consistent
 * Hashing with Bounded Loads", SODA 2018) a backend already holding its share × hashBalance
 * is passed over for the next one on the ring.
 */
import { hash32 } from '../../hash';
import type { NodeId } from '../../types';

export { hash32 };

/** Points per backend: enough that shares of the ring are within a few % of equal. */
const VNODES = 100;

export function buildRing(backends: readonly NodeId[]): { points: number[]; owners: number[] } {
  const all: [number, number][] = [];
  backends.forEach((id, i) => {
    for (let v = 0; v < VNODES; v++) all.push([hash32(`${id}#${v}`), i]);
  });
  all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { points: all.map((p) => p[0]), owners: all.map((p) => p[1]) };
}

/** Index of the first ring point at or after `h` (wrapping to 0). */
export function ringStart(points: readonly number[], h: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid]! < h) lo = mid + 1;
    else hi = mid;
  }
  return lo === points.length ? 0 : lo;
}
