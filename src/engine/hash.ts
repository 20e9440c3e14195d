/**
 * The engine's one string hash: ring positions (the Dynamo store, the balancer's consistent
 * hashing), Merkle buckets and digests. Dynamo hashes keys with MD5 onto a 128-bit ring (§4.2); a
 * simulator needs no cryptographic hash, only a deterministic, well-spread one: 32-bit FNV-1a
 * followed by MurmurHash3's finalizer (fmix32). FNV-1a alone spreads strings that differ in
 * their last character ("S1#0", "S1#1", …) along an arithmetic progression, which would put
 * all of a server's virtual nodes in one small arc; the finalizer avalanches every bit.
 */

/** 32-bit FNV-1a of the string's UTF-16 code units, finalized with fmix32. */
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
