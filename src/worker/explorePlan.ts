/**
 * The pure part of running an exploration across several workers: how the seed range is
 * split between them, and how their progress reports add up to what the panel shows.
 */
import type { ExploreFailure, SeedShare } from './exploreProtocol';

/**
 * Splits `from`…`to` between at most `workers` workers, interleaved (worker i takes
 * from+i, from+i+n, …) rather than in blocks: low seeds come first from every worker, so the
 * first failures show early whatever the range, and a slow stretch of seeds is shared.
 */
export function splitSeeds(from: number, to: number, workers: number): SeedShare[] {
  const count = to - from + 1;
  if (count <= 0) return [];
  const n = Math.max(1, Math.min(Math.floor(workers), count));
  return Array.from({ length: n }, (_, i) => ({ from: from + i, to, step: n }));
}

/** How many seeds a share holds. */
export function shareSize(s: SeedShare): number {
  return s.from > s.to ? 0 : Math.floor((s.to - s.from) / s.step) + 1;
}

/** What one worker has reported so far. */
export interface WorkerProgress {
  done: number;
  failures: ExploreFailure[];
  finished: boolean;
}

export interface ExploreProgress {
  total: number;
  done: number;
  runsPerSecond: number;
  /** In seed order, whichever worker found them and whenever. */
  failures: ExploreFailure[];
  finished: boolean;
}

/**
 * Adds the workers' reports up. Runs per second is measured over the whole exploration's
 * wall time (not summed from the workers' own rates, which would count a finished worker's
 * rate after it stopped).
 */
export function mergeProgress(
  parts: readonly WorkerProgress[],
  total: number,
  elapsedMs: number,
): ExploreProgress {
  const done = parts.reduce((n, p) => n + p.done, 0);
  const failures = parts.flatMap((p) => p.failures).sort((a, b) => a.seed - b.seed);
  return {
    total,
    done,
    runsPerSecond: elapsedMs > 0 ? Math.round((done / elapsedMs) * 10_000) / 10 : 0,
    failures,
    finished: parts.length > 0 && parts.every((p) => p.finished),
  };
}
