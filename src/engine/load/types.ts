/**
 * What the load generator and a balancer exchange, and what a run keeps of each request.
 * Plain data, kept in SimState: keyframes and replays copy it like the rest of the world.
 */
import type { NodeId } from '../types';

/** A request from the load generator, as the balancer receives it. */
export interface LoadRequest {
  /** The request's id: its record is `requests[id - 1]`. */
  id: number;
  /** The user (closed model) or client host (open model) it comes from, 0-based. */
  client: number;
  /** What it asks for (`k1`…): consistent hashing hashes it. */
  key: string;
}

/** How a request ended, as the balancer reports it. */
export interface RequestOutcome {
  ok: boolean;
  /** An HTTP-like status: 200, 503 (rejected, no backend), 504 (timed out). */
  code: number;
  /** Words for a failure ("queue full", "timeout after 1000 ms"); "" when ok. */
  message: string;
  /** The backend of the last attempt, or null when none was tried. */
  backend: NodeId | null;
  /** At the backend of the answering attempt: when the request arrived, started, was served. */
  arrivedAt: number | null;
  startedAt: number | null;
  servedAt: number | null;
  /** Attempts made (1 plus retries). */
  attempts: number;
}

/** One request of a run, from its arrival in the system to its answer. */
export interface RequestRecord extends RequestOutcome {
  id: number;
  client: number;
  key: string;
  /** When the load generator issued it. */
  issuedAt: number;
  /** When its answer (or failure) reached the load generator; null while open. */
  completedAt: number | null;
}

/** The load generator's runtime state (SimState.load). */
export interface LoadState {
  /** Every request issued, in order (id = index + 1). */
  requests: RequestRecord[];
  /** Open model: the rate piece the next arrival is searched from. */
  piece: number;
  /**
   * Closed model: per user, the request it waits for (its id) or 0 while thinking. Open
   * model: empty.
   */
  waiting: number[];
}
