/**
 * Paxos and Multi-Paxos figures for `npm run bench`, beside Raft's: how long single-decree
 * Paxos takes to choose when every node proposes at once, and simulated events per second with
 * and without the invariant checkers. Prints; asserts nothing. Run alone with
 * `npx tsx bench/paxos.ts`.
 */
import { multiPaxosModule } from '../src/engine/protocols/paxos/multi/multiPaxos';
import { paxosScenario } from '../src/engine/protocols/paxos/simkit';
import { paxosModule } from '../src/engine/protocols/paxos/single/paxos';
import type { PaxosState } from '../src/engine/protocols/paxos/single/types';
import type { Scenario } from '../src/engine/scenario';
import { Simulator } from '../src/engine/simulator';
import type { AnyProtocolModule } from '../src/engine/protocol';

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** When every node of a 5-node cluster, all proposing from 0 ms, has learned the value. */
function timesToLearn(seeds: number): number[] {
  const times: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const sim = new Simulator<PaxosState>(
      paxosScenario('paxos', { seed, duration: 5000 }),
      paxosModule,
    );
    const all = () => sim.state.nodes.every((n) => n.state?.chosen[0]);
    while (!all() && sim.step()) {
      /* run until every node learned */
    }
    times.push(sim.state.time);
  }
  return times.sort((a, b) => a - b);
}

function eventsPerSecond(
  label: string,
  module: AnyProtocolModule,
  scenario: Scenario,
  runs: number,
) {
  for (const checked of [true, false]) {
    const checkers = checked ? module.checkers : [];
    let events = 0;
    const start = performance.now();
    for (let seed = 1; seed <= runs; seed++) {
      events += new Simulator({ ...scenario, seed }, module, { checkers }).run().state.eventId;
    }
    const seconds = (performance.now() - start) / 1000;
    console.log(
      `${label}, ${checked ? 'with' : 'without'} invariant checkers: ` +
        `${Math.round(events / seconds).toLocaleString('en')} events/s (${Math.round(events / runs)} events per run, ` +
        `${((seconds / runs) * 1000).toFixed(1)} ms per run)`,
    );
  }
}

export function benchPaxos(): void {
  const times = timesToLearn(1000);
  const fmt = (x: number) => x.toFixed(1);
  console.log(
    `paxos: time until all 5 nodes learned, every node proposing at 0 ms (randomized back-off, ` +
      `150–300 ms retry, 10–15 ms latency), 1000 seeds: p50 ${fmt(quantile(times, 0.5))} ms, ` +
      `p95 ${fmt(quantile(times, 0.95))} ms, max ${fmt(times.at(-1)!)} ms`,
  );
  // A duel that never ends keeps every node busy for the whole run: a steady load.
  const duel = paxosScenario('paxos', {
    nodes: 3,
    duration: 10000,
    network: { latency: { min: 10, max: 12 } },
    paxos: { proposers: ['S1', 'S2'], backoff: 'none', retryTimeout: { min: 30, max: 30 } },
    actions: [{ at: 15, type: 'timeout', node: 'S2' }],
  });
  eventsPerSecond('paxos: 200 runs of a 10 s duel, 3 nodes', paxosModule, duel, 200);
  const multi = paxosScenario('multi-paxos', {
    duration: 10000,
    workload: { clients: 2, rate: 10, keys: 4, readRatio: 0.5 },
    actions: [{ at: 3000, type: 'crash', node: 'leader' }],
  });
  eventsPerSecond(
    'multi-paxos: 200 runs of 10 s, 5 nodes, 2 clients at 10/s',
    multiPaxosModule,
    multi,
    200,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) benchPaxos();
