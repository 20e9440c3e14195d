/**
 * The simulator's whole mutable world as plain data (clone it and you have a keyframe), and
 * the small rules of time and priority every part of the simulator shares.
 */
import type { Observation } from '../protocol';
import type { LoadState } from '../load/types';
import type { RngState } from '../rng';
import type {
  ClientOpRecord,
  ClientRuntime,
  LeaderRecord,
  NodeRuntime,
  PendingOp,
  QueuedEvent,
  SimStats,
  TraceEntry,
  Violation,
} from '../types';

/** Times are kept to the microsecond so float sums stay short and readable in traces. */
export function at(base: number, delay: number): number {
  return Math.round((base + delay) * 1000) / 1000;
}

/** Actions run after every ordinary event of the same virtual time. */
export const ACTION_PRIORITY = 1;
export const EVENT_PRIORITY = 0;

/** Why a run stopped before its end (the simulator's zero-time guard, the lab's event budget). */
export interface RunStop {
  time: number;
  /** The last event processed. */
  eventId: number;
  reason: string;
}

/** The entire mutable world of a run. Plain data: clone it and you have a keyframe. */
export interface SimState<S> {
  time: number;
  seq: number;
  /**
   * Actions take their order from their own counter, so that a user action taken live
   * shifts no other event's sequence number: replaying it as a scripted action is exact.
   */
  actionSeq: number;
  /** Ids of processed events: the last one processed. */
  eventId: number;
  queue: QueuedEvent[];
  nodes: NodeRuntime<S>[];
  /** cut[i][j]: the link from node i to node j is down. */
  cut: boolean[][];
  /**
   * Workload clients a partition placed on one side: clientCut[c][j], client c cannot reach
   * server j (both ways). A client not listed reaches every server.
   */
  clientCut: Record<string, boolean[]>;
  /** When the last fault or repair took effect (crash, restart, pause end, link change). */
  lastFault: number;
  rng: {
    network: RngState;
    workload: RngState;
    nodes: RngState[];
    /** The load generator's arrivals, think times and keys; the balancer's own draws. */
    load: RngState;
    balancer: RngState;
  };
  clients: ClientRuntime[];
  clientOps: ClientOpRecord[];
  pendingOps: Record<number, PendingOp>;
  userSeq: number;
  /** The scenario's load (Routing `balancer`): its requests and generator; else null. */
  load: LoadState | null;
  /** The module's balancer state (plain data, as its BalancerHook made it), or null. */
  balancer: unknown;
  workloadEnabled: boolean;
  workloadRate: number;
  leaders: LeaderRecord[];
  /** Each node's last observation, to notice role changes (role "down" while crashed). */
  observed: Observation[];
  violations: Violation[];
  violationKeys: Record<string, true>;
  checkerMemory: unknown[];
  stats: SimStats;
  nextMsgId: number;
  /**
   * Events processed in a row at the clock's current time. A run that reaches
   * LIMITS.sameTimeEvents of them is stopped: virtual time would never advance again.
   */
  sameTimeEvents: number;
  /** Set when the run was stopped before its end: nothing is processed after it. */
  stopped: RunStop | null;
  trace: TraceEntry[];
}

export interface SimOptions {
  /** Record the full trace (the UI and --trace need it; batch runs do not). */
  trace?: boolean;
}
