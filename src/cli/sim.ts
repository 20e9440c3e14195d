/**
 * Headless runs: `npm run sim -- scenario.json --seeds 1-1000 > runs.jsonl`.
 * One JSON line per seed on stdout; problems go to stderr with exit code 2, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { runScenario } from '../engine/run';
import { parseScenarioText } from '../engine/scenario';
import { parseArgs, USAGE } from './args';

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exit(2);
}

function main(argv: string[]): void {
  const parsed = parseArgs(argv);
  if (!parsed.ok) fail([`error: ${parsed.error}`, USAGE]);
  const { file, seeds, duration, trace } = parsed.args;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail([`error: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`]);
  }
  const scenario = parseScenarioText(text);
  if (!scenario.ok)
    fail([`error: ${file} is not a valid scenario:`, ...scenario.errors.map((e) => `  ${e}`)]);
  const base = scenario.scenario;
  const out: string[] = [];
  for (const seed of seeds ?? [base.seed]) {
    const result = runScenario({ ...base, seed, duration: duration ?? base.duration }, { trace });
    out.push(JSON.stringify(result));
    // Flush in chunks: large batches should stream, not hold every line in memory.
    if (out.length >= 100) {
      process.stdout.write(out.join('\n') + '\n');
      out.length = 0;
    }
  }
  if (out.length > 0) process.stdout.write(out.join('\n') + '\n');
}

main(process.argv.slice(2));
