/**
 * The consistency of a key-value run at the simulator's current moment, as the CLI's run
 * line and the lab's CAP view report it: the history checker on the client operations so
 * far, and — only when the run is quiescent — whether the replicas converged.
 */
import { checkConsistency } from '../check/consistency';
import type { ConsistencyReport } from '../check/consistency';
import type { Simulator } from '../simulator';

export type { ConsistencyReport };

/**
 * Quiescent: every server up, no link cut, no client kept from a server, no operation in
 * flight — and so for the protocol's settle time since the last fault and the last client
 * operation. Only then is "the replicas differ" a fact about the store rather than about a
 * write (or a commit index) still on its way.
 */
export function isQuiescent(sim: Simulator): boolean {
  const st = sim.state;
  if (!st.nodes.every((n) => n.up && n.pausedUntil === 0)) return false;
  if (st.cut.some((row) => row.some(Boolean))) return false;
  for (const _ in st.clientCut) return false;
  for (const _ in st.pendingOps) return false;
  let last = st.lastFault;
  for (const op of st.clientOps) last = Math.max(last, op.completedAt ?? op.invokedAt);
  const settle = sim.module.settleTime?.(sim.config) ?? 0;
  return st.time - last >= settle;
}

/** The run's consistency block, or null for a protocol that is not a key-value store. */
export function runConsistency(
  sim: Simulator,
  options: { maxSteps?: number } = {},
): ConsistencyReport | null {
  const m = sim.module;
  if (!m.replicaValues) return null;
  const reads = sim.ids.map((_, i) => sim.read(i));
  const quiet = isQuiescent(sim);
  return checkConsistency(sim.state.clientOps, {
    ...(m.siblingSeparator === undefined ? {} : { separator: m.siblingSeparator }),
    replicas: quiet ? m.replicaValues(reads) : null,
    // Lost writes are a fact only once the store has settled.
    ended: quiet,
    endTime: sim.state.time,
    ...(options.maxSteps === undefined ? {} : { maxSteps: options.maxSteps }),
  });
}
