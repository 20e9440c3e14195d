/// <reference lib="webworker" />
/**
 * The simulation worker: receives commands, advances virtual time at the chosen speed while
 * playing and streams snapshots (≤ 60 Hz) to the UI. All engine access goes through Session.
 */
import { defaultScenarioJson } from './defaultScenario';
import { PROTOCOL_VERSION } from './protocol';
import type { Command, CommandEnvelope, WorkerEvent } from './protocol';
import { Session } from './session';
import type { ViewRequest } from './session';

const FRAME_MS = 16;
/** Never advance more than this much real time per tick (tab in background, slow frame). */
const MAX_REAL_STEP = 100;

const scope = self as unknown as DedicatedWorkerGlobalScope;

let session: Session;
let runId = 0;
let playing = false;
let speed = 0.02;
let lastWall = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
let view: ViewRequest = { node: null, message: null, logEnd: null };
let measure = false;
let lastPostedEvent = -1;
let viewDirty = true;

function post(ev: WorkerEvent): void {
  scope.postMessage(ev);
}

function start(text: string, source: string): boolean {
  const result = Session.fromText(text, source, runId + 1);
  if (!result.ok) {
    post({ v: PROTOCOL_VERSION, type: 'load-error', source, errors: result.errors });
    return false;
  }
  runId++;
  session = result.session;
  view = { ...view, message: null };
  post({ v: PROTOCOL_VERSION, type: 'run', run: session.info });
  sendSnapshot();
  return true;
}

function sendSnapshot(): void {
  const snap = session.snapshot(view, playing, speed);
  if (measure) snap.cost.bytes = JSON.stringify(snap).length;
  lastPostedEvent = snap.eventId;
  viewDirty = false;
  post({ v: PROTOCOL_VERSION, type: 'snapshot', snap });
}

/** A full snapshot when something happened, otherwise only the new time. */
function publish(): void {
  if (viewDirty || session.eventId !== lastPostedEvent) sendSnapshot();
  else post({ v: PROTOCOL_VERSION, type: 'tick', runId, time: session.time, playing });
}

function tick(): void {
  timer = null;
  if (!playing) return;
  const now = performance.now();
  const dt = Math.min(now - lastWall, MAX_REAL_STEP);
  lastWall = now;
  session.advanceTo(session.time + dt * speed);
  publish();
  timer = setTimeout(tick, FRAME_MS);
}

function setPlaying(on: boolean): void {
  playing = on;
  if (timer !== null) clearTimeout(timer);
  timer = null;
  if (on) {
    lastWall = performance.now();
    timer = setTimeout(tick, FRAME_MS);
  }
  viewDirty = true;
  publish();
}

function handle(cmd: Command): void {
  switch (cmd.type) {
    case 'load':
      start(cmd.text, cmd.source);
      return;
    case 'reset':
      start(session.variantText(cmd.seed, cmd.nodes), session.info.source);
      return;
    case 'play':
      setPlaying(true);
      return;
    case 'pause':
      setPlaying(false);
      return;
    case 'step': {
      if (playing) setPlaying(false);
      const n = Math.max(1, cmd.count ?? 1);
      for (let i = 0; i < n; i++) if (!session.step()) break;
      sendSnapshot();
      return;
    }
    case 'speed':
      speed = Math.min(1, Math.max(1e-4, cmd.speed));
      viewDirty = true;
      if (!playing) publish();
      return;
    case 'act':
      session.act(cmd.action);
      sendSnapshot();
      return;
    case 'view':
      view = { node: cmd.node, message: cmd.message, logEnd: cmd.logEnd };
      sendSnapshot();
      return;
    case 'perf':
      measure = cmd.enabled;
      return;
  }
}

scope.onmessage = (e: MessageEvent<CommandEnvelope>) => {
  const data = e.data;
  if (!data || data.v !== PROTOCOL_VERSION) {
    console.warn('quorum worker: ignoring message with unknown protocol version', data);
    return;
  }
  handle(data.cmd);
};

start(JSON.stringify(defaultScenarioJson(5, 1)), 'default');
