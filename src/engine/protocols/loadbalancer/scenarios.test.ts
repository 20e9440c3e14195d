/** The load-balancer scenarios the lab ships: each description's claims, on the file's own seed. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../create';
import { loadReport } from '../../load/report';
import type { RequestRecord } from '../../load/types';
import { parseScenarioText } from '../../scenario';
import type { Scenario } from '../../scenario';
import type { LbConfig } from './types';
import { balancerOf, requestsOf } from './testkit';

function shipped(name: string): Scenario {
  const parsed = parseScenarioText(readFileSync(`public/scenarios/${name}.json`, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

/** The same scenario with some balancer settings changed. */
function variant(s: Scenario, change: Partial<LbConfig>): Scenario {
  return { ...s, protocolConfig: { ...(s.protocolConfig as LbConfig), ...change } };
}

const run = (s: Scenario) => createSimulator(s).run();
const window = (rs: readonly RequestRecord[], from: number, until: number) =>
  rs.filter((r) => r.issuedAt >= from && r.issuedAt < until && r.completedAt !== null);
const errorShare = (rs: readonly RequestRecord[]) => rs.filter((r) => !r.ok).length / rs.length;

describe('shipped load-balancer scenarios', () => {
  it('lb-slow-server: least-connections sends the slow S2 under 15 %, round robin times out', () => {
    const s = shipped('lb-slow-server');
    const sim = run(s);
    const slow = window(requestsOf(sim), 15_000, 40_000);
    expect(slow.filter((r) => r.backend === 'S2').length / slow.length).toBeLessThan(0.15);
    const report = loadReport(requestsOf(sim), sim.state.time, []);
    expect(report.errorPct).toBe(0);
    expect(report.p99!).toBeLessThan(250);
    const rr = run(variant(s, { strategy: 'round-robin' }));
    const rrSlow = window(requestsOf(rr), 15_000, 40_000);
    expect(balancerOf(rr).sent[1]! / requestsOf(rr).length).toBeGreaterThan(0.32);
    expect(rrSlow.some((r) => r.code === 504 && r.backend === 'S2')).toBe(true);
    expect(loadReport(requestsOf(rr), rr.state.time, []).p99).toBe(1000);
  });

  it('lb-dns-ttl-crash: requests go to the dead S1 past the checks, until the TTL; a proxy stops in 4 s', () => {
    const s = shipped('lb-dns-ttl-crash');
    const crash = 20_000;
    const failed = (sim: ReturnType<typeof run>) =>
      requestsOf(sim).filter((r) => r.backend === 'S1' && r.code === 504 && r.issuedAt > crash);
    const dns = failed(run(s));
    const last = Math.max(...dns.map((r) => r.issuedAt));
    // Past the health checks' 4 s; within those 4 s plus the TTL's 10 s.
    expect(last).toBeGreaterThan(crash + 5000);
    expect(last).toBeLessThan(crash + 14_000);
    const proxy = failed(run(variant(s, { strategy: 'round-robin' })));
    expect(proxy.length).toBeGreaterThan(0);
    expect(Math.max(...proxy.map((r) => r.issuedAt))).toBeLessThan(crash + 4000);
    // Handed out again after the restart at 45 s.
    const back = requestsOf(run(s)).filter((r) => r.backend === 'S1' && r.issuedAt > 47_000);
    expect(back.length).toBeGreaterThan(100);
    expect(back.every((r) => r.ok)).toBe(true);
  });

  it('lb-p2c-vs-random: p2c has less than half the p99 of random, which is near 460 ms', () => {
    const s = shipped('lb-p2c-vs-random');
    const p99 = (x: Scenario) => {
      const sim = run(x);
      return loadReport(requestsOf(sim), sim.state.time, []).p99!;
    };
    const random = p99(variant(s, { strategy: 'random' }));
    expect(p99(s)).toBeLessThan(random / 2);
    // M/M/1 at ρ = 0.9: ln(100)/(10/s) ≈ 460 ms plus the hops; one 2-minute run of a queue at
    // 0.9 moves its p99 by tens of percent, so only its order of magnitude is claimed.
    expect(random).toBeGreaterThan(300);
    expect(random).toBeLessThan(700);
  });

  it('lb-retry-storm: most requests fail long after the stall; a retry budget recovers', () => {
    const s = shipped('lb-retry-storm');
    const storm = requestsOf(run(s));
    expect(errorShare(window(storm, 0, 10_000))).toBeLessThan(0.1);
    expect(errorShare(window(storm, 30_000, 59_000))).toBeGreaterThan(0.5);
    const budget = requestsOf(run(variant(s, { retryBudget: 0.1 })));
    expect(errorShare(window(budget, 20_000, 59_000))).toBeLessThan(0.1);
  });
});
