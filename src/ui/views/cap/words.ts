/**
 * The CAP view's words: what each anomaly kind means, where a store sits in CAP / PACELC,
 * and a store's settings in one line. Pure, so the claims the page makes are tested.
 */
import type { ConsistencyKind } from '../../../engine/check/consistency';

export const KIND_NAMES: Record<ConsistencyKind, string> = {
  'stale-read': 'stale read',
  'lost-write': 'lost write',
  'read-your-writes': 'read-your-writes broken',
  'monotonic-reads': 'monotonic reads broken',
  'monotonic-writes': 'monotonic writes broken',
  'writes-follow-reads': 'writes-follow-reads broken',
  'not-linearizable': 'not linearizable',
  diverged: 'replicas diverged',
};

/** One sentence per kind, as the anomaly's detail explains it. */
export const KIND_SENTENCES: Record<ConsistencyKind, string> = {
  'stale-read':
    'A read returned a value that had already been overwritten by a write completed before the read began.',
  'lost-write':
    'An acknowledged write is gone: once the key went quiet, the store holds an older value instead.',
  'read-your-writes': 'A client did not see its own completed write in a later read.',
  'monotonic-reads': 'A client read an older value after it had already read a newer one.',
  'monotonic-writes': "A client's later write was overtaken by its own earlier write.",
  'writes-follow-reads': 'A write that followed a read was ordered before the value it had read.',
  'not-linearizable':
    'No single order of these operations agrees with real time and with what each returned.',
  diverged: 'After the network healed and the run went quiet, replicas of the key still differ.',
};

export function kindName(kind: string): string {
  return Object.hasOwn(KIND_NAMES, kind) ? KIND_NAMES[kind as ConsistencyKind] : kind;
}

export function kindSentence(kind: string): string {
  return Object.hasOwn(KIND_SENTENCES, kind) ? KIND_SENTENCES[kind as ConsistencyKind] : '';
}

/** The Dynamo section's settings the view reads (engine/protocols/dynamo/types.ts). */
export interface StoreSettings {
  n: number;
  r: number;
  w: number;
  versioning: 'lww' | 'vector';
  hintedHandoff: boolean;
  readRepair?: boolean;
}

export type Choice = 'A' | 'C' | 'L';

/**
 * Where a store sits in PACELC (Abadi, "Consistency Tradeoffs in Modern Distributed
 * Database System Design", IEEE Computer 2012): under a Partition it gives up Availability
 * or Consistency; Else it trades Latency against Consistency.
 * - A leader-based log (routing "redirect") is PC/EC: a side without a
 *   majority refuses, and every operation waits for a majority round trip.
 * - A leaderless store stays available under a partition when any one replica may answer
 *   (R = W = 1) or a sloppy quorum lets fallbacks take writes (hinted handoff); with strict
 *   quorums larger than one, a side holding fewer than R or W of a key's replicas refuses.
 *   Else it answers from R or W replicas, not all N: latency over consistency (EL), and with
 *   R + W ≤ N a read need not even meet the latest write.
 */
export function pacelc(
  routing: string,
  store: StoreSettings | null,
): { partition: Choice; normal: Choice; why: string } {
  if (routing === 'redirect' || store === null) {
    return {
      partition: 'C',
      normal: 'C',
      why: 'a side without a majority refuses; every operation waits for a majority',
    };
  }
  const available = (store.r === 1 && store.w === 1) || store.hintedHandoff;
  const overlap = store.r + store.w > store.n;
  return {
    partition: available ? 'A' : 'C',
    normal: 'L',
    why: `${available ? (store.hintedHandoff ? 'a sloppy quorum takes writes on any side' : 'any one replica answers') : `a side needs ${store.r} of ${store.n} replicas to read, ${store.w} to write`}; ${overlap ? 'R + W > N, so reads meet the latest write when all replicas are reachable' : 'R + W ≤ N, so a read may miss the latest write even without faults'}`,
  };
}

/** "N=3 R=2 W=2 · lww · hinted handoff off". */
export function storeLine(s: StoreSettings): string {
  return `N=${s.n} R=${s.r} W=${s.w} · ${s.versioning} · hinted handoff ${s.hintedHandoff ? 'on' : 'off'}`;
}

/** "97.5 %" (availability is a share, 0…1). */
export function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)} %`;
}
