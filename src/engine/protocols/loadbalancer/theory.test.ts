/**
 * The balancer and its backends against queueing theory: seeded runs long enough that the
 * sampling error is a small fraction of each tolerance, and formulas taken from the
 * literature, never from this code's own output.
 *
 * Tolerances. For an M/M/1 queue at load ρ the time-average number in system over T seconds
 * has relative standard error about sqrt(2ρ(1+ρ) / ((1−ρ)^4 · μT)) / (ρ/(1−ρ)) (Whitt,
 * "Planning queueing simulations", Management Science 1989); by Little's law the mean response
 * time has the same. Each tolerance below is at least 4 of those standard errors (rounded up),
 * so a correct simulator fails one of these on fewer than 1 seed in 10 000, while an error
 * such as a wrong distribution, a lost request or a misread clock moves a figure by far more.
 * Percentiles are read through the report's histogram (within 0.4 % of the exact quantile).
 */
import { describe, expect, it } from 'vitest';
import { HISTOGRAM_RELATIVE_ERROR } from '../../load/histogram';
import { loadReport } from '../../load/report';
import {
  average,
  byBackend,
  completed,
  HOP,
  lbRun,
  quantile,
  requestsOf,
  sojourns,
  waits,
} from './testkit';

/** Relative difference. */
const rel = (x: number, y: number) => Math.abs(x - y) / y;

/** Whitt's relative standard error of the mean number in an M/M/1 system (see above). */
function mm1RelativeError(rho: number, mu: number, seconds: number): number {
  const variance = (2 * rho * (1 + rho)) / (1 - rho) ** 4;
  return Math.sqrt(variance / (mu * seconds)) / (rho / (1 - rho));
}

/** Erlang's C formula: the probability that an arrival waits in M/M/c with offered load a. */
function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = ((term * a) / c) * (1 / (1 - a / c));
  return last / (sum + last);
}

const open = (rate: number) => ({ model: 'open', rate });
const exponential = { distribution: 'exponential', mean: 10 };

