/**
 * Consistency-checker throughput for `npm run bench`: operations checked per second by
 * checkConsistency on generated histories of 1k, 10k and 100k operations. Prints; asserts
 * nothing. Run alone with `npx tsx bench/checker.ts`.
 *
 * Histories are generated (testkit.ts), not simulated, so that their size is exact and only
 * the checker is timed. "clean" histories are linearizable; "stale" ones have 0.5 % of reads
 * return the value before the latest write, which makes most keys fail and exercises the
 * witness search and every rule.
 */
import { checkConsistency } from '../src/engine/check/consistency';
import { generateHistory } from '../src/engine/check/testkit';

export function benchChecker(): void {
  for (const staleReads of [0, 0.005]) {
    for (const ops of [1_000, 10_000, 100_000]) {
      const shape = {
        ops,
        clients: 8,
        keys: Math.max(4, Math.round(ops / 2000)),
        staleReads,
        seed: 1,
      };
      const records = generateHistory(shape);
      checkConsistency(records); // warm-up
      const runs = ops >= 100_000 ? 1 : ops >= 10_000 ? 3 : 20;
      const start = performance.now();
      let report = checkConsistency(records);
      for (let i = 1; i < runs; i++) report = checkConsistency(records);
      const seconds = (performance.now() - start) / 1000 / runs;
      const failing = report.anomalies.filter((a) => a.kind === 'not-linearizable').length;
      console.log(
        `checker: ${ops.toLocaleString('en')} ops (${shape.keys} keys, ${shape.clients} clients, ` +
          `${staleReads === 0 ? 'clean' : 'stale'}): ${Math.round(ops / seconds).toLocaleString('en')} ops/s ` +
          `(${(seconds * 1000).toFixed(1)} ms; linearizable ${String(report.linearizable)}, ` +
          `${failing} keys failing, ${report.anomalies.length} anomalies)`,
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) benchChecker();
