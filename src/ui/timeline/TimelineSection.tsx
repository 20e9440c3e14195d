/**
 * Time as a first-class thing (issue 6): the timeline bar under the cluster, the fork notice,
 * share/export buttons, and the history panels (event log, space-time, latency), all showing
 * the cursor moment and all able to move it. Data comes from the worker's timeline stream;
 * nothing here computes protocol state.
 */
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { FaultPeriod } from '../../engine/analysis/faults';
import type { TraceLog } from '../../engine/history/traceLog';
import type { TraceEntry } from '../../engine/types';
import { TimelineBar } from '../history/TimelineBar';
import { flightMargin, useTraceWindow } from '../history/traceWindow';
import '../history/history.css';
import { useServerIds } from '../store/servers';
import { useReadable } from '../store/readable';
import { useSim } from '../store/sim';
import { useUi } from '../store/ui';
import { fmtMs } from '../format';
import { useEpochName, useProtocol } from '../protocols/useProtocol';
import { ShareBar } from './ShareBar';
import { anomalyMarkers, useWithAnomalies } from '../views/cap/useAnomalyMarkers';
import { useOffendingEvents } from '../views/explore/offending';

// The history views (and the d3 modules only they use) load when their tab is first opened,
// not with the first screen (issue 15).
const EventLog = lazy(() => import('../history/EventLog').then((m) => ({ default: m.EventLog })));
const LatencyChart = lazy(() =>
  import('../history/LatencyChart').then((m) => ({ default: m.LatencyChart })),
);
const CapacityPanel = lazy(() =>
  import('../views/capacity/CapacityPanel').then((m) => ({ default: m.CapacityPanel })),
);
const SpaceTimeDiagram = lazy(() =>
  import('../history/SpaceTimeDiagram').then((m) => ({ default: m.SpaceTimeDiagram })),
);

/** First trace entry of event `id` among the first `length` (ordered by id), or null. */
function entryOf(trace: TraceLog, length: number, id: number): TraceEntry | null {
  const i = trace.firstWithId(id, 0, length);
  const e = i < length ? trace.at(i) : undefined;
  return e && e.id === id ? e : null;
}

/** Jumps to an event and highlights what it involves: the message if in flight, else the node. */
function useJumpToEvent(): (entry: TraceEntry) => void {
  const seekEvent = useSim((s) => s.seekEvent);
  const select = useUi((s) => s.select);
  const nodes = useServerIds();
  return useCallback(
    (entry: TraceEntry) => {
      seekEvent(entry.id);
      if (entry.kind === 'send' && entry.msg !== undefined) {
        select({ kind: 'message', id: entry.msg });
        return;
      }
      const who = [entry.node, entry.to, entry.from].find((n) => n && nodes?.includes(n));
      if (who) select({ kind: 'node', id: who });
    },
    [seekEvent, select, nodes],
  );
}

function useEndTime(): number {
  const head = useSim((s) => s.timeline.head.time);
  const cursor = useSim((s) => s.panel?.time ?? 0);
  return Math.max(head, cursor);
}

export function ForkNotice() {
  const fork = useSim((s) => s.fork);
  const undo = useSim((s) => s.undoFork);
  const dismiss = useSim((s) => s.dismissFork);
  if (!fork) return null;
  const dropped =
    fork.droppedActions === 0
      ? 'no later actions of yours were dropped'
      : `${fork.droppedActions} later action${fork.droppedActions === 1 ? '' : 's'} dropped`;
  return (
    <div className="fork-notice" role="status" aria-label="fork notice">
      <span>
        <strong>You changed the past:</strong> the run was forked at t={fmtMs(fork.time)}, {dropped}
        .
      </span>
      <button type="button" className="btn small" onClick={undo}>
        Undo
      </button>
      <button type="button" className="btn small ghost" onClick={dismiss} aria-label="Keep fork">
        Keep
      </button>
    </div>
  );
}

