/**
 * The store as the lab and the CLI show it: small, structured-cloneable projections. A down
 * node shows what it persisted (its store and hints); its open coordinations were volatile.
 */
import type { NodeRead } from '../../protocol';
import { getEntry } from '../../kv/stateMachine';
import type { NodeId } from '../../types';
import { DEFAULT_DYNAMO_CONFIG } from './config';
import { RING_SIZE } from './hash';
import { buildRing, keyPosition, ownership, preferenceList } from './ring';
import type { DynamoConfig, DynamoPersistent, DynamoState, Hint, Versions } from './types';
import { clientValue, versionName } from './version';

/** Keys the view lists at most (the workload's keys are few; the lab shows them all). */
export const VIEW_KEYS = 64;
/** Versions the inspector lists at most per node. */
const DETAIL_KEYS = 100;

export type DynamoRead = NodeRead<DynamoState, DynamoPersistent>;

/** One stored version, as people read it. */
export interface VersionView {
  value: string;
  /** "1200@S2#3" (LWW: clock@coordinator#counter) or "[S1:2,S3:1]" (version vector). */
  version: string;
}

export interface DynamoNodeView {
  /** Keys in the node's store. */
  keys: number;
  /** Hinted writes it holds for other nodes. */
  hints: number;
  /** Requests it is coordinating (0 when down). */
  coordinating: number;
}

export interface DynamoKeyView {
  key: string;
  /** Position on the ring, as a fraction of a turn in [0, 1). */
  pos: number;
  /** The preference list: the N servers that store the key. */
  replicas: NodeId[];
  /** What a get would see from each replica alone (null: it holds nothing), by replica. */
  values: Record<NodeId, string | null>;
  /** The replicas do not all hold the same versions. */
  diverged: boolean;
}

export interface DynamoView {
  /** Index-aligned with the snapshot's nodes. */
  nodes: DynamoNodeView[];
  /** Every virtual node, by position (a fraction of a turn in [0, 1)). */
  ring: { pos: number; node: NodeId; vnode: number }[];
  /** The keys any node stores, sorted, at most VIEW_KEYS of them. */
  keys: DynamoKeyView[];
}

export interface DynamoDetail {
  /** True when the node is down and this is what it persisted. */
  persisted: boolean;
  store: { key: string; versions: VersionView[] }[];
  hints: { owner: NodeId; key: string; versions: VersionView[] }[];
  coordinating: { key: string; op: 'put' | 'get'; answered: NodeId[]; done: boolean }[];
}

/** The section the nodes run with (a down node kept it with its data). */
export function configOf(nodes: readonly DynamoRead[]): DynamoConfig {
  for (const n of nodes) {
    const c = n.state?.config ?? n.persisted?.config;
    if (c) return c;
  }
  return DEFAULT_DYNAMO_CONFIG;
}

export function storeOf(n: DynamoRead): Record<string, Versions> {
  return n.state?.store ?? n.persisted?.store ?? {};
}

function hintsOf(n: DynamoRead): readonly Hint[] {
  return n.state?.hints ?? n.persisted?.hints ?? [];
}

export function versionViews(versions: Versions, config: DynamoConfig): VersionView[] {
  return versions.map((v) => ({ value: v.value, version: versionName(v, config.versioning) }));
}

/** The node's keys, sorted, with their versions. */
export function storeEntries(n: DynamoRead, config: DynamoConfig, limit = Infinity) {
  const store = storeOf(n);
  return Object.keys(store)
    .sort()
    .slice(0, limit)
    .map((key) => ({ key, versions: versionViews(store[key]!, config) }));
}

export function dynamoView(nodes: readonly DynamoRead[], config: DynamoConfig): DynamoView {
  const ids = nodes.map((n) => n.id);
  const ring = buildRing(ids, config.vnodes);
  const keySet = new Set<string>();
  for (const n of nodes) for (const key of Object.keys(storeOf(n))) keySet.add(key);
  const keys = [...keySet].sort().slice(0, VIEW_KEYS);
  const byId: Record<NodeId, DynamoRead> = {};
  for (const n of nodes) byId[n.id] = n;
  return {
    nodes: nodes.map((n) => ({
      keys: Object.keys(storeOf(n)).length,
      hints: hintsOf(n).length,
      coordinating: n.state ? Object.keys(n.state.coords).length : 0,
    })),
    ring: ring.map((t) => ({ pos: t.pos / RING_SIZE, node: t.node, vnode: t.vnode })),
    keys: keys.map((key) => {
      const replicas = preferenceList(ring, key, config.n);
      const values: Record<NodeId, string | null> = {};
      const held = replicas.map((id) => getEntry(storeOf(byId[id]!), key) ?? []);
      replicas.forEach((id, i) => (values[id] = clientValue(held[i]!)));
      const names = held.map((h) => h.map((v) => versionName(v, config.versioning)).join(' '));
      return {
        key,
        pos: keyPosition(key) / RING_SIZE,
        replicas,
        values,
        diverged: names.some((x) => x !== names[0]),
      };
    }),
  };
}

export function dynamoDetail(n: DynamoRead, config: DynamoConfig): DynamoDetail {
  return {
    persisted: !n.up,
    store: storeEntries(n, config, DETAIL_KEYS),
    hints: hintsOf(n).map((h) => ({
      owner: h.owner,
      key: h.key,
      versions: versionViews(h.versions, config),
    })),
    coordinating: n.state
      ? Object.values(n.state.coords).map((c) => ({
          key: c.key,
          op: c.req.op.type,
          answered: [...c.answered],
          done: c.done,
        }))
      : [],
  };
}

/** Each server's share of the ring (primary ownership), rounded to 4 decimals. */
export function ringOwnership(
  ids: readonly NodeId[],
  config: DynamoConfig,
): Record<NodeId, number> {
  const share = ownership(buildRing(ids, config.vnodes), ids);
  const out: Record<NodeId, number> = {};
  for (const id of ids) out[id] = Math.round((share[id] ?? 0) * 10_000) / 10_000;
  return out;
}
