/**
 * Compare mode of the load lab: one scenario (its seed, load, faults and the user's actions)
 * run headless once per balancing strategy, each reduced to its load report (the CLI's
 * `report`) and a compact latency distribution for the overlaid chart.
 *
 * A compare runs in the worker while the lab waits, so its size is capped: all runs together
 * simulate about COMPARE_ATTEMPT_BUDGET attempts at most (a few hundred thousand requests run
 * in about a second), by cutting the duration short. The cut is deterministic — it depends on
 * the scenario only — so the same compare gives the same numbers on every machine, and the
 * plan says how much of the run was compared.
 */
import { expectedArrivals, ratePieces } from '../engine/load/arrivals';
import { percentile } from '../engine/load/histogram';
import { latencyHistogram } from '../engine/load/report';
import type { LoadReport } from '../engine/load/report';
import type { LbConfig, Strategy } from '../engine/protocols/loadbalancer/types';
import { runScenario } from '../engine/run';
import { parseScenario, parseScenarioText, scenarioToJson } from '../engine/scenario';
import type { Scenario } from '../engine/scenario';
import { DISTRIBUTION_LEVELS, STRATEGIES } from './loadCompareShape';

export { DISTRIBUTION_LEVELS, STRATEGIES };

/** Attempts (requests × (1 + retries)) all runs of one compare may simulate, about. */
export const COMPARE_ATTEMPT_BUDGET = 240_000;

export interface StrategyRun {
  strategy: Strategy;
  report: LoadReport;
  /** Latency (ms) at each of DISTRIBUTION_LEVELS; empty when no request completed. */
  distribution: number[];
}

export interface ComparePlan {
  /** The scenario's name and seed, for the panel's words. */
  name: string;
  seed: number;
  strategies: Strategy[];
  /** Virtual ms each run lasts, and the scenario's own duration. */
  duration: number;
  fullDuration: number;
  /** Requests each run is expected to issue (over `duration`). */
  expectedRequests: number;
}

export type PlanResult =
  { ok: true; plan: ComparePlan; scenarios: Scenario[] } | { ok: false; errors: string[] };

/** Requests the scenario's load issues by `until`, about (closed model: every user busy). */
export function expectedRequests(s: Scenario, until: number): number {
  const load = s.load;
  if (!load) return 0;
  if (load.model === 'open') return expectedArrivals(ratePieces(load, s.duration), until);
  // A user's cycle is at least its think time and a round trip; a mean service on top.
  const service = (s.protocolConfig as LbConfig).service.mean;
  const cycle = Math.max(1, load.thinkTime + 2 * s.network.clientLatency.min + service);
  return (load.users * until) / cycle;
}

/** The longest duration (whole ms, a whole second past 10 s) whose expected work fits. */
export function cappedDuration(s: Scenario, attempts: number): number {
  const perRequest = 1 + (s.protocolConfig as LbConfig).retries;
  const fits = (t: number) => expectedRequests(s, t) * perRequest <= attempts;
  if (fits(s.duration)) return s.duration;
  let lo = 1;
  let hi = s.duration;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo >= 10_000 ? Math.floor(lo / 1000) * 1000 : lo;
}

function strategyErrors(strategies: readonly string[]): string[] {
  if (strategies.length === 0) return ['choose at least one strategy to compare'];
  const known = new Set<string>(STRATEGIES);
  return strategies
    .filter((s) => !known.has(s))
    .map((s) => `unknown strategy "${s}" (expected ${STRATEGIES.join(', ')})`);
}

