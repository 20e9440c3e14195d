import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LbConfig } from '../engine/protocols/loadbalancer/types';
import { runScenario } from '../engine/run';
import { parseScenario, parseScenarioText, scenarioToJson } from '../engine/scenario';
import type { Scenario } from '../engine/scenario';
import {
  cappedDuration,
  compareStrategies,
  DISTRIBUTION_LEVELS,
  expectedRequests,
  planCompare,
  STRATEGIES,
} from './loadCompare';
import { defaultScenarioJson } from './defaultScenario';

const shippedText = (name: string) => readFileSync(`public/scenarios/${name}.json`, 'utf8');

/** A small load-balancer scenario: 3 backends at 150/s for `duration` ms. */
function small(duration = 20_000, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    protocol: 'loadbalancer',
    nodes: 3,
    seed: 4,
    duration,
    network: { latency: { min: 1, max: 2 } },
    loadbalancer: { strategy: 'round-robin', service: { distribution: 'exponential', mean: 10 } },
    load: { model: 'open', rate: 150 },
    actions: [{ at: 5000, type: 'crash', node: 'S2' }],
    ...extra,
  });
}

function parsed(text: string): Scenario {
  const p = parseScenarioText(text);
  if (!p.ok) throw new Error(p.errors.join('\n'));
  return p.scenario;
}

/** The scenario with another strategy and duration, as a person would write it. */
function variant(text: string, strategy: string, duration: number): Scenario {
  const s = parsed(text);
  const json = scenarioToJson(s);
  const p = parseScenario({
    ...json,
    duration,
    loadbalancer: { ...(s.protocolConfig as LbConfig), strategy },
  });
  if (!p.ok) throw new Error(p.errors.join('\n'));
  return p.scenario;
}

describe('load compare', () => {
  it('gives each strategy the report runScenario gives the same scenario with that strategy', () => {
    const text = small();
    const out = compareStrategies(text, ['random', 'p2c', 'least-connections']);
    if (!out.ok) throw new Error(out.errors.join('\n'));
    expect(out.plan.duration).toBe(20_000);
    expect(out.results.map((r) => r.strategy)).toEqual(['random', 'p2c', 'least-connections']);
    for (const r of out.results) {
      expect(r.report).toEqual(runScenario(variant(text, r.strategy, 20_000)).report);
    }
    // Different strategies route differently: the reports are not all the same.
    expect(out.results[0]!.report.mean).not.toBe(out.results[1]!.report.mean);
  });

  it('reads the distribution from the same samples as the report', () => {
    const out = compareStrategies(small(), ['p2c']);
    if (!out.ok) throw new Error(out.errors.join('\n'));
    const { report, distribution } = out.results[0]!;
    expect(distribution).toHaveLength(DISTRIBUTION_LEVELS.length);
    // Non-decreasing, from the minimum up.
    for (let i = 1; i < distribution.length; i++) {
      expect(distribution[i]!).toBeGreaterThanOrEqual(distribution[i - 1]!);
    }
    expect(distribution[0]).toBeCloseTo(report.min!, 3);
    const at = (p: number) => distribution[DISTRIBUTION_LEVELS.findIndex((l) => l >= p - 1e-9)]!;
    expect(at(99.9)).toBeCloseTo(report.p999!, 2);
  });

  it('spaces the levels evenly in nines, from 0 % to 99.9 %', () => {
    expect(DISTRIBUTION_LEVELS[0]).toBe(0);
    expect(DISTRIBUTION_LEVELS.at(-1)).toBe(99.9);
    const nines = DISTRIBUTION_LEVELS.map((p) => -Math.log10(1 - p / 100));
    for (let i = 1; i < nines.length; i++) expect(nines[i]! - nines[i - 1]!).toBeCloseTo(3 / 99, 6);
  });

  it('cuts a run that would take too long, deterministically, and says so in the plan', () => {
    // lb-p2c-vs-random: 450/s for 120 s, 54 000 requests a run.
    const text = shippedText('lb-p2c-vs-random');
    const s = parsed(text);
    expect(expectedRequests(s, s.duration)).toBeCloseTo(54_000, -1);
    const three = planCompare(text, ['random', 'p2c', 'round-robin']);
    if (!three.ok) throw new Error(three.errors.join('\n'));
    expect(three.plan.duration).toBe(120_000);
    const eight = planCompare(text, STRATEGIES);
    if (!eight.ok) throw new Error(eight.errors.join('\n'));
    // 240 000 / 8 = 30 000 requests at 450/s: 66 s, in whole seconds.
    expect(eight.plan.duration).toBe(66_000);
    expect(eight.plan.fullDuration).toBe(120_000);
    expect(eight.plan.expectedRequests).toBeLessThanOrEqual(30_000);
    expect(eight.scenarios.every((x) => x.duration === 66_000)).toBe(true);
  });

  it('counts retries against the budget and caps a closed load by its users', () => {
    const storm = parsed(shippedText('lb-retry-storm'));
    // 180/s × (1 + 3 retries): 10 000 attempts fit in under 14 s.
    expect(cappedDuration(storm, 10_000)).toBe(13_000);
    const dns = parsed(shippedText('lb-dns-ttl-crash'));
    // 30 users, each cycle ≥ 100 ms think + 2 ms round trip + 10 ms service.
    expect(expectedRequests(dns, 1000)).toBeCloseTo(30_000 / 112, 6);
  });

  it('compares the lab playground within the budget', () => {
    const text = JSON.stringify(defaultScenarioJson(5, 1, 'loadbalancer'));
    const p = planCompare(text, ['round-robin', 'random', 'p2c']);
    if (!p.ok) throw new Error(p.errors.join('\n'));
    expect(p.plan.expectedRequests * 3).toBeLessThanOrEqual(240_000);
    expect(p.plan.duration).toBeLessThan(p.plan.fullDuration);
  });

  it('names what is wrong in plain words', () => {
    const none = planCompare(small(), []);
    expect(none).toEqual({ ok: false, errors: ['choose at least one strategy to compare'] });
    const bad = planCompare(small(), ['p2c', 'fastest']);
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors[0]).toMatch(/^unknown strategy "fastest" \(expected round-robin,/);
    const raft = planCompare(JSON.stringify(defaultScenarioJson(3, 1, 'raft')), ['p2c']);
    expect(raft).toEqual({
      ok: false,
      errors: ['compare mode needs a load-balancer scenario; this one runs raft'],
    });
    const weights = small(20_000, {
      loadbalancer: { weights: { S1: 0, S2: 0, S3: 0 } },
    });
    const w = planCompare(weights, ['random', 'weighted-round-robin']);
    expect(w.ok).toBe(false);
    if (!w.ok) expect(w.errors[0]).toMatch(/^weighted-round-robin: \$\.loadbalancer\.weights:/);
    expect(planCompare('{', ['p2c']).ok).toBe(false);
  });

  it('gives the same results twice (a compare is a seeded run)', () => {
    const a = compareStrategies(small(8000), ['random', 'peak-ewma']);
    const b = compareStrategies(small(8000), ['random', 'peak-ewma']);
    expect(a).toEqual(b);
  });
});
