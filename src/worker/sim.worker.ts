/// <reference lib="webworker" />
/**
 * The simulation worker: receives commands, advances virtual time at the chosen speed while
 * playing and streams snapshots (≤ 60 Hz) to the UI. All engine access goes through Session.
 */
import { TraceLog } from '../engine/history/traceLog';
import { isProtocolName, PROTOCOL_NAMES } from '../engine/protocols/registry';
import { defaultScenarioJson } from './defaultScenario';
import { CAP_PLAYGROUND, capScenarioJson } from './playgroundRegistry';
import { runKneeInSteps } from './knee';
import { runCompareInSteps } from './loadCompare';
import { MessageDeltaEncoder } from './messageDelta';
import { PROTOCOL_VERSION } from './protocol';
import type { Command, CommandEnvelope, WireSnapshot, WorkerEvent } from './protocol';
import { Session } from './session';
import type { ViewRequest } from './session';

const FRAME_MS = 16;
/** The fastest playback: 50 virtual ms per real ms (a teacher's fast-forward). */
const MAX_SPEED = 50;
/** Never advance more than this much real time per tick (tab in background, slow frame). */
const MAX_REAL_STEP = 100;

const scope = self as unknown as DedicatedWorkerGlobalScope;

let session: Session;
let runId = 0;
let playing = false;
let speed = 0.02;
let lastWall = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
let view: ViewRequest = { node: null, message: null, windowEnd: null };
let measure = false;
let lastPostedEvent = -1;
let viewDirty = true;
/** Timeline data goes out at most this often while playing (every change otherwise). */
const TIMELINE_MS = 250;
let lastTimeline = 0;
/** The share link is re-encoded at most this often. */
const LINK_MS = 250;
let lastLinkText = '';
let lastLinkAt = 0;
let linkTimer: ReturnType<typeof setTimeout> | null = null;
/** The load compare that counts (a newer one replaces a running one). */
let compareId = 0;
/** The capacity ramp that counts (a newer one replaces a running one). */
let kneeId = 0;

function post(ev: WorkerEvent, transfer: Transferable[] = []): void {
  scope.postMessage(ev, transfer);
}

function start(text: string, source: string): boolean {
  const result = Session.fromText(text, source, runId + 1);
  if (!result.ok) {
    post({ v: PROTOCOL_VERSION, type: 'load-error', source, errors: result.errors });
    return false;
  }
  adopt(result.session);
  return true;
}

function openPlayground(protocol: string, nodes: number, seed: number): void {
  if (protocol === CAP_PLAYGROUND.name) {
    start(JSON.stringify(capScenarioJson(Math.max(3, nodes), seed)), 'default');
    return;
  }
  if (!isProtocolName(protocol)) {
    post({
      v: PROTOCOL_VERSION,
      type: 'load-error',
      source: protocol,
      errors: [`unknown protocol "${protocol}" (expected ${PROTOCOL_NAMES.join(', ')})`],
    });
    return;
  }
  start(JSON.stringify(defaultScenarioJson(nodes, seed, protocol)), 'default');
}

/** The run as the user made it (their crashes and slow-downs too), over its whole duration. */
function compareText(): string {
  const json = JSON.parse(session.exportScenario().text) as Record<string, unknown>;
  json.duration = session.info.duration;
  return JSON.stringify(json);
}

function openLink(text: string): void {
  const result = Session.fromLink(text, runId + 1);
  if (!result.ok) {
    post({ v: PROTOCOL_VERSION, type: 'link-error', error: result.error });
    return;
  }
  // The link's speed is the one it was watched at; RunInfo.speed tells the UI.
  if (result.speed !== undefined) speed = result.speed;
  adopt(result.session);
}

function adopt(next: Session): void {
  if (playing) setPlaying(false, false);
  runId++;
  session = next;
  view = { ...view, message: null };
  lastLinkText = '';
  post({ v: PROTOCOL_VERSION, type: 'run', run: session.info });
  sendSnapshot();
}

function sendTimeline(): void {
  lastTimeline = performance.now();
  // A long branch after a reset goes out in several bounded chunks, all now.
  for (let update = session.timelineUpdate(); update; update = session.timelineUpdate()) {
    // The trace's columns move to the page without a copy (this side made them for it).
    post({ v: PROTOCOL_VERSION, type: 'timeline', update }, TraceLog.transferables(update.trace));
  }
}

function sendLink(): void {
  if (linkTimer !== null) clearTimeout(linkTimer);
  linkTimer = null;
  lastLinkAt = performance.now();
  const text = session.linkText(speed);
  if (text === lastLinkText) return;
  lastLinkText = text;
  post({ v: PROTOCOL_VERSION, type: 'link', runId, text });
}

/**
 * The link follows the run and the cursor: at once when paused (so "Copy link" right after a
 * step copies that step), at most every LINK_MS while playing.
 */
function scheduleLink(): void {
  if (!playing) return sendLink();
  const wait = LINK_MS - (performance.now() - lastLinkAt);
  if (wait <= 0) sendLink();
  else linkTimer ??= setTimeout(sendLink, wait);
}

/** What the page holds of the messages in flight (every snapshot posted is applied). */
const messageDeltas = new MessageDeltaEncoder();
let deltaRunId = -1;