/** Checks the scenario and strategies and cuts the runs to the budget. Never throws. */
export function planCompare(
  text: string,
  strategies: readonly string[],
  budget = COMPARE_ATTEMPT_BUDGET,
): PlanResult {
  const bad = strategyErrors(strategies);
  if (bad.length > 0) return { ok: false, errors: bad };
  const parsed = parseScenarioText(text);
  if (!parsed.ok) return parsed;
  const s = parsed.scenario;
  if (s.protocol !== 'loadbalancer') {
    return {
      ok: false,
      errors: [`compare mode needs a load-balancer scenario; this one runs ${s.protocol}`],
    };
  }
  const chosen = [...new Set(strategies)] as Strategy[];
  const duration = cappedDuration(s, budget / chosen.length);
  const scenarios: Scenario[] = [];
  const errors: string[] = [];
  for (const strategy of chosen) {
    const json = scenarioToJson(s);
    const section = { ...(s.protocolConfig as LbConfig), strategy };
    // Through the parser again: a strategy's own checks (weights that leave no backend) apply.
    const one = parseScenario({ ...json, duration, loadbalancer: section });
    if (one.ok) scenarios.push(one.scenario);
    else errors.push(...one.errors.map((e) => `${strategy}: ${e}`));
  }
  if (errors.length > 0) return { ok: false, errors };
  const plan: ComparePlan = {
    name: s.name,
    seed: s.seed,
    strategies: chosen,
    duration,
    fullDuration: s.duration,
    expectedRequests: Math.round(expectedRequests(s, duration)),
  };
  return { ok: true, plan, scenarios };
}

/** One strategy's run: the CLI's report and the latency at each distribution level. */
export function runStrategy(s: Scenario): StrategyRun {
  let distribution: number[] = [];
  const result = runScenario(s, {
    onRun(sim) {
      // The same samples as the report: every completed request, failures included.
      const h = latencyHistogram(sim.state.load?.requests ?? []);
      // 0 % is the exact minimum (a percentile is read as the middle of its bucket).
      if (h.count > 0)
        distribution = DISTRIBUTION_LEVELS.map((p) => (p === 0 ? h.min : percentile(h, p)));
    },
  });
  return {
    strategy: (s.protocolConfig as LbConfig).strategy,
    report: result.report as LoadReport,
    distribution,
  };
}

/** The whole compare at once (tests, the CLI's kind of use); the worker runs it step by step. */
export function compareStrategies(
  text: string,
  strategies: readonly string[],
  budget = COMPARE_ATTEMPT_BUDGET,
): { ok: true; plan: ComparePlan; results: StrategyRun[] } | { ok: false; errors: string[] } {
  const planned = planCompare(text, strategies, budget);
  if (!planned.ok) return planned;
  return { ok: true, plan: planned.plan, results: planned.scenarios.map(runStrategy) };
}

/** What the worker tells the lab of a compare: progress with the runs so far, the end, or why not. */
export type LoadCompareUpdate =
  | { state: 'running'; id: number; plan: ComparePlan; results: StrategyRun[] }
  | { state: 'done'; id: number; plan: ComparePlan; results: StrategyRun[]; wallMs: number }
  | { state: 'error'; id: number; errors: string[] };

/**
 * Runs a compare one strategy per task (setTimeout), so the worker reads commands and plays
 * between two runs, and reports after each. `current` says whether the compare still counts
 * (a newer one replaces it); a bug in a run is reported as an error, never thrown.
 */
export function runCompareInSteps(
  text: string,
  strategies: readonly string[],
  id: number,
  report: (u: LoadCompareUpdate) => void,
  current: () => boolean,
): void {
  const planned = planCompare(text, strategies);
  if (!planned.ok) return report({ state: 'error', id, errors: planned.errors });
  const { plan, scenarios } = planned;
  const results: StrategyRun[] = [];
  const t0 = performance.now();
  report({ state: 'running', id, plan, results: [] });
  const next = () => {
    if (!current()) return;
    const s = scenarios[results.length]!;
    try {
      results.push(runStrategy(s));
    } catch (err) {
      const strategy = (s.protocolConfig as LbConfig).strategy;
      const why = err instanceof Error ? err.message : String(err);
      return report({ state: 'error', id, errors: [`the ${strategy} run failed: ${why}`] });
    }
    if (results.length < scenarios.length) {
      report({ state: 'running', id, plan, results: [...results] });
      setTimeout(next, 0);
    } else {
      report({ state: 'done', id, plan, results, wallMs: performance.now() - t0 });
    }
  };
  setTimeout(next, 0);
}
