/**
 * The CLI's batch: one run per seed, each printed as soon as it ends. A run that fails, is
 * stopped before its end or is too large to print is reported for its seed alone; the other
 * seeds still run. Kept apart from sim.ts (which reads the command line) to be testable.
 */
import { printedResult, runScenario } from '../engine/run';
import type { RunResult } from '../engine/run';
import type { Scenario } from '../engine/scenario';
import type { Simulator } from '../engine/simulator';

export interface BatchOutput {
  /** One JSON line (without its newline): one write per seed. */
  line(text: string): Promise<void> | void;
  /** One line for people, on stderr. */
  problem(text: string): void;
}

/** Runs every seed; returns how many runs did not end normally and printed. */
export async function runBatch(
  base: Scenario,
  seeds: Iterable<number>,
  options: { trace: boolean; onRun?: (sim: Simulator, seed: number) => void },
  out: BatchOutput,
  stringify: (result: unknown) => string = JSON.stringify,
): Promise<number> {
  let incomplete = 0;
  for (const seed of seeds) {
    let result: RunResult;
    try {
      const onRun = options.onRun;
      result = runScenario(
        { ...base, seed },
        { trace: options.trace, ...(onRun ? { onRun: (sim: Simulator) => onRun(sim, seed) } : {}) },
      );
    } catch (e) {
      out.problem(`seed ${seed}: the run failed: ${e instanceof Error ? e.message : String(e)}`);
      incomplete++;
      continue;
    }
    if (result.stopped) {
      const s = result.stopped;
      out.problem(
        `seed ${seed}: the run stopped at ${s.time} ms, after event ${s.eventId}: ${s.reason}`,
      );
      incomplete++;
    }
    let line: string;
    try {
      line = stringify(printedResult(result, base.protocol));
    } catch (e) {
      const what = e instanceof RangeError ? 'the result is too large to print' : String(e);
      out.problem(
        `seed ${seed}: ${what} (${result.events} events${options.trace ? ', with --trace' : ''});` +
          ` try a shorter --duration${options.trace ? ' or leave out --trace' : ''}`,
      );
      incomplete++;
      continue;
    }
    await out.line(line);
  }
  return incomplete;
}
