/**
 * History benchmark: seek latency over a ≥100k-event run and history memory per 10k events.
 * `npx tsx bench/history.ts [keyframeEvery...]` (add NODE_OPTIONS=--expose-gc for heap figures).
 */
import { pathToFileURL } from 'node:url';
import { DEFAULT_KEYFRAME_EVERY, RunHistory } from '../src/engine/history/history';
import { parseScenario } from '../src/engine/scenario';
import type { Scenario } from '../src/engine/scenario';

export interface HistoryBenchResult {
  keyframeEvery: number;
  events: number;
  virtualMs: number;
  buildMs: number;
  keyframes: number;
  seekP50: number;
  seekP95: number;
  seekMax: number;
  stepBackP95: number;
  /** Estimated bytes of unique objects held by keyframes, and by the trace, per 10k events. */
  keyframeBytesPer10k: number;
  traceBytesPer10k: number;
  /** Heap growth of the whole history per 10k events (only with --expose-gc), else null. */
  heapBytesPer10k: number | null;
}

export function benchScenario(): Scenario {
  const r = parseScenario({
    name: 'history bench',
    protocol: 'raft',
    nodes: 5,
    seed: 7,
    // Long enough for the 100 000 events measured (about 160 s), within the work limit.
    duration: 300_000,
    network: { loss: 0.01, latency: { min: 5, max: 25 } },
    workload: { clients: 8, rate: 50 },
    actions: [
      { at: 20000, type: 'crash', node: 'leader' },
      { at: 26000, type: 'restart', node: 'S1' },
      {
        at: 40000,
        type: 'partition',
        groups: [
          ['S1', 'S2'],
          ['S3', 'S4', 'S5'],
        ],
      },
      { at: 46000, type: 'heal' },
    ],
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Approximate V8 size of the distinct objects reachable from `root` (shared ones once). */
function estimateBytes(root: unknown, seen: Set<object>): number {
  let bytes = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') bytes += 16 + v.length;
    else if (typeof v === 'number') bytes += 8;
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    const values = Array.isArray(v) ? v : Object.values(v);
    bytes += 16 + 8 * values.length;
    for (const c of values) stack.push(c);
  }
  return bytes;
}

/** The JS heap plus the typed arrays' buffers, which live outside it (the trace's columns). */
function heapNow(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function gc(): (() => void) | null {
  const g = (globalThis as { gc?: () => void }).gc;
  return typeof g === 'function' ? g : null;
}

export function benchHistory(
  opts: { keyframeEvery?: number; events?: number; seeks?: number } = {},
): HistoryBenchResult {
  const keyframeEvery = opts.keyframeEvery ?? DEFAULT_KEYFRAME_EVERY;
  const target = opts.events ?? 100_000;
  const seeks = opts.seeks ?? 500;
  const collect = gc();
  collect?.();
  const heapBefore = heapNow();

  let t0 = performance.now();
  const h = new RunHistory(benchScenario(), { keyframeEvery });
  let t = 0;
  while (h.head.eventId < target) h.advanceTo((t += 1000));
  const buildMs = performance.now() - t0;
  const events = h.head.eventId;

  collect?.();
  const heapBytes = collect ? heapNow() - heapBefore : null;
  const seen = new Set<object>();
  const { keyframes, trace } = h.storage();
  const keyframeBytes = estimateBytes(keyframes, seen);
  const traceBytes = trace.bytes();

  const rnd = lcg(12345);
  const headTime = h.head.time;
  for (let i = 0; i < 20; i++) h.seekTime(rnd() * headTime); // warm-up
  const times: number[] = [];
  for (let i = 0; i < seeks; i++) {
    const byEvent = i % 2 === 1;
    const x = rnd();
    t0 = performance.now();
    if (byEvent) h.seekEvent(Math.floor(x * events));
    else h.seekTime(x * headTime);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const backs: number[] = [];
  h.seekTime(headTime / 2);
  for (let i = 0; i < 100; i++) {
    t0 = performance.now();
    h.stepBack();
    backs.push(performance.now() - t0);
  }
  backs.sort((a, b) => a - b);

  const per10k = (b: number) => Math.round((b * 10_000) / events);
  return {
    keyframeEvery,
    events,
    virtualMs: Math.round(headTime),
    buildMs: Math.round(buildMs),
    keyframes: h.keyframeCount,
    seekP50: percentile(times, 50),
    seekP95: percentile(times, 95),
    seekMax: times[times.length - 1]!,
    stepBackP95: percentile(backs, 95),
    keyframeBytesPer10k: per10k(keyframeBytes),
    traceBytesPer10k: per10k(traceBytes),
    heapBytesPer10k: heapBytes === null ? null : per10k(heapBytes),
  };
}

export function formatHistoryBench(r: HistoryBenchResult): string {
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const kb = (x: number) => `${(x / 1024).toFixed(0)} KiB`;
  return [
    `history K=${r.keyframeEvery}: ${r.events} events, ${r.virtualMs} virtual ms, built in ${r.buildMs} ms, ${r.keyframes} keyframes`,
    `  seek      p50 ${ms(r.seekP50)}  p95 ${ms(r.seekP95)}  max ${ms(r.seekMax)}  (goal p95 < 16 ms: ${r.seekP95 < 16 ? 'met' : 'MISSED'})`,
    `  stepBack  p95 ${ms(r.stepBackP95)}`,
    `  memory per 10k events: keyframes ${kb(r.keyframeBytesPer10k)}, trace ${kb(r.traceBytesPer10k)}` +
      (r.heapBytesPer10k === null
        ? ' (heap: run with --expose-gc)'
        : `, heap growth ${kb(r.heapBytesPer10k)}`),
  ].join('\n');
}

/**
 * The light workload of issue 15 (one client putting 10 times a second, RaftScope's timing):
 * the history's memory per simulated minute, after GC, in the first minute and in each of the next four, so
 * growth with the run's length shows. Null without --expose-gc.
 */
export interface PerMinute {
  /** Heap growth in the first minute, and per minute over minutes 2–5. */
  first: number;
  later: number;
  /** Of `later`: the trace's bytes, and keyframes taken, per minute. */
  trace: number;
  keyframes: number;
}

/**
 * `clicks`: instead of the generated workload, a user request every 100 ms (as RaftScope's
 * harness and a person at the client panel make them: each its own client session).
 */
export function benchHistoryPerMinute(nodes: number, clicks = false): PerMinute | null {
  const collect = gc();
  if (!collect) return null;
  const r = parseScenario({
    name: 'history per minute',
    protocol: 'raft',
    nodes,
    seed: 1,
    duration: 3_600_000,
    network: { latency: { min: 10, max: 15 } },
    raft: { electionTimeout: { min: 100, max: 200 }, heartbeatInterval: 50 },
    workload: clicks ? { clients: 0 } : { clients: 1, rate: 10, keys: 4, readRatio: 0 },
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  collect();
  collect();
  const before = heapNow();
  const h = new RunHistory(r.scenario, { maxEvents: 10_000_000 });
  const at: number[] = [];
  let trace0 = 0;
  let kf0 = 0;
  let value = 0;
  for (let m = 1; m <= 5; m++) {
    if (!clicks) h.advanceTo(m * 60_000);
    for (let t = (m - 1) * 60_000 + 100; clicks && t <= m * 60_000; t += 100) {
      h.advanceTo(t);
      h.act({
        type: 'request',
        node: 'leader',
        op: { type: 'put', key: 'x', value: String(++value) },
      });
    }
    collect();
    at.push(heapNow() - before);
    if (m === 1) {
      trace0 = h.trace.bytes();
      kf0 = h.keyframeCount;
    }
  }
  // Minutes 2–5 together: one GC's noise spread over four minutes, and growth shows.
  return {
    first: at[0]!,
    later: (at[4]! - at[0]!) / 4,
    trace: (h.trace.bytes() - trace0) / 4,
    keyframes: (h.keyframeCount - kf0) / 4,
  };
}

export function formatPerMinute(nodes: number, r: PerMinute | null, clicks = false): string {
  if (r === null) return `history per simulated minute, ${nodes} servers: run with --expose-gc`;
  const work = clicks ? 'a user request every 100 ms' : 'light workload';
  const mb = (x: number) => `${(x / 1e6).toFixed(2)} MB`;
  const goal = r.later <= 1.2e6 ? 'met' : 'MISSED';
  return (
    `history per simulated minute, ${nodes} servers, ${work}: minute 1 ${mb(r.first)},` +
    ` minutes 2–5 ${mb(r.later)} each (goal ≤ 1.2 MB: ${goal}; RaftScope 7.7–12.3 MB at 5 servers)` +
    `\n  of which the trace ${mb(r.trace)}; ${r.keyframes.toFixed(0)} keyframes a minute` +
    ` and the live state the rest`
  );
}

/** What `npm run bench` calls. */
export function runHistoryBench(
  keyframeEvery: number[] = [DEFAULT_KEYFRAME_EVERY],
): HistoryBenchResult[] {
  return keyframeEvery.map((k) => {
    const r = benchHistory({ keyframeEvery: k });
    console.log(formatHistoryBench(r));
    return r;
  });
}

export function runHistoryPerMinuteBench(): void {
  for (const n of [5, 9]) console.log(formatPerMinute(n, benchHistoryPerMinute(n)));
  console.log(formatPerMinute(5, benchHistoryPerMinute(5, true), true));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ks = process.argv
    .slice(2)
    .map(Number)
    .filter((k) => Number.isInteger(k) && k > 0);
  runHistoryBench(ks.length > 0 ? ks : [DEFAULT_KEYFRAME_EVERY]);
  runHistoryPerMinuteBench();
}
