/**
 * `npm run sim -- --knee [--knee-steps N] scenario.json`: the saturation ramp of
 * analysis/knee.ts, headless. One JSON line per step as it ends (`step, offered, rate,
 * throughput, p50, p99, completed, failed`), then a summary line
 * `{ "knee": { "offered", "throughput", "p99" } | null, "capacity", "baseP99", "rule" }`.
 * Exit codes: 0 the ramp ran; 2 the ramp could not be planned (its problems on stderr).
 */
import {
  findKnee,
  KNEE_P99_FACTOR,
  KNEE_THROUGHPUT_FRACTION,
  kneeSummary,
  planKnee,
  runKneeStep,
} from '../engine/analysis/knee';
import type { KneeStep } from '../engine/analysis/knee';
import type { Scenario } from '../engine/scenario';

/** The knee rule in words, printed with the summary so a reader knows what "knee" meant. */
export const KNEE_RULE =
  `the highest step with throughput ≥ ${KNEE_THROUGHPUT_FRACTION * 100} % of offered` +
  ` and p99 ≤ ${KNEE_P99_FACTOR} × the lightest step's p99`;

export interface KneeOut {
  line(text: string): Promise<void>;
  problem(text: string): void;
}

export async function runKneeCli(
  base: Scenario,
  steps: number | null,
  out: KneeOut,
): Promise<number> {
  const planned = planKnee(base, steps === null ? {} : { steps });
  if (!planned.ok) {
    out.problem('error: the knee ramp cannot run:');
    for (const e of planned.errors) out.problem(`  ${e}`);
    return 2;
  }
  const done: KneeStep[] = [];
  for (let i = 0; i < planned.plan.scenarios.length; i++) {
    const step = runKneeStep(planned.plan, i);
    done.push(step);
    await out.line(JSON.stringify(step));
  }
  const summary = kneeSummary(done);
  // The knee first: it is what the line is for.
  await out.line(
    JSON.stringify({
      knee: findKnee(done),
      capacity: summary.capacity,
      baseP99: summary.baseP99,
      rule: KNEE_RULE,
    }),
  );
  return 0;
}
