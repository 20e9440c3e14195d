/**
 * The saturation knee of a replicated store (issue 12): one scenario run at a ramp of offered
 * loads, each step reduced to offered and completed operations per second and latency
 * percentiles, and the knee found among the steps. Protocol-neutral: it drives the
 * scenario's own workload clients, so it works for any protocol whose clients send requests
 * to its servers (through a leader, `redirect`, or to any node, `any-node`).
 *
 * The load: the workload's `clients` closed-loop clients, each waiting an exponential think
 * time of mean 1 / rate between one answer and its next request. While latency is small
 * against the think time, each client is a Poisson source and the cluster is offered
 * clients × rate operations a second (the open model); the ramp scales the per-client rate.
 * Past saturation a client waits for its answer, so at most `clients` operations are queued:
 * throughput stays at the capacity and latency climbs towards clients / capacity.
 *
 * Latency needs a knee to bend: with servers that handle messages in zero time throughput
 * grows with the offered load at flat latency. Give the scenario the processing model
 * (`servers.processing`, sim/processing.ts) and the busiest server — a leader — saturates.
 *
 * Measurement: operations that complete ok after the warm-up (a leader elected, queues
 * filled), until the run's end; throughput is their count over that span.
 */
import { createHistogram, percentile, record } from '../load/histogram';
import { protocolModule } from '../protocols/registry';
import { parseScenario, scenarioToJson } from '../scenario';
import type { Scenario } from '../scenario';
import { createSimulator } from '../create';

export interface KneeOptions {
  /** Steps of the ramp (default 12). */
  steps?: number;
  /** The offered load (ops/s) of the last step; default: the scenario's clients × rate. */
  maxOffered?: number;
}

/** The knee rule's thresholds (see findKnee). */
export const KNEE_THROUGHPUT_FRACTION = 0.9;
export const KNEE_P99_FACTOR = 3;
export const DEFAULT_KNEE_STEPS = 12;
export const MAX_KNEE_STEPS = 40;

export interface KneeStep {
  step: number;
  /** Operations per second offered: clients × per-client rate. */
  offered: number;
  /** Each client's request rate at this step (per second). */
  rate: number;
  /** Operations completed ok per second over the measured span. */
  throughput: number;
  /** Latency of those operations (ms); null when none completed. */
  p50: number | null;
  p99: number | null;
  completed: number;
  /** Operations that failed or timed out in the measured span. */
  failed: number;
}

export interface KneePoint {
  offered: number;
  throughput: number;
  p99: number;
}

export interface KneePlan {
  name: string;
  seed: number;
  protocol: string;
  /** The measured window: from `warmup` ms to the run's end. */
  warmup: number;
  duration: number;
  /** One scenario per step, lightest first. */
  scenarios: Scenario[];
  offered: number[];
}

export type KneePlanResult = { ok: true; plan: KneePlan } | { ok: false; errors: string[] };

/** Rounds to 3 decimals (µs for latencies) so printed figures stay short. */
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** The ramp for a scenario: one scenario per step. Never throws; errors say what is wrong. */
export function planKnee(base: Scenario, options: KneeOptions = {}): KneePlanResult {
  const steps = options.steps ?? DEFAULT_KNEE_STEPS;
  const m = protocolModule(base.protocol);
  if (m.routing !== 'redirect' && m.routing !== 'any-node') {
    const why =
      m.routing === 'balancer'
        ? 'its load comes from the balancer’s load generator (use compare mode)'
        : 'it takes no client requests';
    return { ok: false, errors: [`the knee needs a store with clients; ${m.title}: ${why}`] };
  }
  if (!Number.isInteger(steps) || steps < 2 || steps > MAX_KNEE_STEPS) {
    return {
      ok: false,
      errors: [`knee steps must be a whole number from 2 to ${MAX_KNEE_STEPS}, got ${steps}`],
    };
  }
  const w = base.workload;
  if (w.clients === 0) {
    return {
      ok: false,
      errors: ['$.workload.clients: the knee ramp drives the workload clients, and there are none'],
    };
  }
  const top = options.maxOffered ?? w.clients * w.rate;
  if (!Number.isFinite(top) || top <= 0) {
    return {
      ok: false,
      errors: [`the ramp's top offered load must be above 0 ops/s, got ${top}`],
    };
  }
  const warmup = Math.max(w.start, Math.round(base.duration * 0.2));
  const scenarios: Scenario[] = [];
  const offered: number[] = [];
  const errors: string[] = [];
  for (let i = 1; i <= steps; i++) {
    const load = r3((top * i) / steps);
    const rate = r3(load / w.clients);
    const json = scenarioToJson(base);
    // Through the parser again: the rate's bounds and the work limit apply to every step.
    const one = parseScenario({ ...json, workload: { ...w, rate, enabled: true } });
    if (one.ok) scenarios.push(one.scenario);
    else errors.push(...one.errors.map((e) => `step ${i} (${load} ops/s): ${e}`));
    offered.push(r3(w.clients * rate));
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    plan: {
      name: base.name,
      seed: base.seed,
      protocol: base.protocol,
      warmup,
      duration: base.duration,
      scenarios,
      offered,
    },
  };
}