describe('against queueing theory', () => {
  it('M/M/1 (λ 50/s, mean service 10 ms): mean time in system 1/(μ−λ) = 20 ms, exponential', () => {
    const seconds = 1800;
    const sim = lbRun({
      duration: seconds * 1000,
      loadbalancer: { service: exponential, timeout: null },
      load: open(50),
    });
    const served = completed(sim, 1000);
    const t = sojourns(served);
    const se = mm1RelativeError(0.5, 100, seconds);
    expect(se).toBeLessThan(0.0125);
    // 5 % ≥ 4 standard errors of 1.2 %.
    expect(rel(average(t), 20)).toBeLessThan(0.05);
    // The sojourn time of M/M/1 FCFS is exponential with rate μ − λ = 50/s: its p-quantile
    // is −ln(1 − p)/50 s. Quantile estimates vary more than the mean: 8 %.
    for (const p of [0.5, 0.9, 0.95, 0.99]) {
      expect(rel(quantile(t, p), (-Math.log(1 - p) / 50) * 1000)).toBeLessThan(0.08);
    }
    // The report's percentiles: the client sees the sojourn plus two hops.
    const report = loadReport(served, sim.state.time, []);
    expect(rel(report.mean!, 20 + 2 * HOP)).toBeLessThan(0.05);
    for (const [key, p] of [
      ['p50', 0.5],
      ['p90', 0.9],
      ['p99', 0.99],
    ] as const) {
      const exact = quantile(
        served.map((r) => r.completedAt! - r.issuedAt),
        p,
      );
      // The histogram itself: within its stated error of the exact sample quantile.
      expect(rel(report[key]!, exact)).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR + 1e-4);
      expect(rel(report[key]!, (-Math.log(1 - p) / 50) * 1000 + 2 * HOP)).toBeLessThan(0.08);
    }
    expect(report.errorPct).toBe(0);
    // Utilisation is ρ = λ/μ = 0.5.
    const util = loadReport(requestsOf(sim), sim.state.time, [
      ...(
        sim.module.runSummary!([sim.read(0)], { time: sim.state.time, requests: [] }) as {
          report: { backends: never[] };
        }
      ).report.backends,
    ]).backends[0]!.utilisation;
    expect(Math.abs(util - 0.5)).toBeLessThan(0.02);
  });

  it('M/M/2 (λ 120/s, two workers of 100/s): mean time in system by Erlang C', () => {
    const seconds = 1200;
    const sim = lbRun({
      duration: seconds * 1000,
      loadbalancer: { workers: 2, service: exponential, timeout: null },
      load: open(120),
    });
    const served = completed(sim, 1000);
    const c = erlangC(2, 1.2); // 0.45
    const expected = (c / (200 - 120)) * 1000 + 10; // 15.625 ms
    // An M/M/2 queue relaxes faster than an M/M/1 at the same load; 5 % is more than 4
    // standard errors of the M/M/1 bound at ρ = 0.6 over this run (1.1 %).
    expect(mm1RelativeError(0.6, 200, seconds)).toBeLessThan(0.0125);
    expect(rel(average(sojourns(served)), expected)).toBeLessThan(0.05);
    // The share of requests that wait is C(2, 1.2) itself (PASTA): binomial error 0.2 %.
    const waited = waits(served).filter((w) => w > 0).length / served.length;
    expect(Math.abs(waited - c)).toBeLessThan(0.02);
  });

  it('M/D/1 (constant 10 ms, λ 50/s): mean wait by Pollaczek–Khinchine, ρS/(2(1−ρ)) = 5 ms', () => {
    const seconds = 1800;
    const sim = lbRun({
      duration: seconds * 1000,
      loadbalancer: { service: { distribution: 'constant', mean: 10 }, timeout: null },
      load: open(50),
    });
    const served = completed(sim, 1000);
    // Deterministic service halves the M/M/1 variability: 6 % is well over 4 standard errors.
    const w = waits(served);
    expect(rel(average(w), 5)).toBeLessThan(0.06);
    const t = sojourns(served);
    expect(t.every((s, i) => Math.abs(s - w[i]! - 10) < 1e-6)).toBe(true);
  });

  it('M/M/1/K with K = 3 (a queue of 2 places): rejects (1−ρ)ρ^K/(1−ρ^(K+1)) of arrivals', () => {
    const sim = lbRun({
      duration: 600_000,
      loadbalancer: { queue: 2, service: exponential, timeout: null },
      load: open(80),
    });
    const all = completed(sim, 1000);
    const rho = 0.8;
    const blocking = ((1 - rho) * rho ** 3) / (1 - rho ** 4); // 0.1734
    const rejected = all.filter((r) => r.code === 503);
    // 48 000 arrivals: the binomial standard error is 0.17 %; 1 % allows for correlation.
    expect(Math.abs(rejected.length / all.length - blocking)).toBeLessThan(0.01);
    expect(rejected.every((r) => r.message === 'queue full' && r.startedAt === null)).toBe(true);
    const report = loadReport(all, sim.state.time, []);
    expect(Math.abs(report.errorPct - 100 * blocking)).toBeLessThan(1);
  });

  it('closed (10 users thinking 100 ms, service 10 ms): exact MVA, and R = N/X − Z', () => {
    const users = 10;
    const think = 100;
    const seconds = 600;
    const sim = lbRun({
      duration: seconds * 1000,
      loadbalancer: { service: exponential, timeout: null },
      load: { model: 'closed', users, thinkTime: think },
    });
    // Mean value analysis (Reiser and Lavenberg 1980), exact for one FCFS exponential server
    // and a delay station: the think time plus the two constant hops.
    const delay = think + 2 * HOP;
    let q = 0;
    let r = 0;
    let x = 0;
    for (let n = 1; n <= users; n++) {
      r = 10 * (1 + q);
      x = n / (r + delay);
      q = x * r;
    }
    const served = completed(sim, 5000);
    const measuredX = served.length / (seconds - 5);
    const response = average(served.map((s) => s.completedAt! - s.issuedAt));
    // Throughput is a count over ~50 000 cycles: 3 %; the response time 6 %.
    expect(rel(measuredX, x * 1000)).toBeLessThan(0.03);
    expect(rel(response - 2 * HOP, r)).toBeLessThan(0.06);
    // The interactive response time law (an operational law: holds for any system).
    expect(rel(response, users / (measuredX / 1000) - think)).toBeLessThan(0.05);
  });

  it('random over 3 equal backends: Poisson splitting gives 3 independent M/M/1 queues', () => {
    const sim = lbRun({
      nodes: 3,
      duration: 1_200_000,
      loadbalancer: { strategy: 'random', service: exponential, timeout: null },
      load: open(150),
    });
    const served = completed(sim, 1000);
    const shares = byBackend(served);
    for (const id of ['S1', 'S2', 'S3']) {
      const mine = served.filter((r) => r.backend === id);
      // Each backend is an M/M/1 queue at λ = 50/s (1.4 % standard error over 1200 s).
      expect(rel(average(sojourns(mine)), 20)).toBeLessThan(0.06);
      // A share of 180 000 requests: binomial standard error 0.11 %.
      expect(Math.abs(shares[id]! / served.length - 1 / 3)).toBeLessThan(0.006);
    }
  });

  it('round-robin over 3 equal backends: exact thirds, each an E3/M/1 queue', () => {
    const sim = lbRun({
      nodes: 3,
      duration: 1_200_000,
      loadbalancer: { strategy: 'round-robin', service: exponential, timeout: null },
      load: open(150),
    });
    const served = completed(sim, 1000);
    const shares = Object.values(byBackend(requestsOf(sim)));
    expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
    // Every third Poisson arrival: Erlang-3 interarrivals of mean 20 ms. GI/M/1 theory: the
    // sojourn is exponential with rate μ(1 − σ), σ the root in (0, 1) of σ = A*(μ(1 − σ)),
    // A*(s) = (3λ/(3λ + s))³ the interarrivals' Laplace transform (Kleinrock, vol. 1, §6.4).
    const lambda = 0.05;
    const mu = 0.1;
    let sigma = 0.5;
    for (let k = 0; k < 200; k++) sigma = ((3 * lambda) / (3 * lambda + mu * (1 - sigma))) ** 3;
    const expected = 1 / (mu * (1 - sigma)); // ≈ 13.9 ms, below M/M/1's 20 ms
    expect(expected).toBeLessThan(15);
    for (const id of ['S1', 'S2', 'S3']) {
      const mine = served.filter((r) => r.backend === id);
      expect(rel(average(sojourns(mine)), expected)).toBeLessThan(0.05);
    }
  });
});
