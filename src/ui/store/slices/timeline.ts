/** The current branch's timeline as the worker streams it, and the fork notice. */
import type { FaultPeriod } from '../../../engine/analysis/faults';
import type { Marker } from '../../../engine/analysis/markers';
import { TraceLog } from '../../../engine/history/traceLog';
import type { ClientOpRecord } from '../../../engine/types';
import type { ForkInfo, TimelineUpdate } from '../../../worker/protocol';
import { send } from '../channel';
import type { Slice } from './types';

/**
 * The current branch's timeline as the worker streamed it (append-only; a new branch starts
 * over). The trace is kept in columns (traceLog.ts) and grows in place — copying the whole run on every update made the page's
 * work grow with the square of the run's length (issue 15) — so it is read together with
 * `traceLength`, the number of entries this timeline has: views select and memoize on that
 * (and on the array, which is a new one only for a new branch or run). Every other array is
 * replaced, never mutated, so views can memoize on it.
 */
export interface Timeline {
  runId: number;
  gen: number;
  /** The branch's trace so far, append-only: its first `traceLength` entries are this timeline's. */
  trace: TraceLog;
  /** How many trace entries this timeline has (its version: it only grows within a branch). */
  traceLength: number;
  markers: readonly Marker[];
  ops: readonly ClientOpRecord[];
  faults: readonly FaultPeriod[];
  head: { time: number; eventId: number };
}

export const EMPTY_TIMELINE: Timeline = {
  runId: -1,
  gen: -1,
  trace: new TraceLog(),
  traceLength: 0,
  markers: [],
  ops: [],
  faults: [],
  head: { time: 0, eventId: 0 },
};

/**
 * The timeline after an update: appended, or started over for a new branch. `cur` must be the
 * newest timeline (its trace is appended to in place).
 */
export function mergeTimeline(cur: Timeline, u: TimelineUpdate): Timeline {
  const fresh = u.reset || cur.runId !== u.runId || cur.gen !== u.gen;
  const base = fresh ? EMPTY_TIMELINE : cur;
  const ops = base.ops.slice(0, u.opsFrom);
  for (const o of u.ops) ops.push(o);
  let trace = base.trace;
  if (fresh) {
    // A branch's trace of its own, in columns like the worker's (the worker's string table
    // is sent from the start with the first update).
    trace = new TraceLog();
  } else if (trace.length > cur.traceLength) {
    // Entries past traceLength (none unless `cur` is not the newest) are not this branch's.
    trace.truncate(cur.traceLength);
  }
  trace.importRange(u.trace);
  return {
    runId: u.runId,
    gen: u.gen,
    trace,
    traceLength: trace.length,
    markers: u.markers.length === 0 ? base.markers : base.markers.concat(u.markers),
    ops,
    faults: u.faults ?? base.faults,
    head: u.head,
  };
}

export interface TimelineSlice {
  timeline: Timeline;
  /** The last fork, while its notice is shown. */
  fork: ForkInfo | null;
  undoFork(): void;
  dismissFork(): void;
}

export const timelineSlice: Slice<TimelineSlice> = (set) => ({
  timeline: EMPTY_TIMELINE,
  fork: null,
  undoFork: () => {
    set({ fork: null });
    send({ type: 'undoFork' });
  },
  dismissFork: () => set({ fork: null }),
});
