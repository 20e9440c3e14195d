/**
 * Command-line arguments of `npm run sim`, parsed without throwing. Only their syntax is
 * checked here: `--seed` and `--duration` become part of the scenario and are validated by
 * its schema, with the same limits as a file (sim.ts).
 */

export interface SimArgs {
  file: string;
  seeds: number[] | null;
  duration: number | null;
  trace: boolean;
  /** `--jtl FILE`: every request of a load run, as a JMeter JTL file (jtl.ts). */
  jtl?: string;
  /** `--knee [--knee-steps N]`: the saturation ramp instead of runs (knee.ts); null steps: default. */
  knee?: { steps: number | null };
}

export const USAGE =
  'usage: npm run sim -- <scenario.json> [--seed N | --seeds A-B] [--duration ms] [--trace] [--jtl FILE]\n' +
  '       npm run sim -- --knee [--knee-steps N] [--seed N] [--duration ms] <scenario.json>';

export const MAX_SEEDS = 1_000_000;

const WHOLE = /^\d+$/;

export function parseArgs(
  argv: string[],
): { ok: true; args: SimArgs } | { ok: false; error: string } {
  let file: string | null = null;
  let seeds: number[] | null = null;
  let duration: number | null = null;
  let trace = false;
  let jtl: string | null = null;
  let knee = false;
  let kneeSteps: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = argv[i + 1];
    switch (arg) {
      case '--trace':
        trace = true;
        break;
      case '--knee':
        knee = true;
        break;
      case '--knee-steps':
        if (value === undefined || !WHOLE.test(value)) {
          return {
            ok: false,
            error: `--knee-steps needs a whole number of steps, got ${value ?? 'nothing'}`,
          };
        }
        kneeSteps = Number(value);
        i++;
        break;
      case '--jtl':
        if (value === undefined || value === '' || value.startsWith('--')) {
          return { ok: false, error: `--jtl needs a file name, got ${value ?? 'nothing'}` };
        }
        jtl = value;
        i++;
        break;
      case '--seed': {
        if (value === undefined || !WHOLE.test(value)) {
          return {
            ok: false,
            error: `--seed needs a non-negative integer, got ${value ?? 'nothing'}`,
          };
        }
        seeds = [Number(value)];
        i++;
        break;
      }
      case '--seeds': {
        const m = /^(\d+)-(\d+)$/.exec(value ?? '');
        if (!m) return { ok: false, error: `--seeds needs a range A-B, got ${value ?? 'nothing'}` };
        const a = Number(m[1]);
        const b = Number(m[2]);
        if (b < a) return { ok: false, error: `--seeds ${value}: the range is empty` };
        if (b - a + 1 > MAX_SEEDS)
          return { ok: false, error: `--seeds ${value}: more than ${MAX_SEEDS} seeds` };
        seeds = Array.from({ length: b - a + 1 }, (_, k) => a + k);
        i++;
        break;
      }
      case '--duration': {
        const n = value === undefined || value.trim() === '' ? NaN : Number(value);
        if (Number.isNaN(n)) {
          return {
            ok: false,
            error: `--duration needs a number of ms, got ${value ?? 'nothing'}`,
          };
        }
        duration = n;
        i++;
        break;
      }
      default:
        if (arg.startsWith('--')) return { ok: false, error: `unknown option ${arg}` };
        if (file !== null)
          return { ok: false, error: `only one scenario file, got ${file} and ${arg}` };
        file = arg;
    }
  }
  if (file === null) return { ok: false, error: 'no scenario file given' };
  if (kneeSteps !== null && !knee) return { ok: false, error: '--knee-steps needs --knee' };
  if (knee) {
    const clash = trace
      ? '--trace'
      : jtl !== null
        ? '--jtl'
        : seeds && seeds.length > 1
          ? '--seeds'
          : null;
    if (clash) return { ok: false, error: `--knee runs one seed headless: drop ${clash}` };
  }
  return {
    ok: true,
    args: {
      file,
      seeds,
      duration,
      trace,
      ...(jtl === null ? {} : { jtl }),
      ...(knee ? { knee: { steps: kneeSteps } } : {}),
    },
  };
}
