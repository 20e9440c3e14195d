/**
 * The timeline of the current branch, streamed to the UI append-only (TimelineUpdate): the
 * trace, its markers, the client operations as of the head, and fault periods when they
 * change. `gen` names a branch: a fork or an undo starts the stream over.
 */
import { computeFaults } from '../engine/analysis/faults';
import { computeMarkers } from '../engine/analysis/markers';
import type { RunHistory } from '../engine/history/history';
import type { TraceLog } from '../engine/history/traceLog';
import type { ClientOpRecord, TraceEntry, TraceKind } from '../engine/types';
import type { TimelineUpdate } from './protocol';
import { opSource } from './requestOps';

/** Trace kinds that can open or close a fault period (computeFaults). */
const FAULT_KINDS = new Set<TraceKind>([
  'crash',
  'restart',
  'pause',
  'resume',
  'partition',
  'cut',
  'link',
  'heal',
  'role',
]);
/** Most trace entries sent in one timeline update (a reset after a long run is split). */
const TRACE_CHUNK = 50_000;

/** What the UI has been sent of one branch's timeline. */
interface Streamed {
  gen: number;
  trace: TraceLog | null;
  traceLen: number;
  /** Strings of the trace's table the UI has (its new table holds the empty string). */
  stringsSent: number;
  /** The entries that open or close fault periods, so faults never walk the whole trace. */
  faultEntries: TraceEntry[];
  /** Client ops as of the head (copies), and how many of them are complete from the start. */
  ops: ClientOpRecord[];
  opsSettled: number;
  opsSent: number;
  /** Index of the first op that changed since the last update. */
  opsDirtyFrom: number;
  faultsDirty: boolean;
}

/** Length of the prefix of ops that are all complete, from a known complete prefix on. */
function settledPrefix(ops: readonly ClientOpRecord[], from: number): number {
  let i = Math.min(from, ops.length);
  while (i < ops.length && ops[i]!.completedAt !== null) i++;
  return i;
}

export class TimelineStream {
  private gen = 0;
  private streamed: Streamed;
  /** Head ops of the branches undoFork can go back to. */
  private branchOps: ClientOpRecord[][] = [];

  constructor(
    private readonly history: RunHistory,
    private readonly runId: number,
  ) {
    this.streamed = this.fresh();
  }

  private fresh(ops: ClientOpRecord[] = []): Streamed {
    return {
      gen: ++this.gen,
      trace: null,
      traceLen: 0,
      stringsSent: 1,
      faultEntries: [],
      ops,
      opsSettled: 0,
      opsSent: 0,
      opsDirtyFrom: 0,
      faultsDirty: true,
    };
  }

  /** A fork replaced the branch: remember its head ops for undo, stream the new one. */
  forked(): void {
    this.branchOps.push(this.streamed.ops);
    this.streamed = this.fresh();
  }

  /** Undo went back to the previous branch (the cursor is not at its head). */
  unforked(): void {
    const ops = this.branchOps.pop() ?? [];
    this.streamed = this.fresh(ops);
    this.streamed.opsSettled = settledPrefix(ops, 0);
  }

  /**
   * Client ops at the head, kept in copies, updated while the cursor is at the head (and
   * before every move away from it, so the copies are never behind the head).
   */
  trackHeadOps(): void {
    const cur = this.history.cursor;
    if (cur.eventId < this.history.head.eventId) return;
    const live = opSource(this.history.sim);
    const st = this.streamed;
    let from = st.opsSettled;
    if (live.count < from) from = 0;
    for (let i = from; i < live.count; i++) {
      const o = live.at(i);
      const had = st.ops[i];
      if (
        had &&
        had.completedAt === o.completedAt &&
        had.attempts === o.attempts &&
        had.ok === o.ok
      )
        continue;
      st.ops[i] = { ...o };
      st.opsDirtyFrom = Math.min(st.opsDirtyFrom, i);
    }
    if (st.ops.length > live.count) {
      st.ops.length = live.count;
      st.opsDirtyFrom = Math.min(st.opsDirtyFrom, live.count);
    }
    st.opsSettled = settledPrefix(st.ops, st.opsSettled);
  }

  /** What the UI has not seen yet of the branch's timeline, or null when nothing changed. */
  update(): TimelineUpdate | null {
    this.trackHeadOps();
    const st = this.streamed;
    const trace = this.history.trace;
    const reset = st.trace === null;
    if (st.trace !== trace) {
      // Another array: the branch changed under us (fork/undo), so start over.
      if (!reset) {
        this.streamed = this.fresh(st.ops);
        return this.update();
      }
      st.trace = trace;
    }
    const traceFrom = st.traceLen;
    const traceTo = Math.min(trace.length, traceFrom + TRACE_CHUNK);
    const opsFrom = Math.min(st.opsDirtyFrom, st.opsSent);
    const opsChanged = opsFrom < st.ops.length || st.ops.length !== st.opsSent;
    if (!reset && traceTo === traceFrom && !opsChanged) return null;
    const entries = trace.slice(traceFrom, traceTo);
    for (const e of entries) {
      if (!FAULT_KINDS.has(e.kind)) continue;
      st.faultEntries.push(e);
      st.faultsDirty = true;
    }
    const range = trace.exportRange(traceFrom, traceTo, st.stringsSent);
    const update: TimelineUpdate = {
      runId: this.runId,
      gen: st.gen,
      reset,
      traceFrom,
      trace: range,
      markers: computeMarkers(entries),
      opsFrom,
      ops: st.ops.slice(opsFrom),
      head: this.history.head,
    };
    st.traceLen = traceTo;
    st.stringsSent = trace.stringCount;
    st.opsSent = st.ops.length;
    st.opsDirtyFrom = st.ops.length;
    if (st.faultsDirty && traceTo === trace.length) {
      const end = trace.length > 0 ? trace.timeAt(trace.length - 1) : 0;
      update.faults = computeFaults(st.faultEntries, { endTime: end });
      st.faultsDirty = false;
    }
    return update;
  }
}