export function LinkErrorBanner() {
  const error = useSim((s) => s.linkError);
  const keptRun = useSim((s) => s.linkErrorKeptRun);
  const dismiss = useSim((s) => s.dismissLinkError);
  if (!error) return null;
  // Say what really happened: a link pasted into an open lab leaves the run as it was; at the
  // page's start the default run is shown instead.
  return (
    <div className="load-error" role="alert" aria-label="link error">
      <div className="load-error-head">
        <span>
          <strong>The link could not be opened:</strong>{' '}
          <span className="link-error-text">{error}</span>;{' '}
          {keptRun ? 'the run you had is still here.' : 'a fresh run was started instead.'}
        </span>
        <button type="button" className="btn small" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

export function TimelineSection() {
  // The CAP view's anomalies are markers too (the checker finds them, not the trace).
  const markers = useWithAnomalies(useSim((s) => s.timeline.markers));
  const cursorTime = useSim((s) => s.panel?.time ?? 0);
  const cursorEvent = useSim((s) => s.panel?.eventId ?? null);
  const endTime = useEndTime();
  const seek = useSim((s) => s.seek);
  const seekEvent = useSim((s) => s.seekEvent);
  const step = useSim((s) => s.step);
  const stepBack = useSim((s) => s.stepBack);
  const script = useSim((s) => s.run?.script);
  const duration = useSim((s) => s.run?.duration ?? 0);
  const onStep = useCallback((dir: 1 | -1) => (dir === 1 ? step(1) : stepBack()), [step, stepBack]);
  // The scale reaches past the last scripted action, so what is still to come shows.
  const lastAt = script?.reduce((m, a) => (a.at <= duration ? Math.max(m, a.at) : m), 0) ?? 0;
  const domainEnd = lastAt > 0 ? Math.min(duration, lastAt * 1.1) : 0;
  return (
    <section className="panel timeline-panel hist-root" aria-label="timeline panel">
      <div className="panel-head timeline-head">
        <h2>Timeline</h2>
        <ShareBar />
      </div>
      <ForkNotice />
      <TimelineBar
        endTime={endTime}
        cursorTime={cursorTime}
        cursorEvent={cursorEvent}
        markers={markers}
        script={script}
        domainEnd={domainEnd}
        onSeek={seek}
        onStep={onStep}
        onSeekEvent={seekEvent}
      />
    </section>
  );
}

type Tab = 'log' | 'spacetime' | 'latency' | 'capacity';
const TABS: { id: Tab; name: string }[] = [
  { id: 'latency', name: 'Latency' },
  { id: 'spacetime', name: 'Space-time' },
  { id: 'log', name: 'Event log' },
];

function EventLogPanel() {
  // Filtering the new rows a few times a second while playing is plenty.
  const timeline = useReadable(
    useSim((s) => s.timeline),
    500,
  );
  const nodes = useServerIds();
  const cursorEvent = useSim((s) => s.panel?.eventId ?? null);
  const jump = useJumpToEvent();
  return (
    <EventLog
      trace={timeline.trace}
      length={timeline.traceLength}
      nodeIds={nodes ?? []}
      cursorEvent={cursorEvent}
      marked={useOffendingEvents()}
      onSelectEvent={jump}
      height={320}
    />
  );
}

const SPACETIME_MS = 300;

function SpaceTimePanel() {
  const trace = useSim((s) => s.timeline.trace);
  const length = useSim((s) => s.timeline.traceLength);
  const faults = useSim((s) => s.timeline.faults);
  const nodes = useServerIds();
  const cursorTime = useSim((s) => s.panel?.time ?? 0);
  const jump = useJumpToEvent();
  const { palette } = useProtocol();
  const epochName = useEpochName();
  // The diagram draws a few hundred ms around the cursor: hand it that part of the trace
  // (re-cut when the cursor moves a whole window or entries arrive inside it), not the whole
  // run, so that indexing the messages stays cheap on 100k-event runs.
  const anchor = Math.floor(cursorTime / SPACETIME_MS) * SPACETIME_MS;
  const margin = flightMargin(useSim((s) => s.run?.latency.max));
  const from = trace.firstAtTime(anchor - 2 * SPACETIME_MS - margin, 0, length);
  const to = trace.firstAtTime(anchor + 3 * SPACETIME_MS + margin, from, length);
  const windowed = useTraceWindow(trace, from, to);
  const allFaults = useOpenFaults(faults);
  return (
    <SpaceTimeDiagram
      trace={windowed}
      faults={allFaults}
      marked={useOffendingEvents()}
      nodeIds={nodes ?? []}
      palette={palette}
      epochName={epochName}
      cursorTime={cursorTime}
      windowMs={SPACETIME_MS}
      onSelectEvent={(id) => {
        const e = entryOf(trace, length, id);
        if (e) jump(e);
      }}
    />
  );
}

/** Fault periods still open at the head run to the head. */
function useOpenFaults(raw: readonly FaultPeriod[]): readonly FaultPeriod[] {
  const endTime = useEndTime();
  return useMemo(
    () => raw.map((f) => (f.open ? { ...f, end: Math.max(f.end, endTime) } : f)),
    [raw, endTime],
  );
}

function LatencyPanel() {
  const liveOps = useSim((s) => s.timeline.ops);
  const rawFaults = useSim((s) => s.timeline.faults);
  const cursorTime = useSim((s) => s.panel?.time ?? 0);
  const liveEnd = useEndTime();
  const seek = useSim((s) => s.seek);
  const ops = useReadable(liveOps, 1000);
  const endTime = useReadable(liveEnd, 1000);
  const faults = useOpenFaults(rawFaults);
  // The chart shows this run's operations: its own anomalies are marked on it.
  const anomalies = useSim((s) => s.panel?.consistency?.anomalies ?? null);
  const title = useSim((s) => s.run?.title ?? '');
  const marks = useMemo(
    () => anomalyMarkers([{ title, anomalies }]).map((m) => ({ time: m.time, label: m.label })),
    [anomalies, title],
  );
  return (
    <LatencyChart
      ops={ops}
      marks={marks}
      faults={faults}
      cursorTime={cursorTime}
      endTime={endTime}
      onSelectOp={(op) => seek(op.invokedAt)}
      onSeek={seek}
      height={220}
    />
  );
}

/** The capacity ramp drives the run's own clients: for protocols whose clients reach servers. */
const CAPACITY_TAB: { id: Tab; name: string } = { id: 'capacity', name: 'Capacity' };

export function HistoryPanels() {
  const run = useSim((s) => s.run);
  const capacity = run !== null && (run.routing === 'redirect' || run.routing === 'any-node');
  const tabs = capacity ? [...TABS, CAPACITY_TAB] : TABS;
  const [chosen, setTab] = useState<Tab>('latency');
  // A run without the chosen tab (another protocol) shows the first one.
  const tab = tabs.some((t) => t.id === chosen) ? chosen : 'latency';
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.findIndex((t) => t.id === tab);
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (d === 0) return;
    e.preventDefault();
    const next = tabs[(i + d + tabs.length) % tabs.length]!;
    setTab(next.id);
    document.getElementById(`hist-tab-${next.id}`)?.focus();
  };
  return (
    <section className="panel history-panel hist-root" aria-label="history panels">
      <div className="hist-tabs" role="tablist" aria-label="history views" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`hist-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={`hist-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className={`hist-tab${tab === t.id ? ' active' : ''}`}
            onClick={() => setTab(t.id)}
          >
            {t.name}
          </button>
        ))}
      </div>
      <div
        id={`hist-panel-${tab}`}
        role="tabpanel"
        aria-labelledby={`hist-tab-${tab}`}
        className="hist-tabpanel"
      >
        <Suspense fallback={<p className="muted hist-loading">Loading…</p>}>
          {tab === 'log' && <EventLogPanel />}
          {tab === 'spacetime' && <SpaceTimePanel />}
          {tab === 'latency' && <LatencyPanel />}
          {tab === 'capacity' && run !== null && <CapacityPanel run={run} />}
        </Suspense>
      </div>
    </section>
  );
}