/** One step of the ramp: run it headless and measure the window after the warm-up. */
export function runKneeStep(plan: KneePlan, index: number): KneeStep {
  const s = plan.scenarios[index]!;
  const sim = createSimulator(s).run();
  const h = createHistogram();
  let failed = 0;
  for (const op of sim.state.clientOps) {
    if (op.completedAt === null || op.completedAt < plan.warmup) continue;
    if (op.ok) record(h, op.completedAt - op.invokedAt);
    else failed++;
  }
  const seconds = (plan.duration - plan.warmup) / 1000;
  return {
    step: index + 1,
    offered: plan.offered[index]!,
    rate: s.workload.rate,
    throughput: Math.round((h.count / seconds) * 10) / 10,
    p50: h.count === 0 ? null : r3(percentile(h, 50)),
    p99: h.count === 0 ? null : r3(percentile(h, 99)),
    completed: h.count,
    failed,
  };
}

/**
 * The knee: the highest offered load that the store still keeps up with — throughput at least
 * KNEE_THROUGHPUT_FRACTION (90 %) of the offered load and p99 at most KNEE_P99_FACTOR (3) ×
 * the p99 of the lightest step (the unloaded p99). Past it the store either cannot carry what
 * it is offered or makes clients queue for it. The highest such step, not the last of an
 * unbroken run from the bottom: a light step's few operations are noisy (Poisson), while a
 * saturated step can never pass the throughput test. Null when no step keeps up, or nothing
 * completed at the lightest step.
 */
export function findKnee(steps: readonly KneeStep[]): KneePoint | null {
  const base = steps[0]?.p99;
  if (base === null || base === undefined) return null;
  let knee: KneeStep | null = null;
  for (const s of steps) {
    const keepsUp =
      s.p99 !== null &&
      s.throughput >= KNEE_THROUGHPUT_FRACTION * s.offered &&
      s.p99 <= KNEE_P99_FACTOR * base;
    if (keepsUp && (knee === null || s.offered > knee.offered)) knee = s;
  }
  return knee && { offered: knee.offered, throughput: knee.throughput, p99: knee.p99! };
}

export interface KneeSummary {
  knee: KneePoint | null;
  /** The highest throughput any step reached (ops/s): the store's capacity, about. */
  capacity: number;
  /** p99 of the lightest step (ms): what "unloaded" means for the knee rule. */
  baseP99: number | null;
}

export function kneeSummary(steps: readonly KneeStep[]): KneeSummary {
  return {
    knee: findKnee(steps),
    capacity: steps.reduce((m, s) => Math.max(m, s.throughput), 0),
    baseP99: steps[0]?.p99 ?? null,
  };
}

/** The whole ramp at once (the CLI, tests); the worker runs it one step per task. */
export function kneeRamp(
  base: Scenario,
  options: KneeOptions = {},
):
  | { ok: true; plan: KneePlan; steps: KneeStep[]; summary: KneeSummary }
  | {
      ok: false;
      errors: string[];
    } {
  const planned = planKnee(base, options);
  if (!planned.ok) return planned;
  const steps = planned.plan.scenarios.map((_, i) => runKneeStep(planned.plan, i));
  return { ok: true, plan: planned.plan, steps, summary: kneeSummary(steps) };
}
