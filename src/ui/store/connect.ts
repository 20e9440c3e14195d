/** Starts the worker, feeds its events into the store, keeps it told what the views look at. */
import { awaitedArrived, forgetAwaited, outdated } from './awaiting';
import { SimClient } from '../../worker/client';
import { applyMessageDelta } from '../../worker/messageDelta';
import type { MessageView, Snapshot, WorkerEvent } from '../../worker/protocol';
import { saveBlob } from '../timeline/exportView';
import { onMeasureSize, perf, recordSnapshot } from '../perf';
import { connected, send, setSink } from './channel';
import { setBeforeFrame, syncClock } from './clock';
import { preloadDiscard } from './discard';
import { flushHash, linkFromHash, pushNextHash, scheduleHash } from './hash';
import { onKnee } from './knee';
import { onLoadCompare } from './loadCompare';
import { useSim } from './sim';
import { mergeTimeline } from './slices/timeline';
import { seekAnswered } from './slices/transport';
import { applyPending, hasPending, holdSnapshot } from './snapshots';
import { useUi } from './ui';
import type { ScenarioEntry } from './sim';

/** A shared link was sent to the worker and has not been answered yet. */
let openingLink = false;
/** No run was shown yet (the first one replaces the page's history entry). */
let firstRun = true;
/**
 * The link being opened came from the address (the page's start, Back, a pasted link): its
 * run takes the history entry it came from instead of pushing a new one.
 */
let fromAddress = false;
/**
 * The link being opened was pasted into an open lab (not the page's start): if it cannot be
 * opened, the run the user had stays (at the start, the default run is what they get).
 */
let linkKeepsRun = false;

/** The messages in flight as the worker's last snapshot left them (messageDelta.ts). */
let inFlight: MessageView[] = [];

function onEvent(ev: WorkerEvent): void {
  switch (ev.type) {
    case 'run':
      forgetAwaited();
      if (!firstRun && !fromAddress) pushNextHash();
      firstRun = false;
      if (ev.run.source === 'link') {
        openingLink = false;
        fromAddress = false;
      }
      useUi.getState().select(null);
      useSim.setState({ run: ev.run, loadError: null, fork: null, userActed: false });
      // A share link brings the speed it was watched at (the worker already plays at it).
      if (ev.run.speed !== undefined) useSim.setState({ speed: ev.run.speed });
      return;
    case 'snapshot': {
      // Every snapshot's messages are applied, shown or not: each is a change from the last.
      inFlight = applyMessageDelta(inFlight, ev.snap.messages);
      const snap: Snapshot = { ...ev.snap, messages: inFlight };
      // Sent before the worker read the last play or stop; its answer is on the way.
      if (outdated(snap.playing)) return;
      awaitedArrived();
      seekAnswered();
      recordSnapshot(snap.cost.buildMs, snap.cost.bytes, snap.messages.length);
      // While playing, apply at most one snapshot per animation frame; otherwise at once
      // (a step or an action should show before anything else happens).
      holdSnapshot(snap);
      if (!snap.playing) applyPending();
      return;
    }
    case 'tick':
      perf.ticks++;
      if (outdated(ev.playing)) return;
      if (hasPending()) applyPending();
      syncClock(ev.runId, ev.time, ev.playing, useSim.getState().speed);
      return;
    case 'load-error':
      useSim.setState({ loadError: { source: ev.source, errors: ev.errors } });
      return;
    case 'timeline':
      useSim.setState({ timeline: mergeTimeline(useSim.getState().timeline, ev.update) });
      return;
    case 'forked':
      useSim.setState({ fork: ev.fork });
      return;
    case 'unforked':
      useSim.setState({ fork: null });
      return;
    case 'link':
      useSim.setState({ link: ev.text, linkRunId: ev.runId });
      // While a shared link is being opened, the address keeps it (not the default run's).
      if (!openingLink) scheduleHash();
      return;
    case 'link-error':
      openingLink = false;
      fromAddress = false;
      useSim.setState({ linkError: ev.error, linkErrorKeptRun: linkKeepsRun });
      scheduleHash();
      return;
    case 'export':
      saveBlob(new Blob([ev.text], { type: 'application/json' }), ev.fileName);
      return;
    case 'loadCompare':
      onLoadCompare(ev.update);
      return;
    case 'knee':
      onKnee(ev.update);
      return;
  }
}

function openLink(text: string, keepsRun: boolean): void {
  openingLink = true;
  linkKeepsRun = keepsRun;
  fromAddress = true;
  send({ type: 'openLink', text });
}

/** Starts the worker, keeps it told what the views look at, reads the scenario list. */
export function connectSim(): void {
  if (connected()) return;
  const client = new SimClient(onEvent);
  setSink((cmd) => client.send(cmd));
  setBeforeFrame(applyPending);
  send({ type: 'speed', speed: useSim.getState().speed });
  const shared = linkFromHash(location.hash);
  if (shared !== null) openLink(shared, false);
  // A link pasted into the address bar of an open lab changes only the fragment; Back and
  // Forward between loaded runs (each has its own history entry) do the same.
  window.addEventListener('hashchange', () => {
    const text = linkFromHash(location.hash);
    if (text !== null && text !== useSim.getState().link) openLink(text, true);
  });
  onMeasureSize((on) => send({ type: 'perf', enabled: on }));
  preloadDiscard();
  // Playback stopped: the address shows where at once (it is written rarely while playing).
  useSim.subscribe((s, prev) => {
    if (prev.playing && !s.playing) flushHash();
  });
  useUi.subscribe((s, prev) => {
    if (s.selection === prev.selection && s.windowEnd === prev.windowEnd) return;
    send({
      type: 'view',
      node: s.selection?.kind === 'node' ? s.selection.id : null,
      message: s.selection?.kind === 'message' ? s.selection.id : null,
      windowEnd: s.windowEnd,
    });
  });
  fetch('scenarios/index.json')
    .then((r) => (r.ok ? r.json() : []))
    .then((list: unknown) => {
      if (Array.isArray(list)) useSim.setState({ scenarios: list as ScenarioEntry[] });
    })
    .catch(() => {});
}
