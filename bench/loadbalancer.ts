/**
 * The load balancer headless: simulated requests and events per second through a balancer,
 * the cost of a percentile query, and a small strategy comparison (p50/p99 of each strategy
 * on one load: 5 backends at 85 % with one of them at half speed). Prints figures; asserts
 * nothing.
 */
import { createSimulator } from '../src/engine/create';
import { createHistogram, percentile, record } from '../src/engine/load/histogram';
import { loadReport } from '../src/engine/load/report';
import { parseScenario } from '../src/engine/scenario';

function scenario(strategy: string, duration: number) {
  const parsed = parseScenario({
    protocol: 'loadbalancer',
    nodes: 5,
    seed: 7,
    duration,
    network: { latency: { min: 1, max: 2 } },
    loadbalancer: {
      strategy,
      service: { distribution: 'exponential', mean: 10 },
      speeds: { S3: 0.5 },
      timeout: 1000,
    },
    // 85 % of the 450/s the five backends serve (S3 at half speed).
    load: { model: 'open', rate: 380 },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

export function benchLoadBalancer(): Record<string, number> {
  const figures: Record<string, number> = {};
  const sim = createSimulator(scenario('p2c', 600_000));
  const t0 = performance.now();
  sim.run();
  const ms = performance.now() - t0;
  const requests = sim.state.load!.requests.length;
  figures.lbRequestsPerSecond = Math.round((requests / ms) * 1000);
  figures.lbEventsPerSecond = Math.round((sim.state.eventId / ms) * 1000);
  console.log(
    `loadbalancer: ${requests} requests, ${sim.state.eventId} events in ${ms.toFixed(0)} ms →` +
      ` ${figures.lbRequestsPerSecond.toLocaleString('en')} requests/s,` +
      ` ${figures.lbEventsPerSecond.toLocaleString('en')} events/s (p2c, 5 backends, 380/s)`,
  );

  const h = createHistogram();
  for (const r of sim.state.load!.requests) {
    if (r.completedAt !== null) record(h, r.completedAt - r.issuedAt);
  }
  const queries = 10_000;
  const q0 = performance.now();
  let sum = 0;
  for (let i = 0; i < queries; i++) sum += percentile(h, 99 + (i % 10) / 10);
  const perQuery = ((performance.now() - q0) / queries) * 1000;
  figures.lbPercentileQueryMicros = Math.round(perQuery * 100) / 100;
  console.log(
    `loadbalancer: a percentile query over ${h.count} samples (${h.counts.length} buckets)` +
      ` takes ${perQuery.toFixed(2)} µs (mean of p99…p99.9: ${(sum / queries).toFixed(1)} ms)`,
  );

  console.log('loadbalancer: strategies on one load (5 backends, S3 at half speed, 85 %, 60 s)');
  console.log('  strategy              p50 ms   p99 ms   errors %');
  for (const strategy of [
    'round-robin',
    'weighted-round-robin',
    'random',
    'least-connections',
    'p2c',
    'peak-ewma',
    'consistent-hash',
    'dns-round-robin',
  ]) {
    const run = createSimulator(scenario(strategy, 60_000)).run();
    const r = loadReport(run.state.load!.requests, run.state.time, []);
    console.log(
      `  ${strategy.padEnd(20)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(8)} ${String(r.errorPct).padStart(9)}`,
    );
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) benchLoadBalancer();
