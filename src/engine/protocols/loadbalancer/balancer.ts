/**
 * The balancer between the load generator and the backends (the module's BalancerHook): it
 * picks a backend for each attempt (strategies.ts), waits for the answer at most `timeout`
 * ms, retries a timed-out or refused attempt on another backend while the request has
 * retries left and the retry budget allows, and reports each request's outcome.
 *
 * Retry budget (Finagle's RetryBudget, simplified): a bucket of at most RETRY_BURST tokens,
 * full at the start; every new request adds `retryBudget` tokens and every retry takes one,
 * so over time retries are at most that share of requests.
 *
 * Timeouts: the timeout is the same for every attempt, so deadlines come due in the order the
 * attempts were sent: they wait in one FIFO with a single timer armed for the oldest one
 * still open, rather than one queued event per attempt.
 */
import type { BalancerContext, BalancerHook } from '../../protocol';
import type { LoadRequest, RequestOutcome } from '../../load/types';
import type { Envelope } from '../../types';
import {
  attemptFailed,
  attemptSucceeded,
  onHealthTimer,
  onProbeAnswer,
  startHealthChecks,
} from './health';
import { HEALTH_TIMER } from './health';
import { buildRing } from './ring';
import { observeLatency, pick } from './strategies';
import type { Attempt, BalancerState, LbConfig, LbMessage } from './types';

type Ctx = BalancerContext<LbMessage>;

/** Tokens the retry budget holds at most (a burst of retries it allows at once). */
export const RETRY_BURST = 10;
const TIMEOUT_TIMER = 'timeout';
/** Dropped slots at the head of the deadline FIFO once there are this many numbers. */
const COMPACT_AT = 3072;
/** Half the simulator's time resolution (1 µs), ms. */
const DUE_SLACK = 0.0005;

export function initBalancer(ctx: Ctx, config: LbConfig): BalancerState {
  const n = ctx.backends.length;
  const zeros = () => Array.from({ length: n }, () => 0);
  const ring = buildRing(ctx.backends);
  const b: BalancerState = {
    config,
    backends: [...ctx.backends],
    sent: zeros(),
    outstanding: zeros(),
    failed: zeros(),
    pending: {},
    deadlines: [],
    deadlineHead: 0,
    timeoutArmed: -1,
    cursor: 0,
    current: zeros(),
    ewma: zeros(),
    ewmaAt: zeros(),
    ringPoints: ring.points,
    ringOwners: ring.owners,
    down: Array.from({ length: n }, () => false),
    failures: zeros(),
    probe: zeros(),
    probeSeq: 0,
    errors: zeros(),
    ejectedUntil: zeros(),
    dnsBackend: Array.from({ length: ctx.clients }, () => -1),
    dnsExpires: Array.from({ length: ctx.clients }, () => 0),
    tokens: RETRY_BURST,
    retriesSent: 0,
  };
  startHealthChecks(b, ctx);
  return b;
}

function send(b: BalancerState, id: number, p: Attempt, ctx: Ctx): void {
  b.sent[p.backend]!++;
  b.outstanding[p.backend]!++;
  b.pending[id] = p;
  ctx.send(b.backends[p.backend]!, { type: 'request', id, attempt: p.attempt, key: p.key });
  const timeout = b.config.timeout;
  if (timeout === null) return;
  const due = p.sentAt + timeout;
  b.deadlines.push(id, p.attempt, due);
  if (b.timeoutArmed < 0) {
    b.timeoutArmed = due;
    ctx.setTimer(TIMEOUT_TIMER, timeout, 0);
  }
}

function finish(b: BalancerState, id: number, outcome: RequestOutcome, ctx: Ctx): void {
  delete b.pending[id];
  ctx.complete(id, outcome);
}

const failure = (
  code: number,
  message: string,
  backend: string | null,
  attempts: number,
): RequestOutcome => ({
  ok: false,
  code,
  message,
  backend,
  arrivedAt: null,
  startedAt: null,
  servedAt: null,
  attempts,
});

function onRequest(b: BalancerState, req: LoadRequest, ctx: Ctx): void {
  if (b.config.retryBudget !== null) {
    b.tokens = Math.min(RETRY_BURST, b.tokens + b.config.retryBudget);
  }
  const i = pick(b, req, -1, ctx);
  if (i < 0) return ctx.complete(req.id, failure(503, 'no backend available', null, 0));
  const attempt: Attempt = {
    attempt: 1,
    backend: i,
    sentAt: ctx.now(),
    tries: 1,
    key: req.key,
    client: req.client,
  };
  send(b, req.id, attempt, ctx);
}

