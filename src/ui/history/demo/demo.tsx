/**
 * Dev-only harness for the history components (not part of the app build): serve with
 * `npx vite --port 5199` and open /src/ui/history/demo/demo.html. `?big=1` runs a long,
 * busy scenario (~10k operations, 100k+ trace entries) for performance checks.
 */
import { StrictMode, useCallback, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { computeFaults } from '../../../engine/analysis/faults';
import { computeMarkers } from '../../../engine/analysis/markers';
import { raftEntry } from '../../../engine/protocols/raft/raft';
import { parseScenario } from '../../../engine/scenario';
import { Simulator } from '../../../engine/simulator';
import type { ClientOpRecord, TraceEntry } from '../../../engine/types';
import { EventLog } from '../EventLog';
import { LatencyChart } from '../LatencyChart';
import { SpaceTimeDiagram } from '../SpaceTimeDiagram';
import { TimelineBar } from '../TimelineBar';
import '../history.css';

const params = new URLSearchParams(location.search);
const big = params.get('big') === '1';
/** ?only=log|chart|spacetime|timeline shows one component (for isolated measurements). */
const only = params.get('only');

function runScenario() {
  const parsed = parseScenario({
    protocol: 'raft',
    nodes: 5,
    seed: 7,
    duration: big ? 60_000 : 8000,
    network: { loss: 0.01 },
    workload: big
      ? { clients: 34, rate: 8, opTimeout: 800 }
      : { clients: 4, rate: 25, opTimeout: 800 },
    actions: [
      { at: 1500, type: 'crash', node: 'leader' },
      { at: 2600, type: 'restart', node: 'S1' },
      { at: 2700, type: 'restart', node: 'S2' },
      { at: 2800, type: 'restart', node: 'S3' },
      { at: 2900, type: 'restart', node: 'S4' },
      { at: 3000, type: 'restart', node: 'S5' },
      {
        at: 4000,
        type: 'partition',
        groups: [
          ['S1', 'S2'],
          ['S3', 'S4', 'S5'],
        ],
      },
      { at: 5200, type: 'heal' },
      { at: 6000, type: 'cut', from: 'S3', to: 'S1' },
      { at: 6800, type: 'link', from: 'S3', to: 'S1', up: true },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const t0 = performance.now();
  const sim = new Simulator(parsed.scenario, raftEntry, { trace: true }).run();
  const ms = performance.now() - t0;
  return {
    trace: sim.state.trace as readonly TraceEntry[],
    ops: sim.state.clientOps as readonly ClientOpRecord[],
    nodeIds: sim.ids,
    endTime: parsed.scenario.duration,
    simMs: ms,
  };
}

const run = runScenario();

/** Last trace entry at or before t (the trace is time-ordered). */
function eventAt(trace: readonly TraceEntry[], t: number): number | null {
  let lo = 0;
  let hi = trace.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (trace[mid]!.time <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : trace[lo - 1]!.id;
}

function Demo() {
  const { trace, ops, nodeIds, endTime } = run;
  const [cursorTime, setCursorTime] = useState(Number(params.get('t') ?? 1700));
  const [cursorEvent, setCursorEvent] = useState<number | null>(() => eventAt(trace, cursorTime));
  const [selected, setSelected] = useState('');
  const faults = useMemo(() => computeFaults(trace, { endTime }), [trace, endTime]);
  const markers = useMemo(() => computeMarkers(trace), [trace]);
  const byEvent = useMemo(() => {
    const m = new Map<number, number>();
    for (const e of trace) if (!m.has(e.id)) m.set(e.id, e.time);
    return m;
  }, [trace]);
  const ids = useMemo(() => [...byEvent.keys()], [byEvent]);

  const seek = useCallback(
    (t: number) => {
      const c = Math.max(0, Math.min(endTime, t));
      setCursorTime(c);
      setCursorEvent(eventAt(trace, c));
    },
    [trace, endTime],
  );
  const seekEvent = useCallback(
    (id: number) => {
      setCursorTime(byEvent.get(id) ?? 0);
      setCursorEvent(id);
    },
    [byEvent],
  );
  const step = useCallback(
    (dir: 1 | -1) => {
      const cur = cursorEvent ?? -1;
      let lo = 0;
      let hi = ids.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ids[mid]! < cur) lo = mid + 1;
        else hi = mid;
      }
      const at = ids[lo] === cur ? lo : lo - (dir === 1 ? 1 : 0);
      const next = ids[Math.max(0, Math.min(ids.length - 1, at + dir))];
      if (next !== undefined) seekEvent(next);
    },
    [cursorEvent, ids, seekEvent],
  );

  return (
    <div className="hist-root" style={{ padding: 16, display: 'grid', gap: 12, maxWidth: 1200 }}>
      <div style={{ color: '#94a3b8', fontSize: 12 }} data-testid="info">
        {trace.length.toLocaleString('en-US')} trace entries, {ops.length.toLocaleString('en-US')}{' '}
        ops, simulated in {run.simMs.toFixed(0)} ms. Selected:{' '}
        <span data-testid="selected">{selected}</span>
      </div>
      {(!only || only === 'timeline') && (
        <TimelineBar
          endTime={endTime}
          cursorTime={cursorTime}
          cursorEvent={cursorEvent}
          markers={markers}
          onSeek={seek}
          onStep={step}
          onSeekEvent={seekEvent}
        />
      )}
      {(!only || only === 'chart') && (
        <LatencyChart
          ops={ops}
          faults={faults}
          cursorTime={cursorTime}
          endTime={endTime}
          onSelectOp={(op) => {
            setSelected(`op ${op.id}`);
            seek(op.invokedAt);
          }}
          onSeek={seek}
        />
      )}
      {(!only || only === 'spacetime') && (
        <SpaceTimeDiagram
          trace={trace}
          nodeIds={nodeIds}
          cursorTime={cursorTime}
          windowMs={big ? 150 : 300}
          onSelectEvent={(id) => {
            setSelected(`event ${id}`);
            seekEvent(id);
          }}
        />
      )}
      {(!only || only === 'log') && (
        <EventLog
          trace={trace}
          nodeIds={nodeIds}
          cursorEvent={cursorEvent}
          onSelectEvent={(e) => {
            setSelected(`event ${e.id}`);
            seekEvent(e.id);
          }}
        />
      )}
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Demo />
  </StrictMode>,
);
