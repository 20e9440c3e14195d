/**
 * Anti-entropy (§4.7): every `antiEntropyInterval` ms a node picks, at random, a peer it
 * shares key ranges with, and the two compare Merkle trees (merkle.ts) over the keys both
 * replicate: the initiator sends its root; each side answers the hashes it was sent with its
 * own children of every subtree that differs, down to the leaves; whoever finds leaves that
 * differ sends the digests of its keys there, and the last three rounds exchange the versions
 * of the keys that differ (or that one side lacks). Two replicas in agreement exchange one
 * message; afterwards both hold the reconciliation of their versions of every shared key.
 */
import { getEntry, setEntry } from '../../kv/stateMachine';
import type { NodeId, ProtocolContext } from '../../types';
import { bucketOf, buildTree, compareLevel, MERKLE_DEPTH } from './merkle';
import { replicasOf, localVersions, storeVersions } from './store';
import { ANTI_ENTROPY_TIMER } from './timers';
import type { DynamoMessage, DynamoState, Versions } from './types';
import { digest } from './version';

type Ctx = ProtocolContext<DynamoMessage>;

export function scheduleAntiEntropy(state: DynamoState, ctx: Ctx): void {
  const every = state.config.antiEntropyInterval;
  // The first round at a random phase, so that the nodes do not all sync at once.
  if (every > 0) ctx.setTimer(ANTI_ENTROPY_TIMER, every * (0.5 + ctx.random()));
}

/** The keys of this node's store that `peer` replicates too (in `buckets`, if given), sorted. */
function sharedKeys(state: DynamoState, peer: NodeId, buckets?: ReadonlySet<number>): string[] {
  return Object.keys(state.store)
    .filter((key) => replicasOf(state, key).includes(peer))
    .filter((key) => buckets === undefined || buckets.has(bucketOf(key)))
    .sort();
}

/** The tree over the keys this node shares with `peer`. */
function treeWith(state: DynamoState, peer: NodeId): number[][] {
  const digests = new Map<string, number>();
  for (const key of sharedKeys(state, peer)) {
    digests.set(key, digest(localVersions(state, key), state.config.versioning));
  }
  return buildTree(digests);
}

export function onAntiEntropyTimer(state: DynamoState, ctx: Ctx): void {
  const every = state.config.antiEntropyInterval;
  if (every <= 0) return; // the "timeout" action on a store that runs none
  ctx.setTimer(ANTI_ENTROPY_TIMER, every);
  const peers = state.syncPeers;
  if (peers.length === 0) return;
  const peer = peers[Math.min(peers.length - 1, Math.floor(ctx.random() * peers.length))]!;
  ctx.send(peer, { type: 'merkle', level: 0, hashes: { 0: treeWith(state, peer)[0]![0]! } });
}

/** One step of the descent: compare the peer's hashes at `level` with ours, go one down. */
export function onMerkle(
  state: DynamoState,
  from: NodeId,
  level: number,
  hashes: Record<number, number>,
  ctx: Ctx,
): void {
  if (!Number.isInteger(level) || level < 0 || level > MERKLE_DEPTH) return;
  const { differ, children } = compareLevel(treeWith(state, from), level, hashes);
  if (differ.length === 0) return;
  if (level < MERKLE_DEPTH) {
    ctx.send(from, { type: 'merkle', level: level + 1, hashes: children });
    return;
  }
  // Leaves that differ: the key exchange, for their keys only.
  const buckets = new Set(differ);
  const digests: Record<string, number> = {};
  for (const key of sharedKeys(state, from, buckets)) {
    setEntry(digests, key, digest(localVersions(state, key), state.config.versioning));
  }
  ctx.send(from, { type: 'sync', digests, buckets: differ });
}

/** The key exchange, at the peer: what differs, what the sender lacks, what we want. */
export function onSync(
  state: DynamoState,
  from: NodeId,
  digests: Record<string, number>,
  buckets: readonly number[],
  ctx: Ctx,
) {
  const v = state.config.versioning;
  const data: Record<string, Versions> = {};
  const want: string[] = [];
  for (const key of Object.keys(digests).sort()) {
    if (!replicasOf(state, key).includes(state.id)) continue;
    const mine = localVersions(state, key);
    if (mine.length > 0 && digest(mine, v) === getEntry(digests, key)) continue;
    if (mine.length > 0) setEntry(data, key, mine);
    want.push(key);
  }
  for (const key of sharedKeys(state, from, new Set(buckets))) {
    if (!Object.hasOwn(digests, key)) setEntry(data, key, localVersions(state, key));
  }
  if (want.length > 0 || Object.keys(data).length > 0) {
    ctx.send(from, { type: 'sync-reply', data, want });
  }
}

/** Back at the sender of the digests: take what differs, send what was asked for. */
export function onSyncReply(
  state: DynamoState,
  from: NodeId,
  data: Record<string, Versions>,
  want: readonly string[],
  ctx: Ctx,
) {
  storeAll(state, data);
  const out: Record<string, Versions> = {};
  for (const key of want) {
    const mine = localVersions(state, key);
    if (mine.length > 0) setEntry(out, key, mine);
  }
  if (Object.keys(out).length > 0) ctx.send(from, { type: 'sync-data', data: out });
}

/** Stores received versions of the keys this node replicates. */
export function storeAll(state: DynamoState, data: Record<string, Versions>): void {
  for (const key of Object.keys(data)) {
    if (replicasOf(state, key).includes(state.id)) storeVersions(state, key, getEntry(data, key)!);
  }
}
