/**
 * Raft figures for the closing note and for `npm run bench` (wire `benchRaft()` into
 * bench/run.ts): the distribution of the time to elect the first leader, and simulated
 * events per second with and without the invariant checkers. Prints; asserts nothing.
 * Run alone with `npx tsx bench/raft.ts`.
 */
import { Simulator } from '../src/engine/simulator';
import { raftModule } from '../src/engine/protocols/raft/raft';
import { raftScenario, raftSimulator } from '../src/engine/protocols/raft/testkit';

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Time to the first leader over `seeds` runs of a fault-free 5-node cluster. */
export function electionTimes(seeds = 1000): { times: number[]; terms: number[] } {
  const times: number[] = [];
  const terms: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const sim = raftSimulator(raftScenario({ seed, duration: 3000 }));
    while (sim.state.leaders.length === 0 && sim.step()) {
      /* run to the first leader */
    }
    const first = sim.state.leaders[0]!;
    times.push(first.time);
    terms.push(first.epoch ?? 0);
  }
  return { times: times.sort((a, b) => a - b), terms };
}

/** Passes per throughput figure; the fastest is printed. */
const PASSES = 3;

export function benchRaft(): void {
  const { times, terms } = electionTimes(1000);
  const fmt = (x: number) => x.toFixed(1);
  console.log(
    `raft: time to first leader over 1000 seeds (5 nodes, 150–300 ms timeouts, 10–15 ms latency): ` +
      `p50 ${fmt(quantile(times, 0.5))} ms, p95 ${fmt(quantile(times, 0.95))} ms, max ${fmt(times.at(-1)!)} ms, ` +
      `elected in term 1: ${terms.filter((t) => t === 1).length}/1000`,
  );
  const scenario = raftScenario({
    duration: 10000,
    workload: { clients: 2, rate: 10, keys: 4, readRatio: 0.5 },
    actions: [{ at: 3000, type: 'crash', node: 'leader' }],
  });
  // Plain §5 Raft, and with every extension on (PreVote, CheckQuorum and its lease).
  const extended = {
    ...scenario,
    protocolConfig: { ...(scenario.protocolConfig as object), preVote: true, checkQuorum: true },
  };
  // §7 log compaction: a snapshot every 10 applied entries (and InstallSnapshot after the crash).
  const compacted = {
    ...scenario,
    protocolConfig: { ...(scenario.protocolConfig as object), snapshotEvery: 10 },
  };
  for (const [options, base] of [
    ['', scenario],
    [', PreVote + CheckQuorum', extended],
    [', snapshotEvery 10', compacted],
  ] as const)
    for (const checked of [true, false]) {
      const checkers = checked ? raftModule.checkers : [];
      // The best of PASSES passes: the machine is shared, and a pass that another process
      // slowed down says nothing about the engine.
      let events = 0;
      let seconds = Infinity;
      for (let pass = 0; pass < PASSES; pass++) {
        let passEvents = 0;
        const start = performance.now();
        for (let seed = 1; seed <= 200; seed++) {
          passEvents += new Simulator({ ...base, seed }, raftModule, { checkers }).run().state
            .eventId;
        }
        const passSeconds = (performance.now() - start) / 1000;
        if (passSeconds < seconds) [events, seconds] = [passEvents, passSeconds];
      }
      console.log(
        `raft${options}: 200 runs of 10 s, 5 nodes, 2 clients at 10/s, ${checked ? 'with' : 'without'} invariant checkers: ` +
          `${Math.round(events / seconds).toLocaleString('en')} events/s (${Math.round(events / 200)} events per run, ` +
          `${((seconds / 200) * 1000).toFixed(1)} ms per run; best of ${PASSES} passes)`,
      );
    }
}

if (import.meta.url === `file://${process.argv[1]}`) benchRaft();
