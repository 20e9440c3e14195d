/**
 * Dynamo's partitioning (DeCandia et al., SOSP 2007, §4.2) and replication (§4.3): a
 * consistent-hash ring on which every server owns `vnodes` virtual nodes ("tokens"); a key is
 * stored by the first N distinct servers met walking clockwise from the key's position — its
 * preference list, skipping further virtual nodes of servers already on the list. The servers
 * met after the first N are the fallbacks a sloppy quorum uses (§4.6).
 *
 * The ring is plain data (a sorted array), built once from the node ids and the config.
 */
import type { NodeId } from '../../types';
import { hash32, RING_SIZE } from './hash';

/** One virtual node: it owns the arc (previous token, pos]. */
export interface Token {
  pos: number;
  node: NodeId;
  /** Which of the server's virtual nodes (0 … vnodes-1). */
  vnode: number;
}

/** The tokens of every server, sorted by position (ties, which a 32-bit hash makes rare, by id). */
export function buildRing(nodes: readonly NodeId[], vnodes: number): Token[] {
  const ring: Token[] = [];
  for (const node of nodes) {
    for (let v = 0; v < vnodes; v++) ring.push({ pos: hash32(`${node}#${v}`), node, vnode: v });
  }
  ring.sort((a, b) => a.pos - b.pos || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  return ring;
}

/** Where a key sits on the ring. */
export function keyPosition(key: string): number {
  return hash32(key);
}

/** Index of the first token at or after `pos` (wrapping to 0 past the last). */
export function successorIndex(ring: readonly Token[], pos: number): number {
  let lo = 0;
  let hi = ring.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ring[mid]!.pos < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo === ring.length ? 0 : lo;
}

/**
 * Every distinct server in the order a walk clockwise from the key meets them: the first N
 * are the key's preference list, the rest its fallbacks (§4.6 "the first N healthy nodes").
 */
export function ringWalk(ring: readonly Token[], key: string): NodeId[] {
  const out: NodeId[] = [];
  if (ring.length === 0) return out;
  const start = successorIndex(ring, keyPosition(key));
  for (let i = 0; i < ring.length; i++) {
    const node = ring[(start + i) % ring.length]!.node;
    if (!out.includes(node)) out.push(node);
  }
  return out;
}

/** The key's preference list: the N distinct servers that store it (§4.3). */
export function preferenceList(ring: readonly Token[], key: string, n: number): NodeId[] {
  return ringWalk(ring, key).slice(0, n);
}

/**
 * The share of the ring each server is primary for (the first of the preference list of the
 * keys in its tokens' arcs), in [0, 1]; the shares sum to 1.
 */
export function ownership(
  ring: readonly Token[],
  nodes: readonly NodeId[],
): Record<NodeId, number> {
  const share: Record<NodeId, number> = {};
  for (const node of nodes) share[node] = 0;
  for (let i = 0; i < ring.length; i++) {
    const prev = i === 0 ? ring[ring.length - 1]!.pos - RING_SIZE : ring[i - 1]!.pos;
    const t = ring[i]!;
    share[t.node] = (share[t.node] ?? 0) + (t.pos - prev) / RING_SIZE;
  }
  return share;
}

/**
 * The servers `self` shares a key range with: for each token's arc, the preference list of
 * the keys in it (N distinct servers from that token on); the others of every list `self` is on.
 */
export function rangePeers(ring: readonly Token[], n: number, self: NodeId): NodeId[] {
  const peers: NodeId[] = [];
  for (let i = 0; i < ring.length; i++) {
    const list: NodeId[] = [];
    for (let j = 0; j < ring.length && list.length < n; j++) {
      const node = ring[(i + j) % ring.length]!.node;
      if (!list.includes(node)) list.push(node);
    }
    if (!list.includes(self)) continue;
    for (const node of list) if (node !== self && !peers.includes(node)) peers.push(node);
  }
  return peers.sort();
}
