/**
 * The Dynamo store's plain-data state and messages (DeCandia et al., SOSP 2007). Versions are
 * frozen once made: stores, hints, messages, persisted state and checker memory share them.
 * Every table is a plain object read and written through getEntry / setEntry (keys are data).
 */
import type { ClientRequest, NodeId } from '../../types';
import type { Token } from './ring';

export type Versioning = 'lww' | 'vector';

/** The scenario section `"dynamo": { … }`. */
export interface DynamoConfig {
  /** Replicas per key: the length of the preference list (§4.3). */
  n: number;
  /** Replies a get waits for (§4.5). */
  r: number;
  /** Acks a put waits for (§4.5). */
  w: number;
  versioning: Versioning;
  /** After a get, write the newest version(s) back to stale replicas (§4.7, §5). */
  readRepair: boolean;
  /** Sloppy quorum: writes for an unreachable replica go to a fallback with a hint (§4.6). */
  hintedHandoff: boolean;
  /** Period of the replica synchronisation of shared key ranges, ms; 0 turns it off (§4.7). */
  antiEntropyInterval: number;
  /** Virtual nodes (tokens) per server (§4.2). */
  vnodes: number;
  /** How far each node's clock is ahead of the simulator's, ms (LWW timestamps use it). */
  clockSkew: Record<NodeId, number>;
}

/**
 * One written value and its version. Under LWW the version is (ts, node, seq): the
 * coordinator's clock, its id and its write counter, compared in that order. Under vector
 * versioning `clock` is the version vector (§4.4) and ts/node/seq are for people only.
 */
export interface Version {
  value: string;
  ts: number;
  node: NodeId;
  seq: number;
  clock: Record<NodeId, number>;
}

/** The versions a replica holds of one key: one under LWW, the siblings under vectors. */
export type Versions = readonly Version[];

/** A write held for a replica that did not answer, to hand back to it (§4.6). */
export interface Hint {
  owner: NodeId;
  key: string;
  versions: Versions;
}

/** A request this node coordinates. Volatile: lost on a crash. */
export interface Coordination {
  id: number;
  req: ClientRequest;
  key: string;
  /** The key's walk of the ring: preference list first, then fallbacks. */
  walk: NodeId[];
  /** Where a copy went, by node: the preference-list owner it stands in for. */
  sentTo: Record<NodeId, NodeId>;
  /** Nodes that acked (put) or replied (get). */
  answered: NodeId[];
  /** A get's replies, by node. */
  replies: Record<NodeId, Versions>;
  /** The put's version, or null for a get. */
  version: Version | null;
  /** The client has been answered; the coordination stays open for late replies. */
  done: boolean;
  startedAt: number;
}

export interface DynamoPersistent {
  /** The section the node runs with, kept beside its data so projections can read a down node. */
  config: DynamoConfig;
  store: Record<string, Versions>;
  hints: Hint[];
  /** Write counter: every version this node coordinates gets the next value. */
  counter: number;
}

export interface DynamoState extends DynamoPersistent {
  id: NodeId;
  nodes: NodeId[];
  ring: Token[];
  /** The servers this one shares a key range with: anti-entropy's partners (§4.7). */
  syncPeers: NodeId[];
  /** The handoff timer is armed (volatile, like every timer). */
  handoffArmed: boolean;
  /** Open coordinations, by id. */
  coords: Record<number, Coordination>;
  nextCoord: number;
}

export type DynamoMessage =
  /** Coordinator → replica (or fallback, with `hint` naming the owner): store this version. */
  | { type: 'put-replica'; coord: number; key: string; version: Version; hint: NodeId | null }
  | { type: 'put-ack'; coord: number; key: string }
  /** Coordinator → replica: your versions of the key, please. */
  | { type: 'get-replica'; coord: number; key: string }
  | { type: 'get-reply'; coord: number; key: string; versions: Versions }
  /** Read repair: the newest versions a get saw, to a replica that answered older ones. */
  | { type: 'repair'; key: string; versions: Versions }
  /** Hinted handoff: a fallback hands a held write to its owner, who acks it. */
  | { type: 'handoff'; key: string; versions: Versions }
  | { type: 'handoff-ack'; key: string; versions: Versions }
  /**
   * Anti-entropy's Merkle descent (§4.7): the sender's hashes at `level` of the tree over the
   * keys both replicate — the root first, then the children of the subtrees that differed.
   */
  | { type: 'merkle'; level: number; hashes: Record<number, number> }
  /**
   * Then the keys of the leaves (`buckets`) that differ: their digests. The peer answers with
   * its versions of those that differ or that the sender lacks, and names the ones it wants.
   */
  | { type: 'sync'; digests: Record<string, number>; buckets: number[] }
  /** Round 2: the versions that differ, and the keys the peer wants from the initiator. */
  | { type: 'sync-reply'; data: Record<string, Versions>; want: string[] }
  /** Round 3: the initiator's versions of the wanted keys. */
  | { type: 'sync-data'; data: Record<string, Versions> };
