/** Known behaviours of balancing strategies, health checks, retries and faults. */
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../create';
import { loadReport } from '../../load/report';
import type { RequestRecord } from '../../load/types';
import { balancerOf, byBackend, completed, lbRun, lbScenario, requestsOf } from './testkit';

const exponential = { distribution: 'exponential', mean: 10 };
const to = (rs: readonly RequestRecord[], id: string) => rs.filter((r) => r.backend === id);
const lastIssue = (rs: readonly RequestRecord[]) => Math.max(...rs.map((r) => r.issuedAt));
const p99 = (rs: readonly RequestRecord[], t: number) => loadReport(rs, t, []).p99!;

describe('balancing strategies', () => {
  it('P2C has a far lower p99 than random at 90 % load (5 backends, λ 450/s)', () => {
    const run = (strategy: string) => {
      const sim = lbRun({
        nodes: 5,
        duration: 120_000,
        loadbalancer: { strategy, service: exponential, timeout: null },
        load: { model: 'open', rate: 450 },
      });
      return p99(completed(sim, 5000), sim.state.time);
    };
    const random = run('random');
    const p2c = run('p2c');
    // Random: each backend an M/M/1 queue at ρ = 0.9, p99 = ln(100)/(μ − λ) ≈ 460 ms.
    expect(random).toBeGreaterThan(300);
    // Two choices among five: much better, if not the doubly exponential tail of N → ∞.
    expect(p2c).toBeLessThan(random / 2);
  });

  it('least-connections and peak-EWMA route around a server at a fifth of its speed', () => {
    const run = (strategy: string) => {
      const sim = lbRun({
        nodes: 3,
        duration: 60_000,
        loadbalancer: { strategy, service: exponential, speeds: { S2: 0.2 }, timeout: null },
        load: { model: 'open', rate: 150 },
      });
      // Shares of the attempts sent (S2's may never complete); p99 of the requests that did.
      const sent = balancerOf(sim).sent;
      const rs = completed(sim, 5000);
      return { share: sent[1]! / (sent[0]! + sent[1]! + sent[2]!), p99: p99(rs, sim.state.time) };
    };
    const rr = run('round-robin');
    // Round robin keeps giving S2 a third: 50/s where it serves 20/s, so its queue only grows.
    expect(rr.share).toBeGreaterThan(0.3);
    for (const strategy of ['least-connections', 'peak-ewma']) {
      const smart = run(strategy);
      expect(smart.share).toBeLessThan(0.15);
      expect(smart.p99).toBeLessThan(rr.p99 / 10);
    }
  });

  it('weighted round robin splits by weight, evenly interleaved', () => {
    const sim = lbRun({
      nodes: 3,
      duration: 20_000,
      loadbalancer: { strategy: 'weighted-round-robin', weights: { S1: 3, S3: 0 }, timeout: null },
      load: { model: 'open', rate: 100 },
    });
    const rs = requestsOf(sim);
    const shares = byBackend(rs);
    expect(shares.S3).toBeUndefined();
    expect(Math.abs(shares.S1! - 3 * shares.S2!)).toBeLessThanOrEqual(3);
    // Smooth WRR never sends more than 3 in a row to S1.
    const seq = rs.map((r) => r.backend).join('');
    expect(seq).not.toContain('S1S1S1S1');
  });

  it('consistent hashing keeps each key on one backend, and bounded loads spill a hot one', () => {
    // A loose bound (100 × the mean load) never spills: the ring alone decides.
    const light = lbRun({
      nodes: 3,
      duration: 60_000,
      loadbalancer: { strategy: 'consistent-hash', hashBalance: 100, timeout: null },
      load: { model: 'open', rate: 5, keys: 20 },
    });
    const homes = new Map<string, Set<string>>();
    for (const r of requestsOf(light)) {
      if (!homes.has(r.key)) homes.set(r.key, new Set());
      homes.get(r.key)!.add(r.backend!);
    }
    expect([...homes.values()].every((s) => s.size === 1)).toBe(true);
    expect(new Set([...homes.values()].map((s) => [...s][0])).size).toBe(3);
    // One hot key at high load: the default bound (1.25 × the mean) spills it over.
    const hot = lbRun({
      nodes: 3,
      duration: 20_000,
      loadbalancer: { strategy: 'consistent-hash', timeout: null },
      load: { model: 'open', rate: 200, keys: 1 },
    });
    expect(Object.keys(byBackend(requestsOf(hot)))).toHaveLength(3);
  });
});

