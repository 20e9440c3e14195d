/**
 * Event log: every trace entry as a sentence, filterable by node and kind, virtualized
 * (fixed row height, only the visible rows in the DOM) so 100k entries scroll smoothly.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { describeTrace } from '../../engine/analysis/describe';
import type { TraceRead } from '../../engine/history/traceLog';
import { fmtMs } from '../format';
import type { TraceEntry, TraceKind } from '../../engine/types';
import {
  filterTrace,
  FilteredRows,
  KIND_GROUPS,
  rowForEvent,
  scrollToReveal,
  visibleRange,
} from './windowing';

export interface EventLogProps {
  /** The run's trace, append-only: only its first `length` entries are shown. */
  trace: TraceRead;
  /** How many entries of `trace` to show (default all): the trace may grow in place. */
  length?: number;
  /** Server ids (S1..Sn), for the node filter; other participants are grouped as clients. */
  nodeIds: readonly string[];
  /** Event at the timeline cursor: its rows are highlighted and scrolled into view. */
  cursorEvent: number | null;
  /** Events to mark as offending (an opened failure's): their rows say so and stand out. */
  marked?: ReadonlySet<number>;
  onSelectEvent(entry: TraceEntry): void;
  /** Height of the scrolling list in px (default 360). */
  height?: number;
}

const ROW_HEIGHT = 24;

export function EventLog({
  trace,
  length: givenLength,
  nodeIds,
  cursorEvent,
  marked,
  onSelectEvent,
  height = 360,
}: EventLogProps) {
  const listId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [hiddenGroups, setHiddenGroups] = useState<ReadonlySet<string>>(() => new Set());
  const [node, setNode] = useState<string>('all');
  const [follow, setFollow] = useState(true);
  const [active, setActive] = useState(-1);

  const length = Math.min(givenLength ?? trace.length, trace.length);
  const servers = useMemo(() => new Set(nodeIds), [nodeIds]);
  // The filters as one object: new when one of them changes (the rows then start over).
  const filters = useMemo(() => {
    const kinds =
      hiddenGroups.size === 0
        ? null
        : new Set<TraceKind>(
            KIND_GROUPS.filter((g) => !hiddenGroups.has(g.name)).flatMap((g) => g.kinds),
          );
    const nodes = node === 'all' ? null : new Set([node]);
    return { kinds, nodes, servers };
  }, [hiddenGroups, node, servers]);
  // As the run grows only the new entries are filtered (the trace is append-only).
  const [filtered] = useState(() => new FilteredRows());
  const rows = useMemo(
    () =>
      filtered.rows(trace, length, filters, (from, to) =>
        filterTrace(trace, filters.kinds, filters.nodes, filters.servers, true, from, to),
      ),
    [filtered, trace, length, filters],
  );

  const cursorRow = cursorEvent === null ? -1 : rowForEvent(trace, rows, cursorEvent);

  // Follow the cursor: bring its row into view when it moves. Uses the scroll position we
  // track and the known height, so no layout is forced on every step.
  const scrollRef = useRef(0);
  scrollRef.current = scrollTop;
  useEffect(() => {
    const el = listRef.current;
    if (!follow || !el || cursorRow < 0) return;
    const top = scrollToReveal(cursorRow, scrollRef.current, height, ROW_HEIGHT, 'center');
    if (top !== null) el.scrollTop = top;
  }, [cursorRow, follow, rows, height]);

  const { start, end } = visibleRange(scrollTop, height, ROW_HEIGHT, rows.length);
  const activeRow = active >= 0 && active < rows.length ? active : -1;

  const moveActive = (to: number) => {
    const el = listRef.current;
    const row = Math.max(0, Math.min(rows.length - 1, to));
    setActive(row);
    if (el) {
      const top = scrollToReveal(row, el.scrollTop, el.clientHeight, ROW_HEIGHT);
      if (top !== null) el.scrollTop = top;
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0) return;
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const from = activeRow >= 0 ? activeRow : Math.max(0, cursorRow);
    const keys: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowUp: from - 1,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: rows.length - 1,
    };
    const to = keys[e.key];
    if (to !== undefined) {
      e.preventDefault();
      moveActive(to);
    } else if ((e.key === 'Enter' || e.key === ' ') && activeRow >= 0) {
      e.preventDefault();
      onSelectEvent(trace.at(rows[activeRow]!)!);
    }
  };

  const toggleGroup = (name: string) =>
    setHiddenGroups((prev) => {
      const next = new Set(prev);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  const items = [];
  for (let r = start; r < end; r++) {
    const entry = trace.at(rows[r]!)!;
    const text = describeTrace(entry);
    const atCursor = cursorEvent !== null && entry.id === cursorEvent;
    const offending = marked?.has(entry.id) === true;
    items.push(
      <div
        key={rows[r]}
        id={`${listId}-row-${r}`}
        role="option"
        aria-selected={atCursor}
        aria-setsize={rows.length}
        aria-posinset={r + 1}
        aria-label={`${fmtMs(entry.time)}, event ${entry.id}${offending ? ' (offending)' : ''}: ${text}`}
        className={`hist-log-row kind-${entry.kind}${atCursor ? ' at-cursor' : ''}${offending ? ' offending' : ''}${
          r === activeRow ? ' active' : ''
        }`}
        style={{ transform: `translateY(${r * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
        onClick={() => {
          setActive(r);
          onSelectEvent(entry);
        }}
      >
        <span className="hist-log-time">{entry.time.toFixed(1)}</span>
        <span className="hist-log-id">#{entry.id}</span>
        <span className="hist-log-kind">{entry.kind}</span>
        <span className="hist-log-text">{text}</span>
      </div>,
    );
  }

  return (
    <section className="hist-log" aria-label="event log panel">
      <div className="hist-log-filters" role="group" aria-label="event log filters">
        <label>
          Node{' '}
          <select
            value={node}
            onChange={(e) => setNode(e.target.value)}
            aria-label="filter by node"
          >
            <option value="all">all</option>
            {nodeIds.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
            <option value="clients">clients</option>
          </select>
        </label>
        {KIND_GROUPS.map((g) => (
          <label key={g.name} className="hist-check">
            <input
              type="checkbox"
              checked={!hiddenGroups.has(g.name)}
              onChange={() => toggleGroup(g.name)}
            />
            {g.name}
          </label>
        ))}
        <label className="hist-check hist-follow">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          follow cursor
        </label>
        <span className="hist-log-count">
          {rows.length.toLocaleString('en-US')} of {length.toLocaleString('en-US')} events
        </span>
      </div>
      <div
        ref={listRef}
        className="hist-log-list"
        role="listbox"
        aria-label="event log"
        tabIndex={0}
        aria-activedescendant={
          activeRow >= start && activeRow < end ? `${listId}-row-${activeRow}` : undefined
        }
        style={{ height }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
      >
        <div className="hist-log-spacer" style={{ height: rows.length * ROW_HEIGHT }}>
          {items}
        </div>
      </div>
    </section>
  );
}
