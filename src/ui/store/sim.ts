/**
 * The simulation as the UI knows it: the latest snapshot from the worker, run facts, the
 * transport state and every command the UI can send. Views select the smallest slice.
 */
import { create } from 'zustand';
import type { FaultPeriod } from '../../engine/analysis/faults';
import type { Marker } from '../../engine/analysis/markers';
import type { Action, ClientOpRecord, TraceEntry } from '../../engine/types';
import { SimClient } from '../../worker/client';
import { defaultScenarioJson } from '../../worker/defaultScenario';
import type {
  Command,
  ForkInfo,
  RunInfo,
  Snapshot,
  TimelineUpdate,
  WorkerEvent,
} from '../../worker/protocol';
import { saveBlob } from '../timeline/exportView';
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

const EMPTY_TIMELINE: Timeline = {
  runId: -1,
  gen: -1,
  trace: [],
  markers: [],
  ops: [],
  faults: [],
  head: { time: 0, eventId: 0 },
};

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
  timeline: Timeline;
  /** The last fork, while its notice is shown. */
  fork: ForkInfo | null;
  /** Why a share link could not be opened. */
  linkError: string | null;
  /** The current run and moment as a share link text (`v1.…`), '' before the first. */
  link: string;

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
  seek(time: number): void;
  seekEvent(eventId: number): void;
  stepBack(): void;
  undoFork(): void;
  dismissFork(): void;
  dismissLinkError(): void;
  openLink(text: string): void;
  exportScenario(): void;
}

let client: SimClient | null = null;
function send(cmd: Command): void {
  client?.send(cmd);
}

/**
 * Whether the worker will be playing once it has read the last play or stop command (pause,
 * step, step back, seek) the UI sent, until a snapshot says so; null when nothing is awaited.
 * What the worker sent before it read the command is out of date: a playing snapshot after a
 * Pause would move the picture on past the moment the user stopped at and flip the button
 * back to Pause for a moment; a paused one after Play (the answer to a speed change, say)
 * would flip it back to Play. The worker answers each of these commands with a snapshot in
 * the new state, and starts every new run paused (after a 'run' event).
 */
let awaiting: boolean | null = null;
/** Sent before the worker read the last play or stop command. */
const outdated = (playing: boolean) => awaiting !== null && playing !== awaiting;

// Seeks while dragging come faster than the worker can answer: keep one in flight and only
// the newest waiting, sent when the snapshot for the previous one arrives.
let seekInFlight = false;
let seekWaiting: Command | null = null;
function sendSeek(cmd: Command): void {
  awaiting = false;
  useSim.setState({ playing: false });
  if (seekInFlight) {
    seekWaiting = cmd;
    return;
  }
  seekInFlight = true;
  send(cmd);
}
function seekAnswered(): void {
  seekInFlight = false;
  const next = seekWaiting;
  seekWaiting = null;
  if (next) sendSeek(next);
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
  timeline: EMPTY_TIMELINE,
  fork: null,
  linkError: null,
  link: '',

  play: () => {
    awaiting = true;
    set({ playing: true });
    send({ type: 'play' });
  },
  // The button turns to Play when the worker says it has stopped, so that what shows then
  // is where the run stopped (the picture itself stops at once: see awaiting).
  pause: () => {
    awaiting = false;
    send({ type: 'pause' });
  },
  togglePlay: () => (get().playing ? get().pause() : get().play()),
  step: (count = 1) => {
    awaiting = false;
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
  seek: (time) => sendSeek({ type: 'seek', time }),
  seekEvent: (eventId) => sendSeek({ type: 'seekEvent', eventId }),
  stepBack: () => {
    awaiting = false;
    set({ playing: false });
    send({ type: 'stepBack' });
  },
  undoFork: () => {
    set({ fork: null });
    send({ type: 'undoFork' });
  },
  dismissFork: () => set({ fork: null }),
  dismissLinkError: () => set({ linkError: null }),
  openLink: (text) => send({ type: 'openLink', text }),
  exportScenario: () => send({ type: 'export' }),
}));

function applyTimeline(u: TimelineUpdate): void {
  const cur = useSim.getState().timeline;
  const fresh = u.reset || cur.runId !== u.runId || cur.gen !== u.gen;
  const base = fresh ? EMPTY_TIMELINE : cur;
  const ops = base.ops.slice(0, u.opsFrom);
  for (const o of u.ops) ops.push(o);
  useSim.setState({
    timeline: {
      runId: u.runId,
      gen: u.gen,
      trace: u.trace.length === 0 ? base.trace : base.trace.concat(u.trace),
      markers: u.markers.length === 0 ? base.markers : base.markers.concat(u.markers),
      ops,
      faults: u.faults ?? base.faults,
      head: u.head,
    },
  });
}

