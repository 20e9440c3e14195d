/**
 * A backend's queue length over virtual time, kept cheaply and in bounded memory: per bucket
 * of `step` ms, the time integral (request·ms) of the requests waiting and of those in the
 * system (waiting or in service), and the most waiting at once. A change of level adds the
 * past segment to the buckets it spans: a few additions per change, nothing per sample.
 *
 * Bound: at most SERIES_BUCKETS buckets. When the run outgrows them, adjacent buckets are
 * merged in pairs and `step` doubles (integrals add exactly, so the time average over any
 * bucket range stays exact): 3 × 512 numbers per backend for a run of any length.
 */

/** Buckets kept at most (the step doubles beyond). */
export const SERIES_BUCKETS = 512;
/** The first bucket width, ms. */
export const SERIES_STEP = 100;

export interface QueueSeries {
  /** Bucket width, ms (SERIES_STEP × a power of two). */
  step: number;
  /** Per bucket from time 0: ∫ waiting dt and ∫ in-system dt over it (request·ms). */
  waitArea: number[];
  systemArea: number[];
  /** Per bucket: the most requests waiting at once in it. */
  maxWaiting: number[];
  /** The levels since `at` (not yet added to the buckets). */
  at: number;
  waiting: number;
  system: number;
  /** The bucket `at` is in and where it ends (the fast path: a change within it). */
  cur: number;
  curEnd: number;
}

export function freshSeries(): QueueSeries {
  return {
    step: SERIES_STEP,
    waitArea: [0],
    systemArea: [0],
    maxWaiting: [0],
    at: 0,
    waiting: 0,
    system: 0,
    cur: 0,
    curEnd: SERIES_STEP,
  };
}

export function copySeries(q: QueueSeries): QueueSeries {
  return {
    ...q,
    waitArea: q.waitArea.slice(),
    systemArea: q.systemArea.slice(),
    maxWaiting: q.maxWaiting.slice(),
  };
}

function coarsen(q: QueueSeries): void {
  const merge = (a: number[], f: (x: number, y: number) => number) => {
    const out: number[] = [];
    for (let i = 0; i < a.length; i += 2) out.push(i + 1 < a.length ? f(a[i]!, a[i + 1]!) : a[i]!);
    return out;
  };
  q.waitArea = merge(q.waitArea, (x, y) => x + y);
  q.systemArea = merge(q.systemArea, (x, y) => x + y);
  q.maxWaiting = merge(q.maxWaiting, Math.max);
  q.step *= 2;
  q.cur = Math.floor(q.cur / 2);
  q.curEnd = (q.cur + 1) * q.step;
}

/** The bucket of time t, coarsening until it fits; its slots exist afterwards. */
function bucket(q: QueueSeries, t: number): number {
  let b = Math.floor(t / q.step);
  while (b >= SERIES_BUCKETS) {
    coarsen(q);
    b = Math.floor(t / q.step);
  }
  while (q.waitArea.length <= b) {
    q.waitArea.push(0);
    q.systemArea.push(0);
    q.maxWaiting.push(0);
  }
  return b;
}

/** The levels change at `now` (ms): the segment since the last change is added first. */
export function seriesLevel(q: QueueSeries, now: number, waiting: number, system: number): void {
  const b = q.cur;
  if (now < q.curEnd) {
    // Within the current bucket (nearly every change): no division, no loop.
    const dt = now - q.at;
    q.waitArea[b]! += dt * q.waiting;
    q.systemArea[b]! += dt * q.system;
  } else {
    spread(q, now);
  }
  q.at = now;
  q.waiting = waiting;
  q.system = system;
  if (waiting > q.maxWaiting[q.cur]!) q.maxWaiting[q.cur] = waiting;
}

/** Adds the segment from `at` to `now` across the buckets it spans; `cur` becomes now's. */
function spread(q: QueueSeries, now: number): void {
  let t = q.at;
  const w = q.waiting;
  const s = q.system;
  while (t < now) {
    const b = bucket(q, t);
    const end = Math.min(now, (b + 1) * q.step);
    const dt = end - t;
    q.waitArea[b]! += dt * w;
    q.systemArea[b]! += dt * s;
    if (w > q.maxWaiting[b]!) q.maxWaiting[b] = w;
    t = end;
  }
  const b = bucket(q, now);
  if (w > q.maxWaiting[b]!) q.maxWaiting[b] = w;
  q.cur = b;
  q.curEnd = (b + 1) * q.step;
}

/** The series as the report and the lab show it: mean waiting per bucket up to `now`. */
export interface QueueOverTime {
  /** Bucket width, ms; bucket i covers [i·step, (i+1)·step), the last one up to `now`. */
  step: number;
  /** Mean requests waiting (not in service) per bucket, 3 decimals. */
  waiting: number[];
  /** Most requests waiting at once per bucket. */
  max: number[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Reads the series at `now` (≥ its last change) without changing it. */
export function queueOverTime(q: QueueSeries, now: number): QueueOverTime {
  const c = copySeries(q);
  if (now > c.at) seriesLevel(c, now, c.waiting, c.system);
  const n = now > 0 ? Math.floor((now - 1e-9) / c.step) + 1 : 0;
  const waiting: number[] = [];
  const max: number[] = [];
  for (let b = 0; b < n; b++) {
    const width = Math.min(c.step, now - b * c.step);
    waiting.push(round3((c.waitArea[b] ?? 0) / width));
    max.push(c.maxWaiting[b] ?? 0);
  }
  return { step: c.step, waiting, max };
}
