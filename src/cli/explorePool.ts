/**
 * Runs an exploration's seeds in batches, in this thread (one job) or across worker threads
 * (node:worker_threads), and hands results back in seed order: what is printed never depends
 * on how many jobs ran, nor on which finished first.
 */
import { Worker } from 'node:worker_threads';
import { exploreSeed } from '../engine/explore/explore';
import type { FailureReport } from '../engine/explore/explore';
import type { ExploreOptions } from '../engine/explore/options';

/** Seeds per batch a worker takes at a time: small enough to balance, big enough to be cheap. */
const BATCH = 20;

export interface BatchRequest {
  options: ExploreOptions;
  from: number;
  to: number;
}

export type BatchResult = { from: number; to: number; failures: FailureReport[] };

export function runBatchHere(req: BatchRequest): BatchResult {
  const failures: FailureReport[] = [];
  for (let seed = req.from; seed <= req.to; seed++) {
    const f = exploreSeed(req.options, seed);
    if (f !== null) failures.push(f);
  }
  return { from: req.from, to: req.to, failures };
}

/**
 * Explores seeds `from`…`to`; `onFailure` is called in seed order, as soon as every seed
 * before it is done. Resolves with the number of seeds run.
 */
export async function explore(
  options: ExploreOptions,
  seeds: { from: number; to: number },
  jobs: number,
  onFailure: (f: FailureReport) => Promise<void> | void,
): Promise<number> {
  const batches: BatchRequest[] = [];
  for (let from = seeds.from; from <= seeds.to; from += BATCH) {
    batches.push({ options, from, to: Math.min(seeds.to, from + BATCH - 1) });
  }
  if (jobs <= 1) {
    for (const b of batches) for (const f of runBatchHere(b).failures) await onFailure(f);
    return seeds.to - seeds.from + 1;
  }
  const done = new Map<number, BatchResult>();
  let next = 0;
  let emitted = 0;
  let printing: Promise<void> = Promise.resolve();
  const flush = () => {
    while (emitted < batches.length && done.has(emitted)) {
      const r = done.get(emitted)!;
      done.delete(emitted);
      emitted++;
      for (const f of r.failures) printing = printing.then(() => onFailure(f));
    }
  };
  const workers = Math.min(jobs, batches.length);
  await Promise.all(
    Array.from({ length: workers }, () =>
      runWorker((worker, give) => {
        const i = next++;
        if (i >= batches.length) return give(null);
        worker.once('message', (r: BatchResult) => {
          done.set(i, r);
          flush();
          give(i);
        });
        worker.postMessage(batches[i]);
      }),
    ),
  );
  await printing;
  return seeds.to - seeds.from + 1;
}

/**
 * A worker running `url`. Run from TypeScript (tsx), the thread registers tsx's loader first:
 * worker threads do not inherit the main thread's loader hooks.
 */
function startWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const boot =
    `import('tsx/esm/api').then((tsx) => { tsx.register(); ` +
    `return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true });
}

/** One worker taking batches until `take` has none left (`give(null)`). */
function runWorker(take: (w: Worker, give: (i: number | null) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(new URL('./exploreWorker.ts', import.meta.url));
    worker.once('error', reject);
    const loop = (i: number | null) => {
      if (i === null) {
        void worker.terminate().then(() => resolve());
        return;
      }
      take(worker, loop);
    };
    take(worker, loop);
  });
}
