/**
 * The CAP view's live figures of one side: the history checker's report at the cursor. The
 * check reads every operation so far, so it runs again only when an operation completed
 * since the last one (or the cursor moved to another moment), and while playing at most
 * every RECHECK_MS of real time.
 */
import { isQuiescent, runConsistency } from '../engine/analysis/consistency';
import type { Simulator } from '../engine/simulator';
import type { TraceLog } from '../engine/history/traceLog';
import type { ConsistencyView } from './protocol';

/** Real milliseconds between two checks while playing. */
const RECHECK_MS = 250;
/** The lab lists at most this many anomalies (the counts are of all of them). */
const LISTED = 200;
/** A smaller search budget than the CLI's: the lab checks often and says "unknown" honestly. */
const LAB_MAX_STEPS = 200_000;

export class ConsistencyTracker {
  private last: ConsistencyView | null = null;
  private lastKey = '';
  private lastAt = -Infinity;
  /** Real ms the last check took. */
  private cost = 0;

  /** The report for the simulator's moment, or null for a protocol that is not a store. */
  view(sim: Simulator, playing: boolean, trace: TraceLog): ConsistencyView | null {
    if (!sim.module.replicaValues) return null;
    const st = sim.state;
    let completed = 0;
    let latest = -1;
    for (const op of st.clientOps) {
      if (op.completedAt === null) continue;
      completed++;
      latest = Math.max(latest, op.completedAt);
    }
    // The history at the cursor: which operations exist, which completed, the newest answer.
    // Quiescent, the replicas' convergence can change with any event (anti-entropy).
    const key = `${st.clientOps.length}:${completed}:${latest}:${isQuiescent(sim) ? st.eventId : ''}`;
    const now = performance.now();
    const stale = key !== this.lastKey;
    // The check costs in proportion to the history: while playing, a slow one runs less often,
    // so that it never takes more than a twentieth of the worker's time.
    const interval = Math.max(RECHECK_MS, 20 * this.cost);
    if (this.last && (!stale || (playing && now - this.lastAt < interval))) return this.last;
    const report = runConsistency(sim, { maxSteps: LAB_MAX_STEPS })!;
    const counts: Record<string, number> = {};
    for (const a of report.anomalies) counts[a.kind] = (counts[a.kind] ?? 0) + 1;
    const listed = report.anomalies.slice(0, LISTED);
    const reads = sim.ids.map((_, i) => sim.read(i));
    const holders = sim.module.replicasOf?.(
      reads,
      listed.map((a) => a.key),
    );
    this.last = {
      ...report,
      anomalies: listed.map((a, i) => ({
        ...a,
        eventId: revealingEvent(sim, trace, a.ops.at(-1), a.time),
        records: a.ops.flatMap((id) => {
          const op = sim.state.clientOps[id - 1];
          return op ? [{ ...op }] : [];
        }),
        replicas: holders?.[i] ?? sim.ids,
      })),
      counts,
      total: report.anomalies.length,
      completed,
    };
    this.lastKey = key;
    this.lastAt = now;
    this.cost = performance.now() - now;
    return this.last;
  }
}

/**
 * The event that revealed an anomaly: the completion of its last operation (the read that
 * saw it), so that a click lands on that very event. Null when it has no operation.
 */
function revealingEvent(
  sim: Simulator,
  trace: TraceLog,
  opId: number | undefined,
  time: number,
): number | null {
  if (opId === undefined) return null;
  const op = sim.state.clientOps[opId - 1];
  if (!op || op.completedAt === null) return null;
  const lo = trace.firstAtTime(time);
  for (let i = lo; i < trace.length && trace.timeAt(i) === time; i++) {
    const e = trace.at(i);
    if ((e.kind === 'client-reply' || e.kind === 'client-give-up') && e.node === op.client) {
      return e.id;
    }
  }
  return null;
}
