/**
 * A backend: `workers` parallel workers in front of one FIFO queue of `queueCap` places
 * (unbounded when null). A request that finds a worker free starts at once; one that finds
 * them all busy waits; one that finds the queue full is refused at once with 503. A service
 * takes a draw from the service-time distribution divided by the backend's speed (the speed
 * when the service starts: a `speed` action slows the services that start after it).
 * Health probes are answered at once, beside the queue, while the process runs.
 */
import type { ClientRequest, Envelope, ProtocolContext } from '../../types';
import { BALANCER } from '../../protocol';
import { copySeries, freshSeries, seriesLevel } from './queueSeries';
import { serviceFrom } from './service';
import type { BackendPersistent, BackendState, Job, LbConfig, LbMessage } from './types';

type Ctx = ProtocolContext<LbMessage>;

/** Timer names of the workers, made once (a service ends on its worker's timer). */
const WORKER_TIMERS = Array.from({ length: 1000 }, (_, w) => `w${w}`);
/** Worker index by timer name (no string slicing and parsing per service). */
const WORKER_INDEX: ReadonlyMap<string, number> = new Map(WORKER_TIMERS.map((t, w) => [t, w]));
/** Dropped popped slots at the head of a queue once there are this many. */
const COMPACT_AT = 1024;

export function freshBackend(ctx: Ctx, c: LbConfig, p: BackendPersistent): BackendState {
  // The series goes on from where it stopped: empty while the backend was down.
  const series = copySeries(p.series);
  seriesLevel(series, ctx.now(), 0, 0);
  return {
    id: ctx.self,
    workers: c.workers,
    queueCap: c.queue,
    service: c.service,
    speed: p.speed,
    busy: Array.from({ length: c.workers }, () => null),
    queue: [],
    head: 0,
    stats: { ...p.stats },
    series,
  };
}

export function initialPersistent(c: LbConfig, self: string): BackendPersistent {
  return {
    speed: c.speeds[self] ?? 1,
    workers: c.workers,
    stats: { served: 0, rejected: 0, busyTime: 0, maxQueue: 0 },
    series: freshSeries(),
  };
}

export function waiting(s: BackendState): number {
  return s.queue.length - s.head;
}

export function inService(s: BackendState): number {
  let n = 0;
  for (const j of s.busy) if (j) n++;
  return n;
}

function start(s: BackendState, worker: number, job: Job, fromQueue: boolean, ctx: Ctx): void {
  job.startedAt = ctx.now();
  s.busy[worker] = job;
  const q = s.series;
  // From the queue (waiting − 1) or from outside (one more in the system).
  if (fromQueue) seriesLevel(q, job.startedAt, q.waiting - 1, q.system);
  else seriesLevel(q, job.startedAt, q.waiting, q.system + 1);
  const time = serviceFrom(s.service, ctx) / s.speed;
  ctx.setTimer(WORKER_TIMERS[worker]!, time);
}

/** A request arrives: serve it, queue it, or refuse it. */
function admit(s: BackendState, job: Job, ctx: Ctx): void {
  const free = s.busy.indexOf(null);
  if (free >= 0) return start(s, free, job, false, ctx);
  if (s.queueCap !== null && waiting(s) >= s.queueCap) {
    s.stats.rejected++;
    answer(job, 503, null, ctx);
    return;
  }
  s.queue.push(job);
  const w = waiting(s);
  if (w > s.stats.maxQueue) s.stats.maxQueue = w;
  seriesLevel(s.series, job.arrivedAt, w, s.series.system + 1);
}

function answer(job: Job, code: 200 | 503, startedAt: number | null, ctx: Ctx): void {
  if (job.direct) {
    ctx.reply(
      job.direct,
      code === 200 ? { ok: true, value: null } : { ok: false, error: 'queue full' },
    );
    return;
  }
  ctx.send(BALANCER, {
    type: 'response',
    id: job.id,
    attempt: job.attempt,
    code,
    arrivedAt: job.arrivedAt,
    startedAt,
    servedAt: ctx.now(),
  });
}

export function onBackendMessage(s: BackendState, m: Envelope<LbMessage>, ctx: Ctx): void {
  const msg = m.payload;
  if (msg.type === 'request') {
    const now = ctx.now();
    admit(
      s,
      { id: msg.id, attempt: msg.attempt, arrivedAt: now, startedAt: now, direct: null },
      ctx,
    );
  } else if (msg.type === 'probe') {
    ctx.send(BALANCER, { type: 'probe-ok', seq: msg.seq });
  }
}

/** A request sent to this backend directly (the `request` action): served like the rest. */
export function onDirectRequest(s: BackendState, req: ClientRequest, ctx: Ctx): void {
  const now = ctx.now();
  admit(s, { id: 0, attempt: 0, arrivedAt: now, startedAt: now, direct: req }, ctx);
}

/** A worker's service ended: answer, then take the next waiting job. */
export function onWorkerTimer(s: BackendState, timer: string, ctx: Ctx): void {
  const worker = WORKER_INDEX.get(timer) ?? Number(timer.slice(1));
  const job = s.busy[worker];
  if (!job) return;
  s.busy[worker] = null;
  const q = s.series;
  seriesLevel(q, ctx.now(), q.waiting, q.system - 1);
  s.stats.served++;
  s.stats.busyTime += ctx.now() - job.startedAt;
  answer(job, 200, job.startedAt, ctx);
  const next = popWaiting(s);
  if (next) start(s, worker, next, true, ctx);
}

/** The first waiting job, or null. */
function popWaiting(s: BackendState): Job | null {
  if (s.head >= s.queue.length) return null;
  const next = s.queue[s.head]!;
  s.head++;
  if (s.head === s.queue.length) {
    s.queue.length = 0;
    s.head = 0;
  } else if (s.head >= COMPACT_AT && s.head * 2 >= s.queue.length) {
    // A long queue: drop the popped slots in one go rather than shifting at every pop.
    s.queue = s.queue.slice(s.head);
    s.head = 0;
  }
  return next;
}

/** The `speed` action (the simulator records it in the trace). */
export function setSpeed(s: BackendState, factor: number): void {
  s.speed = factor;
}
