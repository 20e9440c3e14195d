/**
 * The Dynamo store's ring (§4.2): positions are the engine's one 32-bit hash (engine/hash.ts)
 * of virtual nodes and keys, where Dynamo itself uses MD5 on a 128-bit ring.
 */
export { hash32 } from '../../hash';

/** The size of the ring: positions are integers in [0, RING_SIZE). */
export const RING_SIZE = 2 ** 32;