describe('health, DNS, retries, faults', () => {
  const crashAt = 10_500;

  it('active health checks stop traffic to a crashed backend within threshold × interval', () => {
    const sim = lbRun({
      nodes: 3,
      duration: 30_000,
      loadbalancer: { healthCheck: { interval: 1000, threshold: 3 }, timeout: 200 },
      load: { model: 'open', rate: 100 },
      actions: [
        { at: crashAt, type: 'crash', node: 'S2' },
        { at: 20_000, type: 'restart', node: 'S2' },
      ],
    });
    const rs = requestsOf(sim);
    const during = to(rs, 'S2').filter((r) => r.issuedAt > crashAt && r.issuedAt < 20_000);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((r) => r.code === 504)).toBe(true);
    // Checks at 11 000, 12 000, …: the probe of 11 000 fails at 12 000, the third failure is
    // at 14 000, between crash + 3 × 1000 and crash + 4 × 1000.
    const last = lastIssue(during);
    expect(last).toBeGreaterThan(crashAt + 3000 - 100);
    expect(last).toBeLessThan(crashAt + 4000);
    // Back in rotation one check after the restart.
    const back = to(rs, 'S2').filter((r) => r.issuedAt >= 20_000);
    expect(Math.min(...back.map((r) => r.issuedAt))).toBeLessThan(21_100);
    expect(back.every((r) => r.ok)).toBe(true);
  });

  it('DNS round robin keeps sending to a crashed backend until the cached answers expire', () => {
    const run = (strategy: string) =>
      lbRun({
        nodes: 3,
        duration: 30_000,
        loadbalancer: {
          strategy,
          dnsTtl: 5000,
          healthCheck: { interval: 500, threshold: 2 },
          timeout: 200,
        },
        load: { model: 'closed', users: 30, thinkTime: 50 },
        actions: [{ at: crashAt, type: 'crash', node: 'S1' }],
      });
    const dns = to(requestsOf(run('dns-round-robin')), 'S1').filter((r) => r.issuedAt > crashAt);
    // Health checks take S1 out of the DNS answers by crash + 3 × 500 ms, but clients that
    // cached it keep using it until their answer, at most dnsTtl old, runs out.
    expect(lastIssue(dns)).toBeGreaterThan(crashAt + 2000);
    expect(lastIssue(dns)).toBeLessThanOrEqual(crashAt + 5000);
    expect(dns.every((r) => r.code === 504)).toBe(true);
    const proxy = to(requestsOf(run('round-robin')), 'S1').filter((r) => r.issuedAt > crashAt);
    expect(lastIssue(proxy)).toBeLessThan(crashAt + 1500);
  });

  it('retries move a timed-out request to another backend; a budget caps them', () => {
    const run = (retryBudget: number | null) =>
      lbRun({
        nodes: 2,
        duration: 20_000,
        // Constant 5 ms services at 40/s (ρ = 0.2 on S2 alone): no answer from S2 takes 50 ms.
        loadbalancer: {
          service: { distribution: 'constant', mean: 5 },
          timeout: 50,
          retries: 1,
          retryBudget,
        },
        load: { model: 'open', rate: 40 },
        actions: [{ at: 0, type: 'crash', node: 'S1' }],
      });
    const free = run(null);
    const rs = completed(free);
    expect(rs.every((r) => r.ok && r.backend === 'S2')).toBe(true);
    const retried = rs.filter((r) => r.attempts === 2);
    // Round robin's turn moves with retries too, so S1 gets more than every other first try.
    expect(retried.length / rs.length).toBeGreaterThan(0.3);
    expect(Math.min(...retried.map((r) => r.completedAt! - r.issuedAt))).toBeGreaterThan(50);
    const capped = run(0.1);
    const b = balancerOf(capped);
    const n = requestsOf(capped).length;
    expect(b.retriesSent).toBeLessThanOrEqual(0.1 * n + 10);
    expect(completed(capped).filter((r) => r.code === 504).length).toBeGreaterThan(0.35 * n);
  });

  it('passive outlier ejection takes a failing backend out for ejectionTime', () => {
    const sim = lbRun({
      nodes: 2,
      duration: 20_000,
      loadbalancer: { timeout: 50, outlier: { consecutiveErrors: 3, ejectionTime: 5000 } },
      load: { model: 'open', rate: 40 },
      actions: [{ at: 1000, type: 'crash', node: 'S1' }],
    });
    const s1 = to(requestsOf(sim), 'S1').filter((r) => r.issuedAt > 1000);
    const failures = s1.map((r) => r.issuedAt);
    // Three failures, then nothing for 5 s, three more, and so on.
    const gaps = failures.slice(1).map((t, i) => t - failures[i]!);
    expect(gaps.filter((g) => g > 4900).length).toBeGreaterThanOrEqual(2);
    expect(s1.length).toBeLessThan(20);
  });

  it('the speed action slows the services that start after it', () => {
    const sim = lbRun({
      duration: 10_000,
      loadbalancer: { service: { distribution: 'constant', mean: 10 }, timeout: null },
      load: { model: 'open', rate: 20 },
      actions: [{ at: 5000, type: 'speed', node: 'S1', factor: 0.5 }],
    });
    const service = (r: RequestRecord) => r.servedAt! - r.startedAt!;
    const rs = completed(sim);
    const before = rs.filter((r) => r.startedAt! < 5000);
    const after = rs.filter((r) => r.startedAt! > 5000);
    expect(before.length > 50 && after.length > 50).toBe(true);
    expect(before.every((r) => Math.abs(service(r) - 10) < 1e-6)).toBe(true);
    expect(after.every((r) => Math.abs(service(r) - 20) < 1e-6)).toBe(true);
  });

  it('a hand-sent request to a backend is served like any other', () => {
    const sim = lbRun({
      load: { model: 'open', rate: 0 },
      actions: [{ at: 100, type: 'request', node: 'S1', op: { type: 'get', key: 'x' } }],
    });
    expect(sim.state.clientOps).toMatchObject([{ ok: true, result: null }]);
  });
});

describe('determinism', () => {
  it('a keyframe copy of the state runs on exactly like the original', () => {
    const scenario = lbScenario({
      nodes: 3,
      duration: 30_000,
      loadbalancer: { strategy: 'p2c', healthCheck: {}, timeout: 100, retries: 1 },
      load: { model: 'closed', users: 20, thinkTime: 20 },
      actions: [{ at: 8000, type: 'crash', node: 'S3' }],
    });
    const a = createSimulator(scenario);
    a.runUntil(10_000);
    const b = createSimulator(scenario);
    b.state = structuredClone(a.state);
    a.runUntil(30_000);
    b.runUntil(30_000);
    expect(JSON.stringify(b.state.load)).toBe(JSON.stringify(a.state.load));
    expect(JSON.stringify(b.state.balancer)).toBe(JSON.stringify(a.state.balancer));
    // 20 users saturate 3, then 2 backends of 100/s each.
    expect(a.state.load!.requests.length).toBeGreaterThan(5000);
  });
});
