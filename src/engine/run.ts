/**
 * One headless run of a scenario, reduced to the result the CLI prints and tests assert on.
 * Key order is fixed by construction so that the same run always prints the same bytes:
 * seed, endTime, events, (stopped: only for a run stopped before its end), leaders, nodes,
 * the protocol's own run facts, clientOps, violations, stats (and the trace when asked for).
 */
import { createSimulator } from './create';
import type { Scenario } from './scenario';
import type { RunStop, Simulator } from './simulator';
import type { ClientOpRecord, LeaderRecord, SimStats, TraceEntry, Violation } from './types';

export interface RunResult {
  seed: number;
  endTime: number;
  events: number;
  /** Only when the run was stopped before its end (a zero-time loop): when, and why. */
  stopped?: RunStop;
  /** As the protocol spells them (by default `{ time, <epochName>: epoch, node }`). */
  leaders: Record<string, unknown>[];
  /** `id`, `up`, then the protocol's summary of the node. */
  nodes: Record<string, unknown>[];
  clientOps: ClientOpRecord[];
  violations: Violation[];
  stats: SimStats;
  trace?: TraceEntry[];
  /** The protocol's run facts (Paxos: `proposed`), between `nodes` and `clientOps`. */
  [fact: string]: unknown;
}

/** The leaders list as the protocol spells it. */
export function leaderRecords(sim: Simulator): Record<string, unknown>[] {
  const m = sim.module;
  const spell = (r: LeaderRecord) =>
    m.leaderRecord
      ? m.leaderRecord(r.time, r.epoch, r.node)
      : { time: r.time, [m.epochName]: r.epoch, node: r.node };
  return sim.state.leaders.map(spell);
}

export function runScenario(scenario: Scenario, options: { trace?: boolean } = {}): RunResult {
  const sim = createSimulator(scenario, { trace: options.trace ?? false }).run();
  const st = sim.state;
  const reads = sim.ids.map((_, i) => sim.read(i));
  const result: RunResult = {
    seed: scenario.seed,
    endTime: st.time,
    events: st.eventId,
    ...(st.stopped === null ? {} : { stopped: st.stopped }),
    leaders: leaderRecords(sim),
    nodes: sim.ids.map((_, i) => sim.summary(i)),
    ...(sim.module.runSummary?.(reads) ?? {}),
    clientOps: st.clientOps,
    violations: st.violations,
    stats: st.stats,
  };
  if (options.trace) result.trace = st.trace;
  return result;
}
