/**
 * The store's contents for the convergence check: per key, the value set each up replica of
 * its preference list holds (§4.3). Hints are not replicas: a fallback holds them only until
 * the owner is back (§4.6).
 */
import { getEntry } from '../../kv/stateMachine';
import { buildRing, preferenceList } from './ring';
import type { NodeId } from '../../types';
import type { DynamoConfig } from './types';
import { storeOf } from './view';
import type { DynamoRead } from './view';

export function replicaValues(
  nodes: readonly DynamoRead[],
  config: DynamoConfig,
): Map<string, string[][]> {
  const ring = buildRing(
    nodes.map((n) => n.id),
    config.vnodes,
  );
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const keys = new Set<string>();
  for (const n of nodes) for (const key of Object.keys(storeOf(n))) keys.add(key);
  const out = new Map<string, string[][]>();
  for (const key of [...keys].sort()) {
    const sets: string[][] = [];
    for (const id of preferenceList(ring, key, config.n)) {
      const node = byId.get(id);
      if (!node?.up) continue;
      const versions = getEntry(storeOf(node), key) ?? [];
      sets.push([...new Set(versions.map((v) => v.value))].sort());
    }
    out.set(key, sets);
  }
  return out;
}

/** Each key's preference list (§4.3), the ring built once for all of them. */
export function replicasOf(
  nodes: readonly DynamoRead[],
  config: DynamoConfig,
  keys: readonly string[],
): NodeId[][] {
  const ring = buildRing(
    nodes.map((n) => n.id),
    config.vnodes,
  );
  return keys.map((key) => preferenceList(ring, key, config.n));
}