/**
 * Attempt `p` of request `id` failed at its backend: retry elsewhere if allowed, else the
 * request fails with this code.
 */
function failed(b: BalancerState, id: number, p: Attempt, fail: RequestOutcome, ctx: Ctx): void {
  attemptFailed(b, p.backend, ctx);
  const budget = b.config.retryBudget;
  if (p.tries <= b.config.retries && (budget === null || b.tokens >= 1)) {
    const req: LoadRequest = { id, client: p.client, key: p.key };
    const i = pick(b, req, p.backend, ctx);
    if (i >= 0) {
      if (budget !== null) b.tokens -= 1;
      b.retriesSent++;
      const next = {
        ...p,
        attempt: p.attempt + 1,
        backend: i,
        sentAt: ctx.now(),
        tries: p.tries + 1,
      };
      send(b, id, next, ctx);
      return;
    }
  }
  finish(b, id, fail, ctx);
}

function onMessage(b: BalancerState, env: Envelope<LbMessage>, ctx: Ctx): void {
  const m = env.payload;
  const i = b.backends.indexOf(env.from);
  if (i < 0) return;
  if (m.type === 'probe-ok') return onProbeAnswer(b, i, m.seq, ctx);
  if (m.type !== 'response') return;
  const p = b.pending[m.id];
  // The answer to an attempt that timed out already (its backend served it all the same).
  if (!p || p.attempt !== m.attempt) return;
  b.outstanding[i]!--;
  const now = ctx.now();
  observeLatency(b, i, now - p.sentAt, now);
  if (m.code === 200) {
    attemptSucceeded(b, i);
    // One outcome object, built in place (no spread per request).
    const outcome: RequestOutcome = {
      ok: true,
      code: 200,
      message: '',
      backend: env.from,
      arrivedAt: m.arrivedAt,
      startedAt: m.startedAt,
      servedAt: m.servedAt,
      attempts: p.tries,
    };
    finish(b, m.id, outcome, ctx);
  } else {
    const fail: RequestOutcome = {
      ok: false,
      code: 503,
      message: 'queue full',
      backend: env.from,
      arrivedAt: m.arrivedAt,
      startedAt: m.startedAt,
      servedAt: m.servedAt,
      attempts: p.tries,
    };
    failed(b, m.id, p, fail, ctx);
  }
}

function onTimeoutTimer(b: BalancerState, ctx: Ctx): void {
  const now = ctx.now();
  const d = b.deadlines;
  const timeout = b.config.timeout!;
  // Retries sent below must not arm a timer of their own: this one re-arms once, at the end.
  b.timeoutArmed = now;
  let h = b.deadlineHead;
  for (; h < d.length; h += 3) {
    const id = d[h]!;
    const p = b.pending[id];
    const current = p !== undefined && p.attempt === d[h + 1];
    if (!current) continue; // Answered, or superseded by a retry: nothing to time out.
    // Timers fire on the simulator's microsecond grid: a deadline within it is due.
    if (d[h + 2]! > now + DUE_SLACK) break;
    b.outstanding[p.backend]!--;
    // A timeout is a latency of at least `timeout`: peak-EWMA must not keep favouring it.
    observeLatency(b, p.backend, timeout, now);
    const fail = failure(504, `timeout after ${timeout} ms`, b.backends[p.backend]!, p.tries);
    failed(b, id, p, fail, ctx);
  }
  if (h >= d.length) {
    d.length = 0;
    h = 0;
  } else if (h >= COMPACT_AT) {
    b.deadlines = d.slice(h);
    h = 0;
  }
  b.deadlineHead = h;
  b.timeoutArmed = -1;
  if (h < b.deadlines.length) {
    const due = b.deadlines[h + 2]!;
    b.timeoutArmed = due;
    ctx.setTimer(TIMEOUT_TIMER, due - now, 0);
  }
}

export const balancerHook: BalancerHook<BalancerState, LbMessage, LbConfig> = {
  init: initBalancer,
  onRequest,
  onMessage,
  onTimer(b, name, _arg, ctx) {
    if (name === TIMEOUT_TIMER) onTimeoutTimer(b, ctx);
    else if (name === HEALTH_TIMER) onHealthTimer(b, ctx);
  },
};
