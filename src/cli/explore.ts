/**
 * The headless explorer (issue 13): `npm run explore -- --protocol <name> --nodes 5 --seeds
 * 1-10000 [--mutations a,b] [--faults …] [--jobs N]`. Each seed's random fault schedule is run
 * and checked (invariants, then the client history); a failure is shrunk and printed as one
 * JSON line `{ seed, violation, scenario, actions: { original, shrunk } }`, in seed order;
 * last comes `{ summary: { runs, failures, runsPerSecond } }`. Only `runsPerSecond` depends
 * on the machine (and on --jobs). Exit codes: 0 nothing failed, 1 some schedule failed,
 * 2 the arguments were refused.
 */
import { once } from 'node:events';
import { EXPLORE_USAGE, parseExploreArgs } from './exploreArgs';
import { explore } from './explorePool';

async function writeLine(line: string): Promise<void> {
  if (!process.stdout.write(`${line}\n`)) await once(process.stdout, 'drain');
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseExploreArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`error: ${parsed.error}\n${EXPLORE_USAGE}\n`);
    return 2;
  }
  const { seeds, jobs, ...options } = parsed.args;
  let failures = 0;
  const start = performance.now();
  const runs = await explore(options, seeds, jobs, (f) => {
    failures++;
    return writeLine(JSON.stringify(f));
  });
  const seconds = (performance.now() - start) / 1000;
  const runsPerSecond = Math.round((runs / Math.max(seconds, 1e-3)) * 10) / 10;
  await writeLine(JSON.stringify({ summary: { runs, failures, runsPerSecond } }));
  return failures > 0 ? 1 : 0;
}

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
