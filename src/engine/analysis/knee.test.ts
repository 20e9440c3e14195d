/**
 * The saturation knee (analysis/knee.ts) against theory: with the processing model on, the
 * leader is the bottleneck, so the store's capacity is 1000 / (p × m) operations a second,
 * p the processing time per message and m the messages the leader handles per operation —
 * counted here from the trace, independently of the ramp's own throughput figures.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../create';
import { parseScenario, parseScenarioText } from '../scenario';
import type { Scenario } from '../scenario';
import { findKnee, kneeRamp, planKnee, runKneeStep } from './knee';
import type { KneePlan, KneeStep } from './knee';

function shipped(name: string): Scenario {
  const parsed = parseScenarioText(readFileSync(`public/scenarios/${name}.json`, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

function scenario(json: Record<string, unknown>): Scenario {
  const parsed = parseScenario(json);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

/**
 * How hard the leader works at one step, read from the trace: the messages it handled in the
 * measured window (each `deliver` entry to it is one handling of `processing` ms) per
 * operation completed in that window, and the share of the window it was busy.
 */
function leaderLoad(plan: KneePlan, index: number) {
  const s = plan.scenarios[index]!;
  const sim = createSimulator(s, { trace: true }).run();
  expect(sim.state.leaders, 'one leader for the whole run').toHaveLength(1);
  const leader = sim.currentLeader()!;
  const handled = sim.state.trace.filter(
    (e) => e.kind === 'deliver' && e.to === leader && e.time >= plan.warmup,
  ).length;
  const ops = sim.state.clientOps.filter(
    (op) => op.ok && op.completedAt !== null && op.completedAt >= plan.warmup,
  ).length;
  const p = s.servers!.processing;
  const window = plan.duration - plan.warmup;
  return { perOp: handled / ops, busy: (handled * p) / window, p };
}

function planOf(s: Scenario, options = {}): KneePlan {
  const planned = planKnee(s, options);
  if (!planned.ok) throw new Error(planned.errors.join('\n'));
  return planned.plan;
}

describe('the shipped knee scenario (raft-saturation-knee), on its own seed', () => {
  const s = shipped('raft-saturation-knee');
  const ramp = kneeRamp(s);
  if (!ramp.ok) throw new Error(ramp.errors.join('\n'));
  const { plan, steps, summary } = ramp;
  const knee = summary.knee!;
  const kneeIndex = steps.findIndex((st) => st.offered === knee.offered);

  it('ramps from 100 to 1200 offered ops/s in 12 steps', () => {
    expect(steps.map((st) => st.offered)).toEqual([
      100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200,
    ]);
  });

  it('has its knee where the description says: 600 ops/s offered, ~550 done, p99 ~30 ms', () => {
    expect(s.description).toContain('knee at 600 ops/s offered');
    expect(knee.offered).toBe(600);
    expect(knee.throughput).toBeGreaterThan(520);
    expect(knee.throughput).toBeLessThan(580);
    expect(knee.p99).toBeGreaterThan(24);
    expect(knee.p99).toBeLessThan(36);
    expect(summary.baseP99!).toBeGreaterThan(14);
    expect(summary.baseP99!).toBeLessThan(22);
    // "stays near 650 ops/s while p99 climbs to about 90 ms"
    expect(summary.capacity).toBeGreaterThan(620);
    expect(summary.capacity).toBeLessThan(680);
    expect(steps.at(-1)!.p99!).toBeGreaterThan(75);
    expect(steps.at(-1)!.p99!).toBeLessThan(105);
  });

  it('below the knee, throughput tracks the offered load (within 15 %)', () => {
    for (const st of steps.slice(0, kneeIndex + 1)) {
      expect(st.throughput / st.offered, `step ${st.step}`).toBeGreaterThan(0.85);
      expect(st.throughput / st.offered, `step ${st.step}`).toBeLessThan(1.15);
    }
  });

  it('past the knee, throughput stops growing and latency grows steeply (queueing)', () => {
    const past = steps.slice(kneeIndex + 2);
    expect(past.length).toBeGreaterThan(3);
    for (const st of past) {
      expect(st.throughput / summary.capacity, `step ${st.step}`).toBeGreaterThan(0.93);
      expect(st.throughput / st.offered, `step ${st.step}`).toBeLessThan(0.82);
    }
    // Doubling the offered load past the knee triples the tail; the median more than that.
    expect(steps.at(-1)!.p99!).toBeGreaterThan(2.5 * knee.p99);
    expect(steps.at(-1)!.p50!).toBeGreaterThan(3 * steps[kneeIndex]!.p50!);
    // And it keeps climbing: each step's median above the one before (closed-loop queueing).
    const medians = steps.slice(kneeIndex).map((st) => st.p50!);
    for (let i = 1; i < medians.length; i++) expect(medians[i]!).toBeGreaterThan(medians[i - 1]!);
  });

  it('saturates at 1000 / (p × messages the leader handles per put), within 5 %', () => {
    const top = steps.length - 1;
    const load = leaderLoad(plan, top);
    // Batching: AppendEntries replies carry many entries each, so a saturated leader handles
    // between 1 (the request alone) and n = 3 (the request and a reply from each follower).
    expect(load.perOp).toBeGreaterThan(1);
    expect(load.perOp).toBeLessThan(s.nodes);
    expect(load.busy, 'the leader works flat out').toBeGreaterThan(0.97);
    const predicted = 1000 / (load.p * load.perOp);
    expect(Math.abs(steps[top]!.throughput - predicted) / predicted).toBeLessThan(0.05);
  });

  it('unloaded, the leader handles more per put (no batching) and is mostly idle', () => {
    const light = leaderLoad(plan, 0);
    const heavy = leaderLoad(plan, steps.length - 1);
    // Nearly one AppendEntries reply per put per follower (few puts share a round trip).
    expect(light.perOp).toBeGreaterThan(s.nodes - 0.5);
    expect(light.perOp).toBeGreaterThan(1.5 * heavy.perOp);
    expect(light.busy).toBeLessThan(0.5);
  });
});

