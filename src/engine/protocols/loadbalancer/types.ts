/**
 * The load balancer's plain-data state and messages: backends (the scenario's nodes) that
 * queue and serve requests, and the balancer in front of them (SimState.balancer).
 */
import type { ClientRequest, NodeId } from '../../types';
import type { QueueSeries } from './queueSeries';

export type Strategy =
  | 'round-robin'
  | 'weighted-round-robin'
  | 'random'
  | 'least-connections'
  | 'p2c'
  | 'peak-ewma'
  | 'consistent-hash'
  | 'dns-round-robin';

export type Distribution = 'exponential' | 'constant' | 'uniform' | 'lognormal' | 'bimodal';

/** A service-time distribution: its mean and standard deviation in ms (config.ts). */
export interface ServiceTime {
  distribution: Distribution;
  mean: number;
  /** The standard deviation; null: the distribution's default (config.ts). */
  sigma: number | null;
}

/** The scenario section `"loadbalancer": { … }` with its defaults filled in. */
export interface LbConfig {
  strategy: Strategy;
  workers: number;
  /** Places in each backend's queue (beside its workers); null: unbounded. */
  queue: number | null;
  weights: Record<NodeId, number>;
  service: ServiceTime;
  speeds: Record<NodeId, number>;
  healthCheck: { interval: number; threshold: number } | null;
  outlier: { consecutiveErrors: number; ejectionTime: number } | null;
  dnsTtl: number;
  retries: number;
  /** Retries allowed per request on average (a token bucket); null: no budget. */
  retryBudget: number | null;
  /** Per attempt, ms; null: wait for ever. */
  timeout: number | null;
  /** Consistent hashing with bounded loads: no backend takes more than this × the mean. */
  hashBalance: number;
}

/** Balancer ↔ backend messages. */
export type LbMessage =
  | { type: 'request'; id: number; attempt: number; key: string }
  | {
      type: 'response';
      id: number;
      attempt: number;
      /** 200 served, 503 refused (the queue was full). */
      code: 200 | 503;
      arrivedAt: number;
      startedAt: number | null;
      servedAt: number;
    }
  | { type: 'probe'; seq: number }
  | { type: 'probe-ok'; seq: number };

/** A request at a backend, waiting or in service. */
export interface Job {
  /** The balancer's request id and attempt (0 for a hand-sent request). */
  id: number;
  attempt: number;
  arrivedAt: number;
  startedAt: number;
  /** A request a client sent to this backend directly (the `request` action), or null. */
  direct: ClientRequest | null;
}

/** Counters of a backend; they survive a crash (monitoring, not process state). */
export interface BackendStats {
  served: number;
  rejected: number;
  /** Worker-ms spent serving (completed services only; see view.ts for the running ones). */
  busyTime: number;
  /** Most requests waiting at once (those in service not counted). */
  maxQueue: number;
}

export interface BackendState {
  id: NodeId;
  workers: number;
  queueCap: number | null;
  service: ServiceTime;
  /** Service times are divided by it: 0.5 serves at half speed. */
  speed: number;
  /** Per worker: the job in service, or null when idle. */
  busy: (Job | null)[];
  /** Waiting jobs, FIFO from `head` (popped slots are dropped in batches). */
  queue: Job[];
  head: number;
  stats: BackendStats;
  /** Queue length over virtual time (queueSeries.ts); it survives a crash like the stats. */
  series: QueueSeries;
}

/** What survives a crash: the machine (its speed, its workers) and the counters. */
export interface BackendPersistent {
  speed: number;
  workers: number;
  stats: BackendStats;
  series: QueueSeries;
}

/** An attempt the balancer waits for. */
export interface Attempt {
  attempt: number;
  backend: number;
  sentAt: number;
  /** Attempts made so far (1 + retries). */
  tries: number;
  key: string;
  client: number;
}

/** The balancer (SimState.balancer). Backends are referred to by index into `backends`. */
export interface BalancerState {
  config: LbConfig;
  backends: NodeId[];
  /** Attempts sent to each backend, in all. */
  sent: number[];
  /** Attempts sent and not yet answered or timed out, per backend (the balancer's view). */
  outstanding: number[];
  /** Attempts that failed at each backend (timed out or refused), in all: the lab shows them. */
  failed: number[];
  /** Requests waiting for an answer, by id. */
  pending: Record<number, Attempt>;
  /** Attempt deadlines in sending order (the timeout is constant): [id, attempt, due]… */
  deadlines: number[];
  deadlineHead: number;
  /** The due time of the armed timeout timer, or -1. */
  timeoutArmed: number;
  /** Round-robin cursor (round-robin, dns answers, tie-breaks). */
  cursor: number;
  /** Smooth weighted round-robin's current weights (nginx). */
  current: number[];
  /** Peak-EWMA latency estimate per backend, ms, and when it was last updated. */
  ewma: number[];
  ewmaAt: number[];
  /** Consistent hashing: ring points (sorted) and the backend of each. */
  ringPoints: number[];
  ringOwners: number[];
  /** Active health checks: marked down, consecutive failures, probe awaited (its seq or 0). */
  down: boolean[];
  failures: number[];
  probe: number[];
  probeSeq: number;
  /** Passive outlier ejection: consecutive errors, ejected until (ms; 0 when not). */
  errors: number[];
  ejectedUntil: number[];
  /** DNS round robin: per client, the cached backend (-1: none) and when the answer expires. */
  dnsBackend: number[];
  dnsExpires: number[];
  /** Retry budget tokens. */
  tokens: number;
  retriesSent: number;
}
