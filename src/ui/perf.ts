/**
 * In-page performance probe for benchmarks: `window.__quorumPerf` collects frame times on the
 * UI thread and the worker's per-snapshot cost, so a Playwright-driven bench can read them.
 */
export interface PerfProbe {
  /** Wall time between consecutive animation frames (ms), newest last. */
  frames: number[];
  /** Time spent rendering each frame's React update (ms). */
  renders: number[];
  /** Worker time to build each snapshot (ms). */
  snapshotMs: number[];
  /** Snapshot sizes in bytes of JSON (only while `measureSize(true)`). */
  snapshotBytes: number[];
  /** Main-thread long tasks (> 50 ms) seen by a PerformanceObserver, in ms. */
  longTasks: number[];
  /** Messages in flight in the latest snapshot. */
  inFlight: number;
  snapshots: number;
  ticks: number;
  reset(): void;
  measureSize(on: boolean): void;
  summary(): Record<string, number>;
}

const CAP = 5000;

function push(arr: number[], v: number): void {
  arr.push(v);
  if (arr.length > CAP) arr.splice(0, arr.length - CAP);
}

function pct(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

let sizeHook: (on: boolean) => void = () => {};
export function onMeasureSize(hook: (on: boolean) => void): void {
  sizeHook = hook;
}

export const perf: PerfProbe = {
  frames: [],
  renders: [],
  snapshotMs: [],
  snapshotBytes: [],
  longTasks: [],
  inFlight: 0,
  snapshots: 0,
  ticks: 0,
  reset() {
    this.frames.length = 0;
    this.renders.length = 0;
    this.snapshotMs.length = 0;
    this.snapshotBytes.length = 0;
    this.longTasks.length = 0;
    this.snapshots = 0;
    this.ticks = 0;
  },
  measureSize(on) {
    sizeHook(on);
  },
  summary() {
    const mean = (a: number[]) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : 0);
    const frameMean = mean(this.frames);
    return {
      fps: frameMean > 0 ? 1000 / frameMean : 0,
      frameP50: pct(this.frames, 0.5),
      frameP95: pct(this.frames, 0.95),
      frameMax: this.frames.length ? Math.max(...this.frames) : 0,
      renderP95: pct(this.renders, 0.95),
      snapshotMsP50: pct(this.snapshotMs, 0.5),
      snapshotMsP95: pct(this.snapshotMs, 0.95),
      snapshotBytesP50: pct(this.snapshotBytes, 0.5),
      snapshotBytesMax: this.snapshotBytes.length ? Math.max(...this.snapshotBytes) : 0,
      longTasks: this.longTasks.length,
      longestTask: this.longTasks.length ? Math.max(...this.longTasks) : 0,
      inFlight: this.inFlight,
      snapshots: this.snapshots,
      ticks: this.ticks,
    };
  },
};

export function recordFrame(dt: number): void {
  push(perf.frames, dt);
}
export function recordRender(ms: number): void {
  push(perf.renders, ms);
}
export function recordSnapshot(buildMs: number, bytes: number | null, inFlight: number): void {
  perf.snapshots++;
  perf.inFlight = inFlight;
  push(perf.snapshotMs, buildMs);
  if (bytes !== null) push(perf.snapshotBytes, bytes);
}

declare global {
  interface Window {
    __quorumPerf?: PerfProbe;
  }
}

export function installPerf(): void {
  window.__quorumPerf = perf;
  try {
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) push(perf.longTasks, e.duration);
    });
    obs.observe({ type: 'longtask', buffered: true });
  } catch {
    // Long-task timing is not available in every browser; the rest still works.
  }
}
