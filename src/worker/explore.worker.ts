/// <reference lib="webworker" />
/**
 * An explore worker (issue 13): runs one share of an exploration's seeds through the
 * headless explorer and reports progress about every 100 ms. It is stopped by terminating
 * it: `exploreSeed` is synchronous and a message could only be read between seeds, while a
 * terminate stops a long shrink at once, and what was found is already with the UI.
 */
import { exploreSeed } from '../engine/explore/explore';
import type { FailureReport } from '../engine/explore/explore';
import type { ExploreFailure, ExploreRequest, ExploreUpdate } from './exploreProtocol';

const REPORT_MS = 100;

const scope = self as unknown as DedicatedWorkerGlobalScope;

function failureOf(r: FailureReport): ExploreFailure {
  return {
    seed: r.seed,
    kind: r.violation.kind,
    by: r.violation.by,
    message: r.violation.message,
    eventId: r.violation.eventId ?? null,
    related: r.violation.related ?? [],
    nodes: r.violation.nodes ?? [],
    time: r.violation.time,
    original: r.actions.original,
    shrunk: r.actions.shrunk,
    scenarioText: JSON.stringify(r.scenario, null, 2),
  };
}

function post(u: ExploreUpdate): void {
  scope.postMessage(u);
}

function run(req: ExploreRequest): void {
  const start = performance.now();
  let last = start;
  let done = 0;
  let found: ExploreFailure[] = [];
  const report = (finished: boolean) => {
    const now = performance.now();
    const seconds = (now - start) / 1000;
    post({
      type: 'progress',
      done,
      runsPerSecond: seconds > 0 ? Math.round((done / seconds) * 10) / 10 : 0,
      failures: found,
      finished,
    });
    found = [];
    last = now;
  };
  for (let seed = req.seeds.from; seed <= req.seeds.to; seed += req.seeds.step) {
    const f = exploreSeed(req.options, seed);
    done++;
    if (f !== null) found.push(failureOf(f));
    if (performance.now() - last >= REPORT_MS) report(false);
  }
  report(true);
}

scope.onmessage = (e: MessageEvent<ExploreRequest>) => {
  try {
    run(e.data);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
