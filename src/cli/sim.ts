/**
 * Headless runs: `npm run sim -- scenario.json --seeds 1-1000 > runs.jsonl`; with `--knee`,
 * the saturation ramp instead (knee.ts).
 * One JSON line per seed on stdout, written as each run ends (one write per seed, never one
 * joined string). Exit codes: 0 every run printed; 1 some run was stopped before its end,
 * failed or was too large to print (said on stderr; the other seeds still run); 2 the input
 * was refused (its problems on stderr, at most LIMITS.errors of them). Never a stack trace.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { once } from 'node:events';
import { LIMITS, readJsonText } from '../engine/input/limits';
import { parseScenario, scenarioWarnings } from '../engine/scenario';
import type { Scenario } from '../engine/scenario';
import { parseArgs, USAGE } from './args';
import { runBatch } from './batch';
import { openJtl } from './jtl';
import { runKneeCli } from './knee';
import type { SimArgs } from './args';

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(2);
}

/** A byte-order mark is not counted against the limit (readJsonText drops it). */
const MAX_FILE_BYTES = LIMITS.textBytes + 3;

/** The file's text, read no further than the size limit (a pipe or a huge file alike). */
function readCapped(file: string): { ok: true; text: string } | { ok: false; error: string } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    return {
      ok: false,
      error: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    };
  }
  try {
    const buf = Buffer.alloc(MAX_FILE_BYTES + 1);
    let size = 0;
    for (;;) {
      const n = readSync(fd, buf, size, buf.length - size, null);
      if (n === 0) break;
      size += n;
      if (size > MAX_FILE_BYTES) {
        return {
          ok: false,
          error: `${file} is more than ${LIMITS.textBytes} bytes long; a scenario may be at most ${LIMITS.textBytes} bytes`,
        };
      }
    }
    return { ok: true, text: buf.toString('utf8', 0, size) };
  } catch (e) {
    return {
      ok: false,
      error: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    };
  } finally {
    closeSync(fd);
  }
}

/**
 * The scenario with the command line's --seed and --duration written into it, validated by
 * the schema like any file: the options get the same limits, and errors name the option.
 * The largest seed asked for is checked (seeds are whole numbers from 0 up).
 */
function scenarioWithOptions(json: unknown, args: SimArgs): Scenario {
  const options: [field: string, flag: string][] = [];
  let input = json;
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const patched: Record<string, unknown> = { ...(json as Record<string, unknown>) };
    if (args.seeds !== null) {
      const last = args.seeds[args.seeds.length - 1]!;
      patched.seed = last;
      options.push(['seed', args.seeds.length === 1 ? `--seed ${last}` : `--seeds …-${last}`]);
    }
    if (args.duration !== null) {
      patched.duration = args.duration;
      options.push(['duration', `--duration ${args.duration}`]);
    }
    input = patched;
  }
  const parsed = parseScenario(input);
  if (parsed.ok) return parsed.scenario;
  const named = parsed.errors.map((e) => {
    for (const [field, flag] of options) {
      if (e.startsWith(`$.${field}:`)) return `$.${field} (${flag}):${e.slice(field.length + 3)}`;
    }
    return e;
  });
  fail([`error: ${args.file} is not a valid scenario:`, ...named.map((e) => `  ${e}`)]);
}

/** One line to stdout, waiting while the reader is behind (memory stays flat on a slow pipe). */
async function writeLine(line: string): Promise<void> {
  const out = process.stdout;
  // Two writes, one flush: appending '\n' to a line near the longest string would not fit.
  out.cork();
  out.write(line);
  const flowing = out.write('\n');
  out.uncork();
  if (!flowing) await once(out, 'drain');
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) fail([`error: ${parsed.error}`, USAGE]);
  const args = parsed.args;
  const read = readCapped(args.file);
  if (!read.ok) fail([`error: ${read.error}`]);
  const json = readJsonText(read.text, args.file);
  if (!json.ok) {
    fail([`error: ${args.file} is not a valid scenario:`, ...json.errors.map((e) => `  ${e}`)]);
  }
  const base = scenarioWithOptions(json.json, args);
  // Valid but likely not to work (timing sanity): said once, on stderr, before the runs.
  for (const w of scenarioWarnings(base)) process.stderr.write(`warning: ${w}\n`);
  if (args.knee) {
    return runKneeCli(base, args.knee.steps, {
      line: writeLine,
      problem: (text) => process.stderr.write(`${text}\n`),
    });
  }
  const seeds = args.seeds ?? [base.seed];
  const jtl = args.jtl === undefined ? null : openJtl(args.jtl, base, seeds.length);
  if (jtl && !jtl.ok) fail([`error: ${jtl.error}`]);
  const options = { trace: args.trace, ...(jtl ? { onRun: jtl.jtl.onRun } : {}) };
  try {
    const incomplete = await runBatch(base, seeds, options, {
      line: writeLine,
      problem: (text) => process.stderr.write(`${text}\n`),
    });
    return incomplete > 0 ? 1 : 0;
  } finally {
    jtl?.jtl.close();
  }
}

// A reader that went away (`| head`) ends the batch quietly.
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
