import { describe, expect, it } from 'vitest';
import { traceOf } from '../../../engine/analysis/testTrace';
import { TraceLog } from '../../../engine/history/traceLog';
import type { TraceRange } from '../../../engine/history/traceLog';
import type { ClientOpRecord, TraceEntry } from '../../../engine/types';
import type { TimelineUpdate } from '../../../worker/protocol';
import { EMPTY_TIMELINE, mergeTimeline } from './timeline';

const op = (id: number, completedAt: number | null): ClientOpRecord => ({
  id,
  client: 'c1',
  op: 'get',
  key: 'x',
  value: null,
  invokedAt: 0,
  completedAt,
  ok: completedAt !== null,
  result: null,
  attempts: 1,
});

/** Entries as the worker sends them: in columns, with the strings a fresh page lacks. */
function cols(entries: readonly TraceEntry[]): TraceRange {
  return TraceLog.from(entries).exportRange(0, entries.length, 1);
}

function update(over: Partial<TimelineUpdate>): TimelineUpdate {
  return {
    runId: 1,
    gen: 0,
    reset: false,
    traceFrom: 0,
    trace: cols([]),
    markers: [],
    opsFrom: 0,
    ops: [],
    head: { time: 0, eventId: 0 },
    ...over,
  };
}

describe('mergeTimeline', () => {
  const trace = traceOf([
    [0, 'crash', { node: 'S1' }],
    [5, 'restart', { node: 'S1' }],
  ]);
  // One worker-side log: its first range carries the whole string table, the next none.
  const src = TraceLog.from(trace);
  const head = () => src.exportRange(0, 1, 1);
  const rest = () => src.exportRange(1, 2, src.stringCount);
  const first = mergeTimeline(
    EMPTY_TIMELINE,
    update({ reset: true, trace: head(), ops: [op(1, null)] }),
  );

  it('appends the trace and replaces ops from opsFrom on', () => {
    const next = mergeTimeline(
      first,
      update({ traceFrom: 1, trace: rest(), opsFrom: 0, ops: [op(1, 9), op(2, null)] }),
    );
    expect(next.trace.slice()).toEqual(trace);
    expect(next.traceLength).toBe(2);
    expect(next.ops.map((o) => [o.id, o.completedAt])).toEqual([
      [1, 9],
      [2, null],
    ]);
    expect(next.faults).toBe(first.faults);
  });

  it('appends to the trace in place: one update costs what it brings, not the run', () => {
    const a = mergeTimeline(EMPTY_TIMELINE, update({ reset: true, trace: head() }));
    const b = mergeTimeline(a, update({ traceFrom: 1, trace: rest() }));
    expect(b.trace).toBe(a.trace);
    expect([a.traceLength, b.traceLength]).toEqual([1, 2]);
    expect(b.trace.slice(0, b.traceLength)).toEqual(trace);
    // A new branch gets an array of its own; the empty timeline's is never written to.
    const c = mergeTimeline(b, update({ gen: 1 }));
    expect(c.trace).not.toBe(b.trace);
    expect(c.traceLength).toBe(0);
    expect(EMPTY_TIMELINE.trace.length).toBe(0);
  });

  it('keeps arrays that did not change, so views can memoize', () => {
    const same = mergeTimeline(first, update({ opsFrom: 1 }));
    expect(same.trace).toBe(first.trace);
    expect(same.markers).toBe(first.markers);
  });

  it('starts over for a new branch or run', () => {
    expect(
      mergeTimeline(first, update({ gen: 1, trace: cols(trace.slice(1)) })).trace.slice(),
    ).toEqual(trace.slice(1));
    expect(mergeTimeline(first, update({ runId: 2 })).ops).toEqual([]);
  });
});
