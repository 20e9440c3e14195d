/**
 * A replica's local storage (§4.1 "local persistence engine", §4.6 the separate store of
 * hinted replicas). Arrays of versions are never changed in place: a change stores a new
 * array, so copies made by object spread (persistent state, keyframes) stay correct and the
 * invariant checker can tell an unchanged key by identity.
 */
import { getEntry, setEntry } from '../../kv/stateMachine';
import type { NodeId } from '../../types';
import { preferenceList } from './ring';
import type { DynamoState, Hint, Versions } from './types';
import { covers, reconcile } from './version';

const NONE: Versions = Object.freeze([]);

/** The versions this node stores of `key` as one of its replicas. */
export function localVersions(state: DynamoState, key: string): Versions {
  return getEntry(state.store, key) ?? NONE;
}

/** Reconciles `versions` into the store (§4.4); true when the store changed. */
export function storeVersions(state: DynamoState, key: string, versions: Versions): boolean {
  const held = localVersions(state, key);
  const next = reconcile(held, versions, state.config.versioning);
  if (next === held) return false;
  setEntry(state.store, key, Object.freeze(next.slice()));
  return true;
}

/** The key's preference list (§4.3). */
export function replicasOf(state: DynamoState, key: string): NodeId[] {
  return preferenceList(state.ring, key, state.config.n);
}

/** The versions this node holds for others (hints) of `key`, reconciled. */
export function hintedVersions(state: DynamoState, key: string): Versions {
  let out: Versions = NONE;
  for (const h of state.hints) {
    if (h.key === key) out = reconcile(out, h.versions, state.config.versioning);
  }
  return out;
}

/** Keeps `versions` for `owner` until they can be handed back (§4.6). */
export function addHint(state: DynamoState, owner: NodeId, key: string, versions: Versions): void {
  const i = state.hints.findIndex((h) => h.owner === owner && h.key === key);
  const held = i < 0 ? NONE : state.hints[i]!.versions;
  const merged = reconcile(held, versions, state.config.versioning);
  const hint: Hint = Object.freeze({ owner, key, versions: Object.freeze(merged.slice()) });
  if (i < 0) state.hints.push(hint);
  else state.hints[i] = hint;
}

/** The owner has stored `versions`: drop what of the hint they cover. */
export function settleHint(state: DynamoState, owner: NodeId, key: string, versions: Versions) {
  const i = state.hints.findIndex((h) => h.owner === owner && h.key === key);
  if (i < 0) return;
  const v = state.config.versioning;
  const left = state.hints[i]!.versions.filter((h) => !covers(versions, h, v));
  if (left.length === 0) state.hints.splice(i, 1);
  else state.hints[i] = Object.freeze({ owner, key, versions: Object.freeze(left) });
}
