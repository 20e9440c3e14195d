/** The current branch's timeline as the worker streams it, and the fork notice. */
import type { FaultPeriod } from '../../../engine/analysis/faults';
import type { Marker } from '../../../engine/analysis/markers';
import type { ClientOpRecord, TraceEntry } from '../../../engine/types';
import type { ForkInfo, TimelineUpdate } from '../../../worker/protocol';
import { send } from '../channel';
import type { Slice } from './types';

/**
 * The current branch's timeline as the worker streamed it (append-only; a new branch starts
 * over). Arrays are replaced, never mutated, so views can memoize on them.
 */
export interface Timeline {
  runId: number;
  gen: number;
  trace: readonly TraceEntry[];
  markers: readonly Marker[];
  ops: readonly ClientOpRecord[];
  faults: readonly FaultPeriod[];
  head: { time: number; eventId: number };
}

export const EMPTY_TIMELINE: Timeline = {
  runId: -1,
  gen: -1,
  trace: [],
  markers: [],
  ops: [],
  faults: [],
  head: { time: 0, eventId: 0 },
};

/** The timeline after an update: appended, or started over for a new branch. */
export function mergeTimeline(cur: Timeline, u: TimelineUpdate): Timeline {
  const fresh = u.reset || cur.runId !== u.runId || cur.gen !== u.gen;
  const base = fresh ? EMPTY_TIMELINE : cur;
  const ops = base.ops.slice(0, u.opsFrom);
  for (const o of u.ops) ops.push(o);
  return {
    runId: u.runId,
    gen: u.gen,
    trace: u.trace.length === 0 ? base.trace : base.trace.concat(u.trace),
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
