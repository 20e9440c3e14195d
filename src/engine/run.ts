/**
 * One headless run of a scenario, reduced to the result the CLI prints and tests assert on.
 * Key order is fixed by construction so that the same run always prints the same bytes.
 */
import { createSimulator } from './protocols/registry';
import type { Scenario } from './scenario';
import type { ClientOpRecord, LeaderRecord, SimStats, TraceEntry, Violation } from './types';

export interface RunResult {
  seed: number;
  endTime: number;
  events: number;
  leaders: LeaderRecord[];
  nodes: {
    id: string;
    up: boolean;
    role: string;
    term: number;
    commitIndex: number;
    log: { term: number; command: string }[];
  }[];
  clientOps: ClientOpRecord[];
  violations: Violation[];
  stats: SimStats;
  trace?: TraceEntry[];
}

export function runScenario(scenario: Scenario, options: { trace?: boolean } = {}): RunResult {
  const sim = createSimulator(scenario, { trace: options.trace ?? false }).run();
  const st = sim.state;
  const result: RunResult = {
    seed: scenario.seed,
    endTime: st.time,
    events: st.eventId,
    leaders: st.leaders,
    nodes: sim.ids.map((_, i) => {
      const s = sim.summary(i);
      return {
        id: s.id,
        up: s.up,
        role: s.role,
        term: s.term,
        commitIndex: s.commitIndex,
        log: s.log,
      };
    }),
    clientOps: st.clientOps,
    violations: st.violations,
    stats: st.stats,
  };
  if (options.trace) result.trace = st.trace;
  return result;
}
