/**
 * The run history's vocabulary: moments and positions in a run (an "event" position just
 * after an event, a "time" position with every event due by then processed), keyframes,
 * branches, and their order.
 */
import { bisector } from 'd3-array';
import type { TraceLog } from './traceLog';
import type { SimState } from '../simulator';
import type { TimedAction } from '../types';

/**
 * Events between keyframes. A seek restores one and replays at most this many events; the
 * restore got about four times cheaper (keyframeStore.ts), so 1500 seeks about as fast as
 * 1000 did before (bench/history.ts) with a third fewer keyframes (issue 15: history memory).
 */
export const DEFAULT_KEYFRAME_EVERY = 1500;

export interface HistoryOptions {
  /** Events between keyframes: memory falls and seek time grows with it. */
  keyframeEvery?: number;
  /** Events computed at most (default: labEventBudget of the scenario's node count). */
  maxEvents?: number;
}

/** A displayed moment: virtual time and the id of the last processed event. */
export interface Moment {
  time: number;
  eventId: number;
}

/** A user action as the history logged it: its time and the id of the event that applied it. */
export interface UserAction extends TimedAction {
  eventId: number;
}

export interface ActResult {
  /** The cursor was before the head: the computed future was replaced (undoFork restores it). */
  forked: boolean;
  /** User actions of the replaced future that the new branch no longer contains. */
  droppedActions: number;
}

export type Kind = 'event' | 'time';

export interface Position extends Moment {
  kind: Kind;
}

export interface Keyframe {
  eventId: number;
  time: number;
  /** Trace entries recorded up to this keyframe (the trace itself is kept once per branch). */
  traceLength: number;
  state: Omit<SimState<unknown>, 'trace'>;
}

export interface Branch {
  actions: UserAction[];
  keyframes: Keyframe[];
  trace: TraceLog;
  head: Position;
  /** Where the cursor was when this branch was left. */
  cursor: Position;
}

export function comparePos(a: Position, b: Position): number {
  if (a.eventId !== b.eventId) return a.eventId - b.eventId;
  if (a.kind !== b.kind) return a.kind === 'event' ? -1 : 1;
  return a.kind === 'time' ? a.time - b.time : 0;
}

/** Index of the last element with key ≤ x (elements sorted by key), or -1. */
export function lastAtOrBefore<T>(
  items: readonly T[],
  key: (item: T) => number,
  x: number,
): number {
  return bisector(key).right(items, x) - 1;
}
