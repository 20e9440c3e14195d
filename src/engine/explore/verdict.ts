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
  /**
   * Earlier events the checker names as leading to it (invariants that name them), or the
   * events a history anomaly's operations were invoked and answered at.
   */
  related?: number[];
  /** The nodes the checker names (invariants that name them). */
  nodes?: string[];
  message: string;
}

/** A budget for the linearizability search per key: enough for these short histories. */
const MAX_STEPS = 200_000;

/**
 * Events one schedule may take. A mutant can make a run's traffic grow without bound (two
 * leaders of one term answering each other's followers, with duplication on): the run is
 * then judged on what it did by this budget.
 */
export const MAX_EVENTS = 100_000;

export function failureOf(scenario: Scenario): Failure | null {
  const sim = createSimulator(scenario);
  const st = sim.state;
  // Only the first violation counts: the run stops there, which is also the cheapest.
  while (st.violations.length === 0 && st.eventId < MAX_EVENTS && sim.stepUntil(scenario.duration));
  const v = st.violations[0];
  if (v !== undefined) {
    return {
      kind: v.invariant,
      by: 'invariant',
      time: v.time,
      eventId: v.eventId,
      ...(v.related ? { related: v.related } : {}),
      ...(v.nodes ? { nodes: v.nodes } : {}),
      message: v.message,
    };
  }
  // A run cut short by the budget has no end to judge its history at.
  if (st.eventId >= MAX_EVENTS) return null;
  sim.runUntil(scenario.duration);
  const report = runConsistency(sim, { maxSteps: MAX_STEPS });
  const a = report?.anomalies[0];
  if (a === undefined) return null;
  const related = opEvents(scenario, a.ops);
  return {
    kind: a.kind,
    by: 'history',
    time: a.time,
    ...(related.length > 0 ? { related } : {}),
    message: `${a.kind} on key ${a.key}: client operations ${a.ops.join(', ')}`,
  };
}

/**
 * The events at which a history anomaly's operations (its witnesses) were invoked and
 * answered: a traced replay of the run, matching each operation's client and times.
 */
function opEvents(scenario: Scenario, ops: readonly number[]): number[] {
  const sim = createSimulator(scenario, { trace: true }).run();
  const records = sim.state.clientOps.filter((r) => ops.includes(r.id));
  const out = new Set<number>();
  for (const e of sim.state.trace) {
    if (e.kind !== 'client-invoke' && e.kind !== 'client-reply') continue;
    const at = (r: (typeof records)[number]) =>
      e.kind === 'client-invoke' ? r.invokedAt : r.completedAt;
    if (records.some((r) => r.client === e.node && at(r) === e.time)) out.add(e.id);
  }
  return [...out].sort((x, y) => x - y);
}
