/**
 * Pure helpers behind the virtualized event log: which rows to render for a scroll
 * position, where to scroll to reveal a row, and the filtered row index.
 */
import { bisector } from 'd3-array';
import { entryNodes } from '../../engine/analysis/describe';
import type { TraceRead } from '../../engine/history/traceLog';
import type { TraceKind } from '../../engine/types';

export interface RowRange {
  /** First row to render (inclusive). */
  start: number;
  /** Last row to render (exclusive). */
  end: number;
}

/** Rows intersecting the viewport, plus `overscan` rows either side, clamped to [0, count). */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 6,
): RowRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight);
  return {
    start: Math.max(0, Math.min(count, first - overscan)),
    end: Math.max(0, Math.min(count, last + overscan)),
  };
}

/**
 * The scrollTop that brings `index` into view: unchanged (null) if it is fully visible,
 * otherwise centred (mode 'center') or just inside the nearest edge (mode 'nearest').
 */
export function scrollToReveal(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  mode: 'center' | 'nearest' = 'nearest',
): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top >= scrollTop && bottom <= scrollTop + viewportHeight) return null;
  if (mode === 'center') return Math.max(0, top - (viewportHeight - rowHeight) / 2);
  return top < scrollTop ? top : Math.max(0, bottom - viewportHeight);
}

/** Kinds grouped for the log's filter checkboxes. */
export const KIND_GROUPS: readonly { name: string; kinds: readonly TraceKind[] }[] = [
  { name: 'messages', kinds: ['send', 'deliver', 'drop'] },
  { name: 'timers', kinds: ['timer', 'timeout'] },
  {
    name: 'faults',
    kinds: ['crash', 'restart', 'pause', 'resume', 'partition', 'cut', 'link', 'heal', 'join'],
  },
  { name: 'clients', kinds: ['client-invoke', 'client-send', 'client-reply', 'client-give-up'] },
  { name: 'protocol', kinds: ['role', 'note', 'violation'] },
  { name: 'other', kinds: ['noop', 'skip', 'workload', 'end'] },
];

/** Lane name for a participant: servers by id, every client in one 'clients' lane. */
export function laneOf(id: string, nodeIds: ReadonlySet<string>): string {
  return nodeIds.has(id) ? id : 'clients';
}

/**
 * Indices of the entries passing the filters. `nodes` null = every node; a node filter
 * matches an entry involving that node (as node, sender or receiver); 'clients' matches
 * every non-server participant. Entries involving no node (e.g. heal) pass a node filter
 * only if `keepGlobal` (default true), so network-wide faults stay visible. Only entries
 * `from … to-1` are looked at (default: all).
 */
export function filterTrace(
  trace: TraceRead,
  kinds: ReadonlySet<TraceKind> | null,
  nodes: ReadonlySet<string> | null,
  serverIds: ReadonlySet<string>,
  keepGlobal = true,
  from = 0,
  to = trace.length,
): Int32Array {
  if (kinds === null && nodes === null) {
    const all = new Int32Array(Math.max(0, to - from));
    for (let i = 0; i < all.length; i++) all[i] = from + i;
    return all;
  }
  const out = new Int32Array(Math.max(0, to - from));
  let n = 0;
  for (let i = from; i < to; i++) {
    const e = trace.at(i)!;
    if (kinds !== null && !kinds.has(e.kind)) continue;
    if (nodes !== null) {
      const involved = entryNodes(e);
      if (
        involved.length === 0
          ? !keepGlobal
          : !involved.some((id) => nodes.has(laneOf(id, serverIds)))
      )
        continue;
    }
    out[n++] = i;
  }
  return out.slice(0, n);
}

/**
 * The rows of an append-only trace passing one set of filters, extended as the trace grows:
 * each call filters only the entries added since the last one (a trace that is a new array,
 * or shorter, or other filters start over). Rows live in a buffer that doubles when full.
 */
export class FilteredRows {
  private trace: TraceRead | null = null;
  private key: unknown = null;
  private seen = 0;
  private buf = new Int32Array(0);
  private n = 0;

  /** The rows of `trace`'s first `length` entries passing the filters named by `key`. */
  rows(
    trace: TraceRead,
    length: number,
    key: unknown,
    filter: (from: number, to: number) => Int32Array,
  ): Int32Array {
    if (trace !== this.trace || key !== this.key || length < this.seen) {
      this.trace = trace;
      this.key = key;
      this.seen = 0;
      this.n = 0;
    }
    if (length > this.seen) {
      const add = filter(this.seen, length);
      if (this.n + add.length > this.buf.length) {
        const grown = new Int32Array(Math.max(1024, 2 * (this.n + add.length)));
        grown.set(this.buf.subarray(0, this.n));
        this.buf = grown;
      }
      this.buf.set(add, this.n);
      this.n += add.length;
      this.seen = length;
    }
    return this.buf.subarray(0, this.n);
  }
}

/**
 * The first row (in `rows`, indices into `trace` in trace order) whose event id is >=
 * `eventId`, or the last row if none; -1 for no rows. Binary search: ids never decrease
 * along the trace.
 */
export function rowForEvent(trace: TraceRead, rows: ArrayLike<number>, eventId: number): number {
  if (rows.length === 0) return -1;
  const row = bisector((r: number) => trace.at(r)!.id).left(rows, eventId);
  return Math.min(row, rows.length - 1);
}
