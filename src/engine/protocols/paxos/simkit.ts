/**
 * Helpers for Paxos runs in the simulator (property tests, scenario tests, benchmarks):
 * scenarios built in code, random fault schedules drawn from a seeded stream, and the checks
 * every run must pass. Not used by the lab itself.
 */
import { checkKvHistory } from '../../check/linearizability';
import { parseScenario } from '../../scenario';
import { randomFaults as sharedRandomFaults } from '../../testing/faults';
import type { FaultOptions as SharedFaultOptions } from '../../testing/faults';
import type { Scenario } from '../../scenario';
import { Simulator } from '../../simulator';
import type { TimedAction } from '../../types';
import type { PaxosConfig } from './config';
import type { PaxosCore } from './core';
import { multiPaxosModule } from './multi/multiPaxos';
import type { MultiState } from './multi/types';
import { paxosModule } from './single/paxos';
import type { PaxosState } from './single/types';

export type PaxosSimulator = Simulator<PaxosState>;
export type MultiPaxosSimulator = Simulator<MultiState>;

type ScenarioJson = Record<string, unknown> & { paxos?: Partial<PaxosConfig> };

/**
 * A scenario with the lab's defaults (5 nodes, 10–15 ms latency). Both variants read the
 * `paxos` section (multiPaxosModule.section).
 */
export function paxosScenario(
  protocol: 'paxos' | 'multi-paxos',
  json: ScenarioJson = {},
): Scenario {
  const parsed = parseScenario({ protocol, nodes: 5, seed: 1, duration: 5000, ...json });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

export function paxosSimulator(scenario: Scenario, trace = false): PaxosSimulator {
  return new Simulator<PaxosState>(scenario, paxosModule, { trace });
}

export function multiPaxosSimulator(scenario: Scenario, trace = false): MultiPaxosSimulator {
  return new Simulator<MultiState>(scenario, multiPaxosModule, { trace });
}

export function upStates<S>(sim: Simulator<S>): S[] {
  return sim.state.nodes.flatMap((n) => (n.up && n.state ? [n.state] : []));
}

export function stateOf<S>(sim: Simulator<S>, id: string): S {
  const node = sim.state.nodes.find((n) => n.id === id);
  if (!node?.state) throw new Error(`${id} is down`);
  return node.state;
}

/** The values learned in slot 0 by up nodes (single-decree): at most one, if all is well. */
export function learnedValues(sim: PaxosSimulator): string[] {
  return [...new Set(upStates(sim).flatMap((s) => (s.chosen[0] ? [s.chosen[0].value] : [])))];
}

export type FaultOptions = Omit<SharedFaultOptions, 'stream'>;

/** The shared fault schedule ({@link sharedRandomFaults}) on this kit's own stream. */
export function randomFaults(seed: number, o: FaultOptions): TimedAction[] {
  return sharedRandomFaults(seed, { ...o, stream: 'paxos-faults' });
}

/** Learned values agree across up nodes, slot by slot (the checkers watch this event by event). */
function learnedAgree<V>(states: PaxosCore<V>[]): string | null {
  const seen: string[] = [];
  for (const s of states) {
    for (let slot = 0; slot < s.chosen.length; slot++) {
      const c = s.chosen[slot];
      if (!c) continue;
      const v = JSON.stringify(c.value);
      if (seen[slot] === undefined) seen[slot] = v;
      else if (seen[slot] !== v)
        return `slot ${slot}: ${s.id} learned ${v}, another node ${seen[slot]}`;
    }
  }
  return null;
}

/** Everything a run under faults must satisfy; returns the problems found. */
export function safetyProblems<S extends PaxosCore<unknown>>(sim: Simulator<S>): string[] {
  const problems = sim.state.violations.map((v) => `${v.invariant} at ${v.time}: ${v.message}`);
  const agree = learnedAgree(upStates(sim));
  if (agree) problems.push(agree);
  const lin = checkKvHistory(sim.state.clientOps, { maxSteps: 2_000_000 });
  if (!lin.ok)
    problems.push(`not linearizable: keys ${[...lin.illegal, ...lin.unknown].join(', ')}`);
  return problems;
}
