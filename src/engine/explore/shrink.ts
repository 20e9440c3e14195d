/**
 * Shrinking a failing schedule to a small one that fails the same way (the same invariant,
 * or the same anomaly kind): delta debugging over the scenario's actions, then the shortest
 * run that still shows it — first cut just after the failure, else a binary search between
 * there and the full length.
 */
import type { Scenario } from '../scenario';
import { ddmin } from './ddmin';
import { failureOf } from './verdict';
import type { Failure } from './verdict';

export interface Shrunk {
  scenario: Scenario;
  failure: Failure;
  /** Runs the shrinking took. */
  runs: number;
}

export function shrinkScenario(scenario: Scenario, failure: Failure, budget = 400): Shrunk {
  let runs = 0;
  const check = (s: Scenario): Failure | null => {
    runs++;
    const f = failureOf(s);
    return f !== null && f.kind === failure.kind ? f : null;
  };
  const reduced = ddmin(
    scenario.actions,
    (actions) => check({ ...scenario, actions }) !== null,
    budget,
  );
  let best: Shrunk = { scenario: { ...scenario, actions: reduced.items }, failure, runs: 0 };
  const again = check(best.scenario);
  // ddmin keeps only subsets that failed, so this holds unless the budget ran out at once.
  if (again !== null) best = { ...best, failure: again };
  else best = { scenario, failure, runs: 0 };
  best = shorten(best, check);
  return { ...best, runs };
}

/** The shortest duration (whole ms, at least just past the failure) that still fails. */
function shorten(best: Shrunk, check: (s: Scenario) => Failure | null): Shrunk {
  const withDuration = (d: number): Scenario => ({
    ...best.scenario,
    duration: d,
    actions: best.scenario.actions.filter((a) => a.at < d),
  });
  let lo = Math.max(1, Math.floor(best.failure.time) + 1);
  let hi = best.scenario.duration;
  if (lo >= hi) return best;
  const first = check(withDuration(lo));
  if (first !== null) return { ...best, scenario: withDuration(lo), failure: first };
  // lo fails to fail, hi fails: find the smallest failing duration between them.
  let found: { scenario: Scenario; failure: Failure } | null = null;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const f = check(withDuration(mid));
    if (f !== null) {
      hi = mid;
      found = { scenario: withDuration(mid), failure: f };
    } else lo = mid;
  }
  return found === null ? best : { ...best, ...found };
}
