/**
 * Whether a run failed, and how: the first invariant violation (the checkers run after every
 * event and name the event that broke the rule), else the first anomaly the history checker
 * finds in the client operations (check/consistency.ts). Its `kind` is what shrinking keeps.
 */
import { runConsistency } from '../analysis/consistency';
import { createSimulator } from '../create';
import type { Scenario } from '../scenario';

export interface Failure {
  /** The invariant's name ("Election Safety") or the anomaly's kind ("not-linearizable"). */
  kind: string;
  /** `invariant`: a checker after an event; `history`: the client history. */
  by: 'invariant' | 'history';
  /** When it showed (virtual ms). */
  time: number;
  /** The event that broke the invariant (invariants only). */
  eventId?: number;
  message: string;
}

/** A budget for the linearizability search per key: enough for these short histories. */
const MAX_STEPS = 200_000;

export function failureOf(scenario: Scenario): Failure | null {
  const sim = createSimulator(scenario).run();
  const v = sim.state.violations[0];
  if (v !== undefined) {
    return {
      kind: v.invariant,
      by: 'invariant',
      time: v.time,
      eventId: v.eventId,
      message: v.message,
    };
  }
  const report = runConsistency(sim, { maxSteps: MAX_STEPS });
  const a = report?.anomalies[0];
  if (a === undefined) return null;
  return {
    kind: a.kind,
    by: 'history',
    time: a.time,
    message: `${a.kind} on key ${a.key}: client operations ${a.ops.join(', ')}`,
  };
}
