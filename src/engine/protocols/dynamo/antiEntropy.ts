/**
 * Anti-entropy (§4.7): every `antiEntropyInterval` ms a node picks, at random, a peer it
 * shares key ranges with and the two compare the keys both replicate. This is a full
 * comparison of per-key digests, not Dynamo's Merkle trees: round 1 sends a digest (hash32
 * of the versions) of each shared key; the peer answers with its versions of every key that
 * differs or that the initiator lacks, and names the keys it wants; round 3 sends those.
 * After one exchange both hold the reconciliation of their versions of every shared key.
 */
import { getEntry, setEntry } from '../../kv/stateMachine';
import type { NodeId, ProtocolContext } from '../../types';
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

/** The keys of this node's store that `peer` replicates too, sorted. */
function sharedKeys(state: DynamoState, peer: NodeId): string[] {
  return Object.keys(state.store)
    .filter((key) => replicasOf(state, key).includes(peer))
    .sort();
}

export function onAntiEntropyTimer(state: DynamoState, ctx: Ctx): void {
  const every = state.config.antiEntropyInterval;
  if (every <= 0) return; // the "timeout" action on a store that runs none
  ctx.setTimer(ANTI_ENTROPY_TIMER, every);
  const peers = state.syncPeers;
  if (peers.length === 0) return;
  const peer = peers[Math.min(peers.length - 1, Math.floor(ctx.random() * peers.length))]!;
  const digests: Record<string, number> = {};
  for (const key of sharedKeys(state, peer)) {
    setEntry(digests, key, digest(localVersions(state, key), state.config.versioning));
  }
  ctx.send(peer, { type: 'sync', digests });
}

/** Round 2, at the peer. */
export function onSync(
  state: DynamoState,
  from: NodeId,
  digests: Record<string, number>,
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
  for (const key of sharedKeys(state, from)) {
    if (!Object.hasOwn(digests, key)) setEntry(data, key, localVersions(state, key));
  }
  if (want.length > 0 || Object.keys(data).length > 0) {
    ctx.send(from, { type: 'sync-reply', data, want });
  }
}

/** Round 3, at the initiator: take what differs, send what was asked for. */
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
