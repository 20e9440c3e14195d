/**
 * The UI-thread end of an exploration: starts up to four explore workers (one per core),
 * gives each an interleaved share of the seeds, and hands merged progress to one listener.
 */
import type { ExploreOptions } from '../engine/explore/options';
import { mergeProgress, shareSize, splitSeeds } from './explorePlan';
import type { ExploreProgress, WorkerProgress } from './explorePlan';
import type { ExploreRequest, ExploreUpdate } from './exploreProtocol';

/** More workers than this rarely pays: they contend with the simulation worker and the page. */
const MAX_WORKERS = 4;

export function workerCount(): number {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(MAX_WORKERS, cores));
}

export interface Exploration {
  stop(): void;
}

export function startExploration(
  options: ExploreOptions,
  seeds: { from: number; to: number },
  onProgress: (p: ExploreProgress) => void,
  onError: (message: string) => void,
): Exploration {
  const shares = splitSeeds(seeds.from, seeds.to, workerCount());
  const total = shares.reduce((n, s) => n + shareSize(s), 0);
  const parts: WorkerProgress[] = shares.map(() => ({ done: 0, failures: [], finished: false }));
  const start = performance.now();
  const workers = shares.map((share, i) => {
    const w = new Worker(new URL('./explore.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<ExploreUpdate>) => {
      const u = e.data;
      if (u.type === 'error') {
        stop();
        onError(u.message);
        return;
      }
      const part = parts[i]!;
      parts[i] = {
        done: u.done,
        failures: u.failures.length > 0 ? [...part.failures, ...u.failures] : part.failures,
        finished: u.finished,
      };
      const merged = mergeProgress(parts, total, performance.now() - start);
      if (u.finished) w.terminate();
      onProgress(merged);
    };
    w.onerror = (e) => {
      stop();
      onError(e.message || 'an explore worker failed');
    };
    const req: ExploreRequest = { type: 'start', options, seeds: share };
    w.postMessage(req);
    return w;
  });
  function stop(): void {
    for (const w of workers) w.terminate();
  }
  if (shares.length === 0) onProgress(mergeProgress([], 0, 0));
  return { stop };
}
