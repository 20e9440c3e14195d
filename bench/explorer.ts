/**
 * Explorer figures for `npm run bench` (issue 13): schedules explored per second on one core
 * and on all of them, schedules to the first failure for every mutant (budget 2,000, the
 * issue's target) with its shrunk size, and 10,000 schedules per protocol without mutants,
 * which should find nothing. Prints; asserts nothing. Takes about 100 s on two cores; set
 * BENCH_SKIP_EXPLORER=1 to skip it. Run alone with `npx tsx bench/explorer.ts`.
 */
import { availableParallelism } from 'node:os';
import { explore } from '../src/cli/explorePool';
import { exploreSeed } from '../src/engine/explore/explore';
import { EXPLORABLE, FAULT_KINDS } from '../src/engine/explore/options';
import type { ExplorableProtocol, ExploreOptions } from '../src/engine/explore/options';
import { mutantsOf } from '../src/engine/mutations';

const options = (protocol: ExplorableProtocol, mutations: string[] = []): ExploreOptions => ({
  protocol,
  nodes: 5,
  mutations,
  faults: [...FAULT_KINDS],
});

async function throughput(o: ExploreOptions, seeds: number, jobs: number): Promise<number> {
  const start = performance.now();
  await explore(o, { from: 1, to: seeds }, jobs, () => {});
  return seeds / ((performance.now() - start) / 1000);
}

export async function benchExplorer(): Promise<void> {
  if (process.env.BENCH_SKIP_EXPLORER === '1') {
    console.log('explorer: skipped (BENCH_SKIP_EXPLORER=1)');
    return;
  }
  const cores = availableParallelism();
  console.log(`explorer (5 nodes, every fault kind; ${cores} cores):`);
  for (const protocol of EXPLORABLE) {
    const one = await throughput(options(protocol), 300, 1);
    const all = await throughput(options(protocol), 1000, cores);
    console.log(
      `  ${protocol}: ${one.toFixed(0)} schedules/s on 1 core, ${all.toFixed(0)} on ${cores}`,
    );
  }
  console.log('  mutants (schedules to the first failure, of at most 2,000; shrunk actions):');
  for (const protocol of EXPLORABLE) {
    for (const m of mutantsOf(protocol)) {
      let line = 'none found';
      for (let seed = 1; seed <= 2000; seed++) {
        const f = exploreSeed(options(protocol, [m.name]), seed);
        if (f === null) continue;
        line = `${seed}: ${f.violation.kind}, ${f.actions.original} → ${f.actions.shrunk} actions`;
        break;
      }
      console.log(`    ${protocol} ${m.name}: ${line}`);
    }
  }
  for (const protocol of EXPLORABLE) {
    let failures = 0;
    const start = performance.now();
    await explore(options(protocol), { from: 1, to: 10_000 }, cores, () => {
      failures++;
    });
    const s = (performance.now() - start) / 1000;
    console.log(
      `  ${protocol} without mutants: 10,000 schedules, ${failures} failures (${s.toFixed(1)} s)`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchExplorer();
