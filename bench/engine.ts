/**
 * Engine throughput: simulated events per second for a 5-node run under a busy workload,
 * with and without trace recording. Prints figures; asserts nothing.
 */
import { createSimulator } from '../src/engine/create';
import { parseScenario } from '../src/engine/scenario';

function busyScenario(seed: number) {
  const parsed = parseScenario({
    protocol: 'raft',
    nodes: 5,
    seed,
    duration: 60_000,
    network: { latency: { min: 10, max: 15 }, loss: 0.01 },
    workload: { clients: 10, rate: 50, keys: 16, readRatio: 0.5 },
    actions: [
      { at: 20_000, type: 'crash', node: 'leader' },
      { at: 30_000, type: 'restart', node: 'S1' },
      { at: 30_000, type: 'restart', node: 'S2' },
      { at: 30_000, type: 'restart', node: 'S3' },
      { at: 30_000, type: 'restart', node: 'S4' },
      { at: 30_000, type: 'restart', node: 'S5' },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

export function benchEngine(): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const trace of [false, true]) {
    let events = 0;
    let ms = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const sim = createSimulator(busyScenario(seed), { trace });
      const t0 = performance.now();
      sim.run();
      ms += performance.now() - t0;
      events += sim.state.eventId;
    }
    const perSecond = Math.round((events / ms) * 1000);
    figures[trace ? 'eventsPerSecondTraced' : 'eventsPerSecond'] = perSecond;
    console.log(
      `engine: ${events} events in ${ms.toFixed(0)} ms → ${perSecond.toLocaleString('en')} events/s` +
        ` (5 nodes, 10 clients × 50 ops/s, ${trace ? 'trace on' : 'trace off'})`,
    );
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) benchEngine();
