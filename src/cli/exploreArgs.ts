/**
 * Command-line arguments of `npm run explore`, parsed without throwing: every problem is one
 * sentence naming the option (and, for a name, the ones it could have been).
 */
import { availableParallelism } from 'node:os';
import { EXPLORABLE, FAULT_KINDS } from '../engine/explore/options';
import type { ExplorableProtocol, ExploreOptions, FaultKind } from '../engine/explore/options';
import { mutationErrors } from '../engine/mutations';

export interface ExploreArgs extends ExploreOptions {
  seeds: { from: number; to: number };
  jobs: number;
}

export const EXPLORE_USAGE =
  `usage: npm run explore -- --protocol ${EXPLORABLE.join('|')} [--nodes N] [--seeds A-B] ` +
  `[--mutations a,b] [--faults ${FAULT_KINDS.join(',')}] [--jobs N]`;

/** At most this many seeds per exploration (a run of the CLI stays bounded). */
export const MAX_EXPLORE_SEEDS = 10_000_000;

const WHOLE = /^\d+$/;

type Parsed = { ok: true; args: ExploreArgs } | { ok: false; error: string };

export function parseExploreArgs(argv: string[]): Parsed {
  let protocol: ExplorableProtocol | null = null;
  let nodes = 5;
  let seeds = { from: 1, to: 1000 };
  let mutations: string[] = [];
  let faults: FaultKind[] = [...FAULT_KINDS];
  let jobs = availableParallelism();
  for (let i = 0; i < argv.length; i += 2) {
    const arg = argv[i]!;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) {
      return { ok: false, error: `${arg} needs a value` };
    }
    switch (arg) {
      case '--protocol':
        if (!(EXPLORABLE as readonly string[]).includes(value)) {
          return {
            ok: false,
            error: `--protocol: "${value}" is not one of ${EXPLORABLE.join(', ')}`,
          };
        }
        protocol = value as ExplorableProtocol;
        break;
      case '--nodes':
        if (!WHOLE.test(value) || Number(value) < 1 || Number(value) > 15) {
          return { ok: false, error: `--nodes needs an integer from 1 to 15, got ${value}` };
        }
        nodes = Number(value);
        break;
      case '--seeds': {
        const m = /^(\d+)-(\d+)$/.exec(value);
        if (!m) return { ok: false, error: `--seeds needs a range A-B, got ${value}` };
        const from = Number(m[1]);
        const to = Number(m[2]);
        if (from > to) return { ok: false, error: `--seeds ${value}: ${from} is after ${to}` };
        if (to > 4294967295)
          return { ok: false, error: `--seeds ${value}: seeds go up to 4294967295` };
        if (to - from + 1 > MAX_EXPLORE_SEEDS) {
          return { ok: false, error: `--seeds ${value}: at most ${MAX_EXPLORE_SEEDS} seeds` };
        }
        seeds = { from, to };
        break;
      }
      case '--mutations':
        mutations = value === '' ? [] : value.split(',');
        break;
      case '--faults': {
        const names = value === '' ? [] : value.split(',');
        const bad = names.find((n) => !(FAULT_KINDS as readonly string[]).includes(n));
        if (bad !== undefined) {
          return {
            ok: false,
            error: `--faults: unknown fault "${bad}" (known: ${FAULT_KINDS.join(', ')})`,
          };
        }
        faults = names as FaultKind[];
        break;
      }
      case '--jobs':
        if (!WHOLE.test(value) || Number(value) < 1 || Number(value) > 256) {
          return { ok: false, error: `--jobs needs an integer from 1 to 256, got ${value}` };
        }
        jobs = Number(value);
        break;
      default:
        return { ok: false, error: `unknown option ${arg}` };
    }
  }
  if (protocol === null) return { ok: false, error: '--protocol is required' };
  const errors = mutationErrors(protocol, mutations);
  if (errors.length > 0)
    return {
      ok: false,
      error: `--mutations: ${errors.join('; ').replaceAll('$.mutations', 'mutation ')}`,
    };
  return { ok: true, args: { protocol, nodes, seeds, mutations, faults, jobs } };
}
