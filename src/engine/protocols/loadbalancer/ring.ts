/**
 * Consistent hashing for the balancer: each backend owns VNODES points on a 32-bit ring, a
 * request's key hashes to a point, and its backend is the owner of the first point at or
 * after it (clockwise). With bounded loads (Mirrokni, Thorup and Zadimoghaddam, "Consistent
 * Hashing with Bounded Loads", SODA 2018) a backend already holding its share × hashBalance
 * is passed over for the next one on the ring.
 */
import type { NodeId } from '../../types';

/** Points per backend: enough that shares of the ring are within a few % of equal. */
const VNODES = 100;

/** FNV-1a, 32 bits, with a final avalanche (murmur3's fmix32) so near keys spread. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

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
