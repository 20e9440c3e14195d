/**
 * What the lab reads of a load-balancer run: its `loadbalancer` section (RunInfo.config, with
 * defaults filled) and its `load` section (from the scenario text, read once per run), and
 * the status line's words for them.
 */
import type { LoadConfig } from '../../../engine/load/config';
import type { LbConfig } from '../../../engine/protocols/loadbalancer/types';
import type { RunInfo } from '../../../worker/protocol';
import { fmtMs } from '../../format';

/** The run's balancer settings, or null for a run of another protocol. */
export function lbConfigOf(run: Pick<RunInfo, 'protocol' | 'config'>): LbConfig | null {
  return run.protocol === 'loadbalancer' ? (run.config as LbConfig) : null;
}

const loads = new WeakMap<object, LoadConfig | null>();

/** The run's load (the parser filled its defaults into the scenario text). */
export function loadOf(run: Pick<RunInfo, 'scenarioText'>): LoadConfig | null {
  const cached = loads.get(run);
  if (cached !== undefined) return cached;
  let load: LoadConfig | null;
  try {
    const json = JSON.parse(run.scenarioText) as { load?: LoadConfig };
    load = json.load ?? null;
  } catch {
    // Not JSON (never from the worker): no load to tell of.
    load = null;
  }
  loads.set(run, load);
  return load;
}

/** "open load 175/s", "open load 50/s, 3 phases", "30 users, think 100 ms". */
export function loadText(load: LoadConfig): string {
  if (load.model === 'closed') {
    return `${load.users} user${load.users === 1 ? '' : 's'}, think ${fmtMs(load.thinkTime)}`;
  }
  const phases = load.phases.length;
  return `open load ${load.rate}/s${phases > 0 ? `, ${phases} phase${phases === 1 ? '' : 's'}` : ''}`;
}

/** "least-connections · 2 workers · open load 175/s". */
export function lbStatus(run: RunInfo): string | null {
  const c = lbConfigOf(run);
  if (!c) return null;
  const load = loadOf(run);
  const workers = `${c.workers} worker${c.workers === 1 ? '' : 's'}`;
  return [c.strategy, workers, ...(load ? [loadText(load)] : [])].join(' · ');
}
