/**
 * `npm run bench`: every benchmark, printing figures (none of them is a pass/fail test).
 * Each runs in a process of its own: in one process, the benchmarks before it had already
 * run the shared engine code with other protocols and workloads, and the compiler's
 * specialised code for them slowed the next one (Raft read 1.83 M events/s after the others,
 * 2.07 M alone).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUNS: { file: string; args?: string[] }[] = [
  { file: 'engine.ts' },
  { file: 'raft.ts' },
  { file: 'paxos.ts' },
  { file: 'loadbalancer.ts' },
  // Seek and memory at three keyframe intervals, then memory per simulated minute.
  { file: 'history.ts', args: ['1000', '2000', '4000'] },
  { file: 'checker.ts' },
  { file: 'ui.ts' },
  // Minutes: BENCH_SKIP_EXPLORER=1 skips it.
  { file: 'explorer.ts' },
];

const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
let failed = 0;
for (const { file, args = [] } of RUNS) {
  const path = fileURLToPath(new URL(file, import.meta.url));
  const r = spawnSync(tsx, [path, ...args], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    failed++;
    console.error(`bench: ${file} exited with ${r.status ?? r.signal}`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