describe('the knee of another leader-based store (multi-paxos)', () => {
  const s = scenario({
    protocol: 'multi-paxos',
    nodes: 3,
    seed: 3,
    duration: 6000,
    network: { latency: { min: 1, max: 3 } },
    servers: { processing: 1 },
    workload: { clients: 100, rate: 8, keys: 16, readRatio: 0, requestTimeout: 3000 },
  });
  const plan = planOf(s);
  const steps = plan.scenarios.map((_, i) => runKneeStep(plan, i));

  it('saturates where its leader is busy all the time, at 1000 / (p × m) within 5 %', () => {
    const knee = findKnee(steps);
    expect(knee).not.toBeNull();
    expect(knee!.offered).toBeLessThan(800);
    const top = steps.length - 1;
    const load = leaderLoad(plan, top);
    expect(load.busy).toBeGreaterThan(0.97);
    const predicted = 1000 / (load.p * load.perOp);
    expect(Math.abs(steps[top]!.throughput - predicted) / predicted).toBeLessThan(0.05);
  });

  it('without the processing model there is no knee: latency stays flat', () => {
    const flat = planOf({ ...s, servers: { processing: 0 } });
    const flatSteps = flat.scenarios.map((_, i) => runKneeStep(flat, i));
    expect(findKnee(flatSteps)!.offered).toBe(flatSteps.at(-1)!.offered);
    expect(flatSteps.at(-1)!.p99! / flatSteps[0]!.p99!).toBeLessThan(1.5);
  });
});

describe('the knee rule', () => {
  const step = (offered: number, throughput: number, p99: number | null): KneeStep => ({
    step: 0,
    offered,
    rate: offered / 10,
    throughput,
    p50: p99,
    p99,
    completed: 1,
    failed: 0,
  });

  it.each([
    ['keeps up all the way', [step(100, 99, 10), step(200, 198, 12)], 200],
    ['throughput falls behind', [step(100, 99, 10), step(200, 150, 12)], 100],
    ['the tail grows past 3× the lightest', [step(100, 99, 10), step(200, 199, 31)], 100],
    ['a noisy light step does not hide a later knee', [step(100, 85, 10), step(200, 198, 12)], 200],
    ['nothing completes at the lightest step', [step(100, 0, null), step(200, 198, 12)], null],
    ['never keeps up', [step(100, 50, 10), step(200, 60, 40)], null],
    [
      'a later step that keeps up again counts',
      [step(100, 99, 10), step(200, 150, 12), step(300, 290, 20)],
      300,
    ],
  ])('%s', (_, steps, offered) => {
    expect(findKnee(steps)?.offered ?? null).toBe(offered);
  });
});

describe('a ramp that cannot run says why', () => {
  const base = {
    protocol: 'raft',
    nodes: 3,
    seed: 1,
    duration: 2000,
    workload: { clients: 10, rate: 10 },
  };
  const errorsOf = (json: Record<string, unknown>, options = {}) => {
    const r = planKnee(scenario(json), options);
    return r.ok ? [] : r.errors;
  };

  it.each([
    [{ ...base, workload: { clients: 0 } }, {}, /workload\.clients.*none/],
    [base, { steps: 1 }, /knee steps must be a whole number from 2/],
    [base, { steps: 2.5 }, /knee steps/],
    [base, { maxOffered: 0 }, /above 0 ops\/s/],
    [base, { maxOffered: 20_000 }, /step \d+ .*\$\.workload\.rate/],
    [{ protocol: 'paxos', nodes: 3, seed: 1, duration: 1000 }, {}, /takes no client requests/],
    [{ protocol: 'loadbalancer', nodes: 2, seed: 1, duration: 1000 }, {}, /load generator/],
  ])('%j %j', (json, options, pattern) => {
    expect(errorsOf(json, options).join('\n')).toMatch(pattern);
  });
});
