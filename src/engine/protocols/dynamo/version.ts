/**
 * Versions and their reconciliation (§4.4). Under last-writer-wins a key has one version, the
 * greatest (ts, node, seq). Under vector versioning a version supersedes another when its
 * vector dominates; versions neither of which dominates are concurrent and kept side by side
 * as siblings, for a reader to see (and a later write to resolve).
 */
import { getEntry } from '../../kv/stateMachine';
import type { NodeId } from '../../types';
import { hash32 } from './hash';
import type { Version, Versioning, Versions } from './types';

/** Makes a version; it is frozen so that every holder may share it. */
export function makeVersion(
  value: string,
  ts: number,
  node: NodeId,
  seq: number,
  clock: Record<NodeId, number>,
): Version {
  return Object.freeze({ value, ts, node, seq, clock: Object.freeze({ ...clock }) });
}

/** LWW order: the coordinator's (skewed) clock, then its id, then its write counter. */
export function lwwCompare(a: Version, b: Version): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  if (a.node !== b.node) return a.node < b.node ? -1 : 1;
  return a.seq - b.seq;
}

export type Order = 'before' | 'after' | 'equal' | 'concurrent';

/** How vector `a` relates to vector `b` (§4.4: "a descendant" / "a conflict"). */
export function compareClocks(a: Record<NodeId, number>, b: Record<NodeId, number>): Order {
  let less = false;
  let greater = false;
  for (const k in a) {
    const x = a[k]!;
    const y = getEntry(b, k) ?? 0;
    if (x < y) less = true;
    else if (x > y) greater = true;
  }
  for (const k in b) {
    if (Object.hasOwn(a, k)) continue;
    if (b[k]! > 0) less = true;
  }
  if (less && greater) return 'concurrent';
  if (less) return 'before';
  if (greater) return 'after';
  return 'equal';
}

/** The entry-wise maximum of vectors. */
export function mergeClocks(versions: Versions): Record<NodeId, number> {
  const out: Record<NodeId, number> = {};
  for (const v of versions) {
    for (const k in v.clock) out[k] = Math.max(out[k] ?? 0, v.clock[k]!);
  }
  return out;
}

/** A version's name for people and for sorting: "1200@S2#3" or "[S1:2,S3:1]". */
export function versionName(v: Version, versioning: Versioning): string {
  if (versioning === 'lww') return `${v.ts}@${v.node}#${v.seq}`;
  const parts = Object.keys(v.clock)
    .sort()
    .map((k) => `${k}:${v.clock[k]}`);
  return `[${parts.join(',')}]`;
}

function canonicalOrder(a: Version, b: Version): number {
  if (a.value !== b.value) return a.value < b.value ? -1 : 1;
  const x = versionName(a, 'vector');
  const y = versionName(b, 'vector');
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Reconciles two sets of versions of one key: the result holds what neither side supersedes.
 * Under LWW that is the single greatest version; under vectors the maximal versions (the
 * siblings), without duplicates, in a canonical order (by value, then vector). Returns `a`
 * itself when `b` adds nothing, so callers can tell "unchanged" by identity.
 */
export function reconcile(a: Versions, b: Versions, versioning: Versioning): Versions {
  if (b.length === 0) return a;
  if (versioning === 'lww') {
    let best: Version | null = a[0] ?? null;
    for (const v of b) if (best === null || lwwCompare(v, best) > 0) best = v;
    return best === a[0] ? a : [best!];
  }
  const all = [...a, ...b];
  const kept: Version[] = [];
  for (let i = 0; i < all.length; i++) {
    const v = all[i]!;
    let drop = false;
    for (let j = 0; j < all.length && !drop; j++) {
      if (i === j) continue;
      const order = compareClocks(v.clock, all[j]!.clock);
      // Superseded, or an equal vector met earlier (the same write twice).
      drop = order === 'before' || (order === 'equal' && j < i);
    }
    if (!drop) kept.push(v);
  }
  kept.sort(canonicalOrder);
  if (kept.length === a.length && kept.every((v, i) => sameVersion(v, a[i]!))) return a;
  return kept;
}

function sameVersion(x: Version, y: Version): boolean {
  return x === y || (x.value === y.value && compareClocks(x.clock, y.clock) === 'equal');
}

/** Whether `held` covers `v`: it holds `v` or a version that supersedes it. */
export function covers(held: Versions, v: Version, versioning: Versioning): boolean {
  if (versioning === 'lww') return held.length > 0 && lwwCompare(held[0]!, v) >= 0;
  return held.some((h) => {
    const order = compareClocks(h.clock, v.clock);
    return order === 'after' || (order === 'equal' && h.value === v.value);
  });
}

/** Two version sets say the same (anti-entropy and read repair compare them). */
export function sameVersions(a: Versions, b: Versions, versioning: Versioning): boolean {
  return a === b || canonical(a, versioning) === canonical(b, versioning);
}

function canonical(versions: Versions, versioning: Versioning): string {
  return versions.map((v) => `${v.value}\u0000${versionName(v, versioning)}`).join('\u0001');
}

/** A hash of a key's versions, as anti-entropy exchanges it. */
export function digest(versions: Versions, versioning: Versioning): number {
  return hash32(canonical(versions, versioning));
}

/**
 * What a client's get sees: null when the key has no version, else the values of the
 * versions, distinct and sorted, joined with '|' (one value under LWW; siblings under vector
 * versioning, e.g. "c1.3|c2.5"). Workload values never contain '|'.
 */
export const SIBLING_SEPARATOR = '|';

export function clientValue(versions: Versions): string | null {
  if (versions.length === 0) return null;
  return [...new Set(versions.map((v) => v.value))].sort().join(SIBLING_SEPARATOR);
}
