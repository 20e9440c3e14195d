/**
 * The capacity panel's ramp (analysis/knee.ts) in the worker: the run's scenario (with the
 * user's actions, over its whole duration) at each offered load of the ramp, one step per task
 * so the worker keeps reading commands and playing between two steps, with a report after
 * each step. A bug in a step is reported as an error, never thrown.
 */
import { kneeSummary, planKnee, runKneeStep } from '../engine/analysis/knee';
import type { KneeStep, KneeSummary } from '../engine/analysis/knee';
import { parseScenarioText } from '../engine/scenario';

/** What the panel needs of the plan: the words above the chart. */
export interface KneePlanInfo {
  name: string;
  seed: number;
  /** Offered load (ops/s) of every step, lightest first. */
  offered: number[];
  /** The measured window, from `warmup` ms to `duration`. */
  warmup: number;
  duration: number;
  /** Processing time per message (ms); 0 when the scenario has no processing model. */
  processing: number;
  nodes: number;
}

export type KneeUpdate =
  | { state: 'running'; id: number; plan: KneePlanInfo; steps: KneeStep[] }
  | {
      state: 'done';
      id: number;
      plan: KneePlanInfo;
      steps: KneeStep[];
      summary: KneeSummary;
      wallMs: number;
    }
  | { state: 'error'; id: number; errors: string[] };

export function runKneeInSteps(
  text: string,
  steps: number | undefined,
  id: number,
  report: (u: KneeUpdate) => void,
  current: () => boolean,
): void {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) return report({ state: 'error', id, errors: parsed.errors });
  const s = parsed.scenario;
  const planned = planKnee(s, steps === undefined ? {} : { steps });
  if (!planned.ok) return report({ state: 'error', id, errors: planned.errors });
  const plan = planned.plan;
  const info: KneePlanInfo = {
    name: plan.name,
    seed: plan.seed,
    offered: plan.offered,
    warmup: plan.warmup,
    duration: plan.duration,
    processing: s.servers?.processing ?? 0,
    nodes: s.nodes,
  };
  const done: KneeStep[] = [];
  const t0 = performance.now();
  report({ state: 'running', id, plan: info, steps: [] });
  const next = () => {
    if (!current()) return;
    try {
      done.push(runKneeStep(plan, done.length));
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return report({ state: 'error', id, errors: [`step ${done.length + 1} failed: ${why}`] });
    }
    if (done.length < plan.scenarios.length) {
      report({ state: 'running', id, plan: info, steps: [...done] });
      setTimeout(next, 0);
    } else {
      const summary = kneeSummary(done);
      report({
        state: 'done',
        id,
        plan: info,
        steps: done,
        summary,
        wallMs: performance.now() - t0,
      });
    }
  };
  setTimeout(next, 0);
}
