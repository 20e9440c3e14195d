/**
 * Seeded pseudo-random numbers with independent named streams.
 *
 * The generator is SFC32 (Chris Doty-Humphrey's "Small Fast Counting" generator from
 * PractRand): 128 bits of state, passes BigCrush, and needs only 32-bit integer operations,
 * so Node and every browser produce the same sequence. Each stream is seeded from
 * (scenario seed, stream name) with a string hash, so adding a draw to one stream never
 * shifts the draws of another.
 *
 * Stream state is a plain array of four numbers: it survives structuredClone and JSON,
 * which is what keyframes and the worker need.
 */

export type RngState = [number, number, number, number];

/** cyrb53-style 32-bit string hash (public-domain algorithm), used only for seeding. */
function hashString(text: string, salt: number): number {
  let h1 = 0xdeadbeef ^ salt;
  let h2 = 0x41c6ce57 ^ salt;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  return h1 >>> 0;
}

/** Next raw 32-bit unsigned value; advances `s` in place. */
export function nextUint32(s: RngState): number {
  let a = s[0];
  let b = s[1];
  let c = s[2];
  let d = s[3];
  const t = (((a + b) | 0) + d) | 0;
  d = (d + 1) | 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) | 0;
  c = (c << 21) | (c >>> 11);
  c = (c + t) | 0;
  s[0] = a;
  s[1] = b;
  s[2] = c;
  s[3] = d;
  return t >>> 0;
}

/** A fresh stream state for (seed, name). Discards the first draws, as SFC32's author advises. */
export function createStream(seed: number, name: string): RngState {
  const s: RngState = [
    hashString(name, seed),
    hashString(name, seed ^ 0x9e3779b9),
    hashString(name, seed ^ 0x85ebca6b),
    1,
  ];
  for (let i = 0; i < 12; i++) nextUint32(s);
  return s;
}

/** Uniform float in [0, 1). */
export function nextFloat(s: RngState): number {
  return nextUint32(s) / 4294967296;
}

/** Uniform float in [min, max], rounded to a microsecond so traces stay readable. */
export function uniformMs(s: RngState, min: number, max: number): number {
  return Math.round((min + (max - min) * nextFloat(s)) * 1000) / 1000;
}

/** Uniform integer in [min, max] inclusive. */
export function uniformInt(s: RngState, min: number, max: number): number {
  return min + Math.floor(nextFloat(s) * (max - min + 1));
}

/** Exponentially distributed value with the given mean (inverse-CDF method). */
export function exponential(s: RngState, mean: number): number {
  return -Math.log(1 - nextFloat(s)) * mean;
}

/** True with probability p. Draws nothing when p is 0 so that lossless runs share draws. */
export function chance(s: RngState, p: number): boolean {
  if (p <= 0) return false;
  if (p >= 1) return true;
  return nextFloat(s) < p;
}
