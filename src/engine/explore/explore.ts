/**
 * The headless explorer's unit of work (issue 13): one seed's random fault schedule is run
 * and judged; a failing one is shrunk, and reported as the line `npm run explore` prints —
 * `{ seed, violation, scenario, actions: { original, shrunk } }`, the scenario being scenario
 * JSON that replays the same violation with `npm run sim`.
 */
import { scenarioToJson } from '../scenario';
import type { ExploreOptions } from './options';
import { scheduleScenario } from './schedule';
import { shrinkScenario } from './shrink';
import { failureOf } from './verdict';
import type { Failure } from './verdict';

export interface FailureReport {
  seed: number;
  violation: Failure;
  scenario: Record<string, unknown>;
  actions: { original: number; shrunk: number };
}

/** The failure seed `seed` finds, shrunk; null when its schedule passes. */
export function exploreSeed(o: ExploreOptions, seed: number): FailureReport | null {
  const scenario = scheduleScenario(o, seed);
  const failure = failureOf(scenario);
  if (failure === null) return null;
  const shrunk = shrinkScenario(scenario, failure);
  return {
    seed,
    violation: shrunk.failure,
    scenario: scenarioToJson({
      ...shrunk.scenario,
      name: `${scenario.name} (shrunk)`,
    }),
    actions: { original: scenario.actions.length, shrunk: shrunk.scenario.actions.length },
  };
}

export interface ExploreSummary {
  runs: number;
  failures: number;
  runsPerSecond: number;
}