const HASH_PREFIX = '#run=';
/** A shared link was sent to the worker and has not been answered yet. */
let openingLink = false;
const HASH_MS = 250;
let hashTimer: ReturnType<typeof setTimeout> | null = null;
let lastHashAt = 0;

/** Keeps the address bar on the current run and moment, without adding history entries. */
function writeHash(): void {
  hashTimer = null;
  lastHashAt = performance.now();
  const link = useSim.getState().link;
  if (!link) return;
  const hash = HASH_PREFIX + link;
  if (location.hash !== hash) history.replaceState(history.state, '', hash);
}

function scheduleHash(): void {
  if (hashTimer !== null) return;
  const wait = Math.max(0, HASH_MS - (performance.now() - lastHashAt));
  hashTimer = setTimeout(writeHash, wait);
}

/** The link text in an address's fragment (`#run=v1.…`), or null when there is none. */
export function linkFromHash(hash: string): string | null {
  if (!hash.startsWith(HASH_PREFIX)) return null;
  return hash.slice(HASH_PREFIX.length);
}

/** A shareable address of the current run and moment. */
export function shareUrl(): string {
  const link = useSim.getState().link;
  const url = new URL(location.href);
  url.hash = link ? HASH_PREFIX.slice(1) + link : '';
  return url.toString();
}

const PANEL_MS = 100;
let lastPanel = 0;
let panelTimer: ReturnType<typeof setTimeout> | null = null;

let pending: Snapshot | null = null;

function applyPending(): void {
  const snap = pending;
  if (!snap) return;
  pending = null;
  // Arrived before the user played or stopped, not yet drawn: out of date now.
  if (outdated(snap.playing)) return;
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
      // A new run starts paused, whatever the UI asked of the old one.
      awaiting = null;
      if (ev.run.source === 'link') openingLink = false;
      useUi.getState().select(null);
      useSim.setState({ run: ev.run, loadError: null, fork: null });
      return;
    case 'snapshot':
      // Sent before the worker read the last play or stop; its answer is on the way.
      if (outdated(ev.snap.playing)) return;
      awaiting = null;
      seekAnswered();
      recordSnapshot(ev.snap.cost.buildMs, ev.snap.cost.bytes, ev.snap.messages.length);
      // While playing, apply at most one snapshot per animation frame; otherwise at once
      // (a step or an action should show before anything else happens).
      pending = ev.snap;
      if (!ev.snap.playing) applyPending();
      return;
    case 'tick':
      perf.ticks++;
      if (outdated(ev.playing)) return;
      if (pending) applyPending();
      syncClock(ev.runId, ev.time, ev.playing, useSim.getState().speed);
      return;
    case 'load-error':
      useSim.setState({ loadError: { source: ev.source, errors: ev.errors } });
      return;
    case 'timeline':
      applyTimeline(ev.update);
      return;
    case 'forked':
      useSim.setState({ fork: ev.fork });
      return;
    case 'unforked':
      useSim.setState({ fork: null });
      return;
    case 'link':
      useSim.setState({ link: ev.text });
      // While a shared link is being opened, the address keeps it (not the default run's).
      if (!openingLink) scheduleHash();
      return;
    case 'link-error':
      openingLink = false;
      useSim.setState({ linkError: ev.error });
      scheduleHash();
      return;
    case 'export':
      saveBlob(new Blob([ev.text], { type: 'application/json' }), ev.fileName);
      return;
  }
}

/** Starts the worker, keeps it told what the views look at, reads the scenario list. */
export function connectSim(): void {
  if (client) return;
  client = new SimClient(onEvent);
  setBeforeFrame(applyPending);
  send({ type: 'speed', speed: useSim.getState().speed });
  const shared = linkFromHash(location.hash);
  if (shared !== null) {
    openingLink = true;
    send({ type: 'openLink', text: shared });
  }
  // A link pasted into the address bar of an open lab changes only the fragment.
  window.addEventListener('hashchange', () => {
    const text = linkFromHash(location.hash);
    if (text !== null && text !== useSim.getState().link) {
      openingLink = true;
      send({ type: 'openLink', text });
    }
  });
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
