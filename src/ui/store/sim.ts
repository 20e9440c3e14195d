/**
 * The simulation as the UI knows it: the latest snapshot from the worker, run facts, the
 * transport state and every command the UI can send. Views select the smallest slice.
 */
import { create } from 'zustand';
import type { Action } from '../../engine/types';
import { SimClient } from '../../worker/client';
import { defaultScenarioJson } from '../../worker/defaultScenario';
import type { Command, RunInfo, Snapshot, WorkerEvent } from '../../worker/protocol';
import { onMeasureSize, perf, recordSnapshot } from '../perf';
import { setBeforeFrame, syncClock } from './clock';
import { useUi } from './ui';

export interface ScenarioEntry {
  file: string;
  name: string;
}

export interface LoadError {
  source: string;
  errors: string[];
}

interface SimState {
  run: RunInfo | null;
  /** The latest snapshot: what the animated cluster view draws. */
  snap: Snapshot | null;
  /**
   * The same, at most PANEL_HZ times a second while playing (immediately otherwise): text
   * panels read this one, since nobody reads text that changes 60 times a second and every
   * panel update costs layout and paint.
   */
  panel: Snapshot | null;
  playing: boolean;
  speed: number;
  loadError: LoadError | null;
  scenarios: ScenarioEntry[];
  /** The scenario chosen in the picker (file name), or '' for the built-in one. */
  scenarioFile: string;

  play(): void;
  pause(): void;
  togglePlay(): void;
  step(count?: number): void;
  setSpeed(speed: number): void;
  act(action: Action): void;
  loadText(text: string, source: string): void;
  loadFile(file: string): Promise<void>;
  reset(seed?: number, nodes?: number): void;
  loadDefault(): void;
  dismissError(): void;
}

let client: SimClient | null = null;
function send(cmd: Command): void {
  client?.send(cmd);
}

export const DEFAULT_SPEED = 0.02;

export const useSim = create<SimState>((set, get) => ({
  run: null,
  snap: null,
  panel: null,
  playing: false,
  speed: DEFAULT_SPEED,
  loadError: null,
  scenarios: [],
  scenarioFile: '',

  play: () => {
    set({ playing: true });
    send({ type: 'play' });
  },
  pause: () => {
    set({ playing: false });
    send({ type: 'pause' });
  },
  togglePlay: () => (get().playing ? get().pause() : get().play()),
  step: (count = 1) => {
    set({ playing: false });
    send({ type: 'step', count });
  },
  setSpeed: (speed) => {
    set({ speed });
    send({ type: 'speed', speed });
  },
  act: (action) => send({ type: 'act', action }),
  loadText: (text, source) => send({ type: 'load', text, source }),
  loadFile: async (file) => {
    try {
      const res = await fetch(`scenarios/${file}`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const text = await res.text();
      set({ scenarioFile: file });
      send({ type: 'load', text, source: file });
    } catch (e) {
      set({ loadError: { source: file, errors: [`could not fetch the file (${String(e)})`] } });
    }
  },
  reset: (seed, nodes) =>
    send({ type: 'reset', seed: seed ?? Math.floor(Math.random() * 0xffffffff), nodes }),
  loadDefault: () => {
    set({ scenarioFile: '' });
    send({ type: 'load', text: JSON.stringify(defaultScenarioJson(5, 1)), source: 'default' });
  },
  dismissError: () => set({ loadError: null }),
}));

const PANEL_MS = 100;
let lastPanel = 0;
let panelTimer: ReturnType<typeof setTimeout> | null = null;

let pending: Snapshot | null = null;

function applyPending(): void {
  const snap = pending;
  if (!snap) return;
  pending = null;
  syncClock(snap.runId, snap.time, snap.playing, snap.speed);
  const prev = useSim.getState().panel;
  const now = performance.now();
  if (!snap.playing || !prev || prev.runId !== snap.runId || now - lastPanel >= PANEL_MS) {
    lastPanel = now;
    if (panelTimer !== null) clearTimeout(panelTimer);
    panelTimer = null;
    useSim.setState({ snap, panel: snap, playing: snap.playing });
  } else {
    useSim.setState({ snap, playing: snap.playing });
    // Make sure the last snapshot of a burst reaches the panels too.
    panelTimer ??= setTimeout(() => {
      panelTimer = null;
      lastPanel = performance.now();
      useSim.setState({ panel: useSim.getState().snap });
    }, PANEL_MS);
  }
}

function onEvent(ev: WorkerEvent): void {
  switch (ev.type) {
    case 'run':
      useUi.getState().select(null);
      useSim.setState({ run: ev.run, loadError: null });
      return;
    case 'snapshot':
      recordSnapshot(ev.snap.cost.buildMs, ev.snap.cost.bytes, ev.snap.messages.length);
      // While playing, apply at most one snapshot per animation frame; otherwise at once
      // (a step or an action should show before anything else happens).
      pending = ev.snap;
      if (!ev.snap.playing) applyPending();
      return;
    case 'tick':
      perf.ticks++;
      if (pending) applyPending();
      syncClock(ev.runId, ev.time, ev.playing, useSim.getState().speed);
      return;
    case 'load-error':
      useSim.setState({ loadError: { source: ev.source, errors: ev.errors } });
      return;
  }
}

/** Starts the worker, keeps it told what the views look at, reads the scenario list. */
export function connectSim(): void {
  if (client) return;
  client = new SimClient(onEvent);
  setBeforeFrame(applyPending);
  send({ type: 'speed', speed: useSim.getState().speed });
  onMeasureSize((on) => send({ type: 'perf', enabled: on }));
  useUi.subscribe((s, prev) => {
    if (s.selection === prev.selection && s.logEnd === prev.logEnd) return;
    send({
      type: 'view',
      node: s.selection?.kind === 'node' ? s.selection.id : null,
      message: s.selection?.kind === 'message' ? s.selection.id : null,
      logEnd: s.logEnd,
    });
  });
  fetch('scenarios/index.json')
    .then((r) => (r.ok ? r.json() : []))
    .then((list: unknown) => {
      if (Array.isArray(list)) useSim.setState({ scenarios: list as ScenarioEntry[] });
    })
    .catch(() => {});
}
