/**
 * The part of the run's trace a diagram draws, kept as objects (TraceLog holds columns). The
 * trace only grows within a branch, so as entries arrive inside the window only they are
 * read; a moved window or a new branch reads its entries again.
 */
import { useMemo, useRef } from 'react';
import type { TraceLog } from '../../engine/history/traceLog';
import type { TraceEntry } from '../../engine/types';

interface Cut {
  trace: TraceLog;
  from: number;
  to: number;
  entries: TraceEntry[];
}

/** Entries `from … to-1` of `trace`: a new array when they change, for views to memoize on. */
export function useTraceWindow(trace: TraceLog, from: number, to: number): TraceEntry[] {
  const last = useRef<Cut | null>(null);
  return useMemo(() => {
    const c = last.current;
    let entries: TraceEntry[];
    if (c !== null && c.trace === trace && c.from === from && to >= c.to) {
      entries = to === c.to ? c.entries : c.entries.concat(trace.slice(c.to, to));
    } else {
      entries = trace.slice(from, to);
    }
    last.current = { trace, from, to, entries };
    return entries;
  }, [trace, from, to]);
}

/**
 * How far before a window a message may have been sent and still be drawn arriving in it:
 * a few of the network's longest one-way latencies (a message a paused server held longer
 * loses its start), never more than a second.
 */
export function flightMargin(latencyMax: number | undefined): number {
  return Math.min(1000, Math.max(100, 4 * (latencyMax ?? 250)));
}