function sendSnapshot(): void {
  const { messages, ...rest } = session.snapshot(view, playing, speed);
  const snap: WireSnapshot = {
    ...rest,
    messages: messageDeltas.encode(messages, rest.runId !== deltaRunId),
  };
  deltaRunId = rest.runId;
  if (measure) snap.cost.bytes = JSON.stringify(snap).length;
  lastPostedEvent = snap.eventId;
  viewDirty = false;
  if (!playing || performance.now() - lastTimeline >= TIMELINE_MS) sendTimeline();
  post({ v: PROTOCOL_VERSION, type: 'snapshot', snap });
  scheduleLink();
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
  // Playback ends at the scenario's duration: the run is what the scenario says it is.
  const end = session.info.duration;
  const target = Math.min(end, session.time + dt * speed);
  session.advanceTo(target);
  // Short of the target, the run was stopped (a zero-time loop, the lab's event budget): the
  // reason is in the trace, an `end` entry the event log shows.
  if (session.time >= end || session.time < target) {
    setPlaying(false);
    return;
  }
  publish();
  timer = setTimeout(tick, FRAME_MS);
}

function setPlaying(on: boolean, announce = true): void {
  // At the end of the run there is nothing left to play.
  playing = on && session.time < session.info.duration;
  if (timer !== null) clearTimeout(timer);
  timer = null;
  if (on) {
    lastWall = performance.now();
    timer = setTimeout(tick, FRAME_MS);
  }
  viewDirty = true;
  if (announce) publish();
}

/** Cursor moves that are not playback: they pause, then show the new moment. */
function moveCursor(move: () => void): void {
  if (playing) setPlaying(false, false);
  move();
  sendSnapshot();
}

function handle(cmd: Command): void {
  switch (cmd.type) {
    case 'load':
      start(cmd.text, cmd.source);
      return;
    case 'reset':
      start(session.variantText(cmd.seed, cmd.nodes), session.info.source);
      return;
    case 'protocol':
      openPlayground(cmd.protocol, cmd.nodes, cmd.seed);
      return;
    case 'play':
      setPlaying(true);
      return;
    case 'pause':
      setPlaying(false);
      return;
    case 'step': {
      const n = Math.max(1, cmd.count ?? 1);
      moveCursor(() => {
        for (let i = 0; i < n; i++) if (!session.step()) break;
      });
      return;
    }
    case 'stepBack':
      moveCursor(() => session.stepBack());
      return;
    case 'seek':
      moveCursor(() => session.seek(cmd.time));
      return;
    case 'seekEvent':
      moveCursor(() => session.seekEvent(cmd.eventId));
      return;
    case 'undoFork':
      if (session.undoFork()) {
        post({ v: PROTOCOL_VERSION, type: 'unforked', forkDepth: session.forkDepth });
      }
      sendSnapshot();
      return;
    case 'openLink':
      openLink(cmd.text);
      return;
    case 'export':
      post({ v: PROTOCOL_VERSION, type: 'export', ...session.exportScenario() });
      return;
    case 'speed':
      speed = Math.min(MAX_SPEED, Math.max(1e-4, cmd.speed));
      viewDirty = true;
      if (!playing) publish();
      return;
    case 'act': {
      const fork = session.act(cmd.action);
      if (fork) post({ v: PROTOCOL_VERSION, type: 'forked', fork });
      sendSnapshot();
      return;
    }
    case 'view':
      view = { node: cmd.node, message: cmd.message, windowEnd: cmd.windowEnd };
      sendSnapshot();
      return;
    case 'perf':
      measure = cmd.enabled;
      return;
    case 'mutations':
    case 'section': {
      const result =
        cmd.type === 'section'
          ? session.withSection(cmd.protocol, cmd.config, runId + 1)
          : session.withMutations(cmd.names, runId + 1);
      if (!result.ok) {
        post({
          v: PROTOCOL_VERSION,
          type: 'load-error',
          source: cmd.type === 'section' ? cmd.protocol : 'mutations',
          errors: result.errors,
        });
        return;
      }
      adopt(result.session);
      return;
    }
    case 'loadCompare': {
      const id = ++compareId;
      runCompareInSteps(
        compareText(),
        cmd.strategies,
        id,
        (update) => post({ v: PROTOCOL_VERSION, type: 'loadCompare', update }),
        () => id === compareId,
      );
      return;
    }
    case 'knee': {
      const id = ++kneeId;
      runKneeInSteps(
        compareText(),
        cmd.steps,
        id,
        (update) => post({ v: PROTOCOL_VERSION, type: 'knee', update }),
        () => id === kneeId,
      );
      return;
    }
  }
}

scope.onmessage = (e: MessageEvent<CommandEnvelope>) => {
  const data = e.data;
  if (!data || data.v !== PROTOCOL_VERSION) {
    console.warn('quorum worker: ignoring message with unknown protocol version', data);
    return;
  }
  try {
    handle(data.cmd);
  } catch (err) {
    // A bug must not leave the UI waiting: report it and show the state as it is.
    console.error('quorum worker: command failed', data.cmd.type, err);
    sendSnapshot();
  }
};

start(JSON.stringify(defaultScenarioJson(5, 1)), 'default');
