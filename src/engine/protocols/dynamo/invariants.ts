/**
 * Safety properties of the store, checked after every event. Consistency anomalies (stale
 * reads, lost writes, siblings) are not among them: an AP store allows them, and the history
 * checker (check/anomalies.ts) finds them from what clients saw. What a replica must never do:
 *
 * - Replica Monotonicity: a version a replica stored (and so may have acknowledged, §4.5: a
 *   replica stores before it acks) stays covered: the replica keeps it or a version that
 *   supersedes it (§4.4), across crashes too (§4.1: the store is durable). Under LWW: a key's
 *   (ts, node, seq) never goes down; under vectors: no held version is ever dropped unseen.
 * - Well-Formed Versions: under LWW a key has exactly one version; under vector versioning
 *   the siblings form an antichain (none supersedes another, no vector twice).
 *
 * Each check looks only at the node the event touched and only at the keys whose array of
 * versions changed since it last looked (arrays are replaced, never changed in place).
 */
import { getEntry, setEntry } from '../../kv/stateMachine';
import type { InvariantChecker, NodeId } from '../../types';
import type { DynamoState, Versions } from './types';
import { compareClocks, covers, versionName } from './version';

type Seen = Record<NodeId, Record<string, Versions>>;

function checker(
  name: string,
  checkKey: (
    s: DynamoState,
    key: string,
    now: Versions,
    before: Versions | undefined,
  ) => string | null,
): InvariantChecker<DynamoState, unknown> {
  return {
    name,
    // Null whenever no node was touched: skipped after such events.
    touchedOnly: true,
    initialMemory: (): Seen => ({}),
    check(view, memory) {
      if (view.touched === null) return null;
      const seen = memory as Seen;
      for (const n of view.nodes) {
        if (n.id !== view.touched || !n.up || n.state === null) continue;
        const s = n.state;
        const mine = getEntry(seen, s.id) ?? {};
        setEntry(seen, s.id, mine);
        for (const key in mine) {
          if (!Object.hasOwn(s.store, key)) return `${s.id} no longer holds ${key}`;
        }
        for (const key in s.store) {
          const now = s.store[key]!;
          const before = getEntry(mine, key);
          if (now === before) continue;
          const problem = checkKey(s, key, now, before);
          if (problem) return problem;
          setEntry(mine, key, now);
        }
      }
      return null;
    },
  };
}

export const replicaMonotonicity = checker('Replica Monotonicity', (s, key, now, before) => {
  const v = s.config.versioning;
  for (const old of before ?? []) {
    if (!covers(now, old, v)) {
      return `${s.id} dropped version ${versionName(old, v)} (${old.value}) of ${key} without a newer one`;
    }
  }
  return null;
});

export const wellFormedVersions = checker('Well-Formed Versions', (s, key, now) => {
  if (s.config.versioning === 'lww') {
    return now.length === 1 ? null : `${s.id} holds ${now.length} versions of ${key} under LWW`;
  }
  for (let i = 0; i < now.length; i++) {
    for (let j = 0; j < now.length; j++) {
      if (i === j) continue;
      const order = compareClocks(now[i]!.clock, now[j]!.clock);
      if (order === 'before' || order === 'equal') {
        const a = versionName(now[i]!, 'vector');
        const b = versionName(now[j]!, 'vector');
        return `${s.id} keeps sibling ${a} of ${key} beside ${b}, which ${order === 'equal' ? 'equals' : 'supersedes'} it`;
      }
    }
  }
  return null;
});

export const dynamoCheckers = [replicaMonotonicity, wellFormedVersions];
