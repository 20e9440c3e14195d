/**
 * Replica contents of a replicated state machine for the convergence check: every up node
 * is a replica of every key (a replicated log), holding the value it has applied.
 */
import type { NodeRead } from '../protocol';
import { getEntry } from './stateMachine';

export function stateMachineReplicas<S, P>(
  nodes: readonly NodeRead<S, P>[],
  kvOf: (state: S) => Record<string, string>,
): Map<string, string[][]> {
  const up = nodes.flatMap((n) => (n.up && n.state !== null ? [kvOf(n.state)] : []));
  const keys = new Set<string>();
  for (const kv of up) for (const key of Object.keys(kv)) keys.add(key);
  const out = new Map<string, string[][]>();
  for (const key of [...keys].sort()) {
    out.set(
      key,
      up.map((kv) => {
        const value = getEntry(kv, key);
        return value === undefined ? [] : [value];
      }),
    );
  }
  return out;
}
