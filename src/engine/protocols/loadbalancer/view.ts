/**
 * Backends as the lab and the CLI show them: small, structured-cloneable projections. A down
 * backend shows its counters and speed (what it persisted); its queue was volatile.
 */
import type { NodeRead } from '../../protocol';
import type { BackendReport } from '../../load/report';
import { inService, waiting } from './backend';
import { queueOverTime } from './queueSeries';
import type { QueueOverTime } from './queueSeries';
import type { BackendPersistent, BackendState, BalancerState } from './types';

export type BackendRead = NodeRead<BackendState, BackendPersistent>;

export interface BackendView {
  /** Requests waiting, and in service (0 when down). */
  waiting: number;
  inService: number;
  workers: number;
  speed: number;
  served: number;
  rejected: number;
  maxQueue: number;
}

/** Whether the balancer sends a backend requests: its health as the balancer judges it. */
export type BackendHealth = 'in rotation' | 'down' | 'ejected';

/** A backend as the balancer sees it (it learns of backends only through their answers). */
export interface BalancerSeen {
  health: BackendHealth;
  /** Attempts sent to it, and those not yet answered or timed out. */
  sent: number;
  outstanding: number;
  /** Attempts that failed at it (timed out or refused). */
  failed: number;
  /** Health probes failed in a row (active checks). */
  probeFailures: number;
  /** Ejected by outlier detection until then (ms), or null. */
  ejectedUntil: number | null;
}

export interface LbView {
  /** Index-aligned with the snapshot's nodes. */
  backends: BackendView[];
  /** Share of each backend's worker time spent serving since the start, 0–1 (index-aligned). */
  utilisation: number[];
  /** The balancer's view of each backend, index-aligned; null before the balancer exists. */
  seen: BalancerSeen[] | null;
  /** Retries the balancer sent so far. */
  retries: number;
  /** Each backend's queue over virtual time up to now, index-aligned (null: no series). */
  queues: (QueueOverTime | null)[];
}

export interface LbDetail extends BackendView {
  /** Ids of the requests in service, then of the first waiting ones. */
  serving: number[];
  queued: number[];
}

/** Requests the inspector lists at most from a queue. */
const DETAIL_QUEUE = 50;

export function backendView(n: BackendRead): BackendView {
  const s = n.state;
  const stats = s?.stats ?? n.persisted?.stats;
  return {
    waiting: s ? waiting(s) : 0,
    inService: s ? inService(s) : 0,
    workers: s?.workers ?? 0,
    speed: s?.speed ?? n.persisted?.speed ?? 1,
    served: stats?.served ?? 0,
    rejected: stats?.rejected ?? 0,
    maxQueue: stats?.maxQueue ?? 0,
  };
}

export function backendDetail(n: BackendRead): LbDetail {
  const s = n.state;
  return {
    ...backendView(n),
    serving: s ? s.busy.flatMap((j) => (j ? [j.id] : [])) : [],
    queued: s ? s.queue.slice(s.head, s.head + DETAIL_QUEUE).map((j) => j.id) : [],
  };
}

/**
 * A backend's line of the load report at time `now`: the services still running count
 * towards its utilisation up to now. `workers` comes from the config (a down backend has no
 * state to read it from).
 */
export function backendReport(n: BackendRead, workers: number, now: number): BackendReport {
  const s = n.state;
  const stats = s?.stats ?? n.persisted?.stats;
  let busy = stats?.busyTime ?? 0;
  if (s) for (const j of s.busy) if (j) busy += now - j.startedAt;
  return {
    id: n.id,
    served: stats?.served ?? 0,
    utilisation: now > 0 ? busy / (workers * now) : 0,
    maxQueue: stats?.maxQueue ?? 0,
  };
}

/** A backend's queue over virtual time up to `now`, or null when it has no series. */
export function backendQueue(n: BackendRead, now: number): QueueOverTime | null {
  const series = n.state?.series ?? n.persisted?.series;
  return series ? queueOverTime(series, now) : null;
}

/** The balancer's view of backend i at time `now`. */
export function balancerSeen(b: BalancerState, i: number, now: number): BalancerSeen {
  const ejected = b.ejectedUntil[i]! > now;
  return {
    // Marked down by the checks wins: an ejection ends on its own, a down mark does not.
    health: b.down[i] ? 'down' : ejected ? 'ejected' : 'in rotation',
    sent: b.sent[i]!,
    outstanding: b.outstanding[i]!,
    failed: b.failed[i]!,
    probeFailures: b.failures[i]!,
    ejectedUntil: ejected ? b.ejectedUntil[i]! : null,
  };
}

export function lbView(
  nodes: readonly BackendRead[],
  facts: { time: number; balancer: BalancerState | null } | undefined,
): LbView {
  const b = facts?.balancer ?? null;
  const now = facts?.time ?? 0;
  return {
    backends: nodes.map(backendView),
    utilisation: nodes.map(
      (n) => backendReport(n, n.state?.workers ?? n.persisted?.workers ?? 1, now).utilisation,
    ),
    seen: b === null ? null : b.backends.map((_, i) => balancerSeen(b, i, now)),
    retries: b?.retriesSent ?? 0,
    queues: nodes.map((n) => backendQueue(n, now)),
  };
}
