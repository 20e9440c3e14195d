/**
 * One headless run of a scenario, reduced to the result the CLI prints and tests assert on.
 * Key order is fixed by construction so that the same run always prints the same bytes:
 * seed, (mutations: only for a mutated run), endTime, events, (stopped: only for a run stopped before its end), leaders, nodes,
 * the protocol's own run facts, clientOps, (consistency: key-value protocols only), violations,
 * stats (and the trace when asked for).
 */
import { runConsistency } from './analysis/consistency';
import { createSimulator } from './create';
import { protocolModule } from './protocols/registry';
import type { ConsistencyReport } from './analysis/consistency';
import type { Scenario } from './scenario';
import type { RunStop, Simulator } from './simulator';
import type { ClientOpRecord, LeaderRecord, SimStats, TraceEntry, Violation } from './types';

/** A client operation as printed: a get's siblings are an array of values. */
export type PrintedOp = Omit<ClientOpRecord, 'result'> & { result: string | string[] | null };

export interface RunResult {
  seed: number;
  /** Only for a run with mutants (issue 13): the rules switched off, as the scenario names them. */
  mutations?: string[];
  endTime: number;
  events: number;
  /** Only when the run was stopped before its end (a zero-time loop): when, and why. */
  stopped?: RunStop;
  /** As the protocol spells them (by default `{ time, <epochName>: epoch, node }`). */
  leaders: Record<string, unknown>[];
  /** `id`, `up`, then the protocol's summary of the node. */
  nodes: Record<string, unknown>[];
  /** The records (printedResult spells a get's siblings as an array). */
  clientOps: ClientOpRecord[];
  /** Key-value protocols: the history checker's findings (check/consistency.ts). */
  consistency?: ConsistencyReport;
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

export function runScenario(
  scenario: Scenario,
  /** `onRun` sees the simulator once it has run (the CLI writes its --jtl file from it). */
  options: { trace?: boolean; onRun?: (sim: Simulator) => void } = {},
): RunResult {
  const sim = createSimulator(scenario, { trace: options.trace ?? false }).run();
  options.onRun?.(sim);
  const st = sim.state;
  const reads = sim.ids.map((_, i) => sim.read(i));
  const result: RunResult = {
    seed: scenario.seed,
    ...(scenario.mutations ? { mutations: [...scenario.mutations] } : {}),
    endTime: st.time,
    events: st.eventId,
    ...(st.stopped === null ? {} : { stopped: st.stopped }),
    leaders: leaderRecords(sim),
    nodes: sim.ids.map((_, i) => sim.summary(i)),
    ...(sim.module.runSummary?.(reads, { time: st.time, requests: st.load?.requests ?? [] }) ?? {}),
    clientOps: st.clientOps,
    ...consistencyBlock(sim),
    violations: st.violations,
    stats: st.stats,
  };
  if (options.trace) result.trace = st.trace;
  return result;
}

/** A key-value protocol's consistency block (issue 11); nothing for other protocols. */
function consistencyBlock(sim: Simulator): { consistency?: ConsistencyReport } {
  const report = runConsistency(sim);
  return report === null ? {} : { consistency: report };
}

/**
 * The run as the CLI prints it: a get that found siblings has its result as an array of the
 * values (the record keeps the joined string the client received).
 */
export function printedResult(
  r: RunResult,
  protocol: Scenario['protocol'],
): Omit<RunResult, 'clientOps'> & { clientOps: readonly (ClientOpRecord | PrintedOp)[] } {
  const separator = protocolModule(protocol).siblingSeparator;
  if (separator === undefined) return r;
  return { ...r, clientOps: printedOps(r.clientOps, separator) };
}

function printedOps(ops: ClientOpRecord[], separator: string): PrintedOp[] {
  return ops.map((op) =>
    op.op === 'get' && op.ok && op.result !== null && op.result.includes(separator)
      ? { ...op, result: op.result.split(separator) }
      : op,
  );
}
