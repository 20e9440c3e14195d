/**
 * The typed, versioned message protocol between the UI thread and the simulation worker.
 *
 * Commands flow in (UI → worker), events flow out (worker → UI). Everything is plain,
 * structured-cloneable data. A snapshot carries only what the views need for the current
 * frame: log windows instead of whole logs, payloads only for the selected message, the
 * recent trace tail instead of the whole trace. When virtual time moved but no event ran,
 * the worker sends a tiny `tick` instead of a snapshot.
 *
 * Bump PROTOCOL_VERSION whenever a shape here changes incompatibly.
 */
import type { FaultPeriod } from '../engine/analysis/faults';
import type { Marker } from '../engine/analysis/markers';
import type { TraceLine } from '../engine/analysis/describe';
import type { ConsistencyReport } from '../engine/analysis/consistency';
import type { TraceRange } from '../engine/history/traceLog';
import type { Action, ClientOpRecord, Violation, WireMessage } from '../engine/types';
import type { KneeUpdate } from './knee';
import type { LoadCompareUpdate } from './loadCompare';

export type { LoadCompareUpdate, TraceLine };

import type { MessageDelta } from './messageDelta';

export const PROTOCOL_VERSION = 5;

// ------------------------------------------------------------------ commands (UI → worker)

export type Command =
  /** Validate and load a scenario (JSON text). A bad one is reported and the run is kept. */
  | { type: 'load'; text: string; source: string }
  /** Restart the current scenario with another seed and/or node count. */
  | { type: 'reset'; seed: number; nodes?: number }
  /**
   * Open the built-in playground of another protocol (by its scenario name), keeping the
   * node count and seed. An unknown name is reported as a load error; the run is kept.
   */
  | { type: 'protocol'; protocol: string; nodes: number; seed: number }
  | { type: 'play' }
  | { type: 'pause' }
  /** Process exactly `count` events (default 1); pauses playback. */
  | { type: 'step'; count?: number }
  /** Virtual milliseconds per real millisecond (1 = real time). */
  | { type: 'speed'; speed: number }
  /**
   * A user action, applied at the cursor. Before the head of the run this forks it: the
   * worker answers with a `forked` event.
   */
  | { type: 'act'; action: Action }
  /** Show virtual time `time` (every event due by then processed); pauses playback. */
  | { type: 'seek'; time: number }
  /** Show the moment just after event `eventId`; pauses playback. */
  | { type: 'seekEvent'; eventId: number }
  /** One event back; pauses playback. */
  | { type: 'stepBack' }
  /** Back to the branch the last fork replaced. */
  | { type: 'undoFork' }
  /** Rebuild the run a share link describes (the fragment text); a bad link is reported. */
  | { type: 'openLink'; text: string }
  /** Ask for the run as a scenario file (answered with `export`). */
  | { type: 'export' }
  /** What the views currently look at, so the worker sends the matching details. */
  | { type: 'view'; node: string | null; message: number | null; windowEnd: number | null }
  /** Turn on measuring of snapshot cost (size needs a JSON.stringify, so it is opt-in). */
  | { type: 'perf'; enabled: boolean }
  /**
   * Change one protocol's scenario section (the CAP view's N, R, W…): the run restarts with
   * the same seed and user actions, at the same moment. A bad section is a load error and
   * the run is kept.
   */
  | { type: 'section'; protocol: string; config: Record<string, unknown> }
  /** Switch rules off (scenario `mutations`): the run restarts as `section` does. */
  | { type: 'mutations'; names: string[] }
  /**
   * Compare mode of the load lab: run this scenario (with the user's actions, over its whole
   * duration, capped in size) once per strategy, headless; answered with `loadCompare`
   * events (progress, then the results). A newer compare replaces one still running.
   */
  | { type: 'loadCompare'; strategies: string[] }
  /** The capacity panel: run the scenario's offered-load ramp (knee.ts), answered with `knee`. */
  | { type: 'knee'; steps?: number };

export interface CommandEnvelope {
  v: typeof PROTOCOL_VERSION;
  cmd: Command;
}

// ------------------------------------------------------------------ events (worker → UI)

export type WorkerEvent =
  | { v: typeof PROTOCOL_VERSION; type: 'run'; run: RunInfo }
  | { v: typeof PROTOCOL_VERSION; type: 'snapshot'; snap: WireSnapshot }
  | { v: typeof PROTOCOL_VERSION; type: 'tick'; runId: number; time: number; playing: boolean }
  | { v: typeof PROTOCOL_VERSION; type: 'load-error'; source: string; errors: string[] }
  | { v: typeof PROTOCOL_VERSION; type: 'timeline'; update: TimelineUpdate }
  /** An action before the head replaced the run's future (undoFork goes back). */
  | { v: typeof PROTOCOL_VERSION; type: 'forked'; fork: ForkInfo }
  /** undoFork went back to the previous branch. */
  | { v: typeof PROTOCOL_VERSION; type: 'unforked'; forkDepth: number }
  /** The current run and moment as a share link (`v1.…`), sent when it changes (throttled). */
  | { v: typeof PROTOCOL_VERSION; type: 'link'; runId: number; text: string }
  /** A share link could not be opened; the current run goes on. */
  | { v: typeof PROTOCOL_VERSION; type: 'link-error'; error: string }
  | { v: typeof PROTOCOL_VERSION; type: 'export'; fileName: string; text: string }
  | { v: typeof PROTOCOL_VERSION; type: 'loadCompare'; update: LoadCompareUpdate }
  | { v: typeof PROTOCOL_VERSION; type: 'knee'; update: KneeUpdate };

export interface ForkInfo {
  /** Virtual time of the cursor where the run was forked. */
  time: number;
  eventId: number;
  /** User actions of the replaced future that the new branch no longer has. */
  droppedActions: number;
  forkDepth: number;
}

/**
 * Timeline data of the current branch, streamed append-only. `gen` names a branch of a run:
 * when it changes (load, fork, undo) the update is a reset and `traceFrom`/`opsFrom` are 0.
 * - trace: the branch's trace entries `traceFrom …` (up to the head, which may lie past the
 *   cursor); the UI appends them.
 * - markers: appended likewise (they are a per-entry function of the trace).
 * - ops: client operations as of the head, replacing the UI's list from index `opsFrom` on
 *   (earlier ones are complete and never change).
 * - faults: the whole list when it changed, else omitted.
 */
export interface TimelineUpdate {
  runId: number;
  gen: number;
  reset: boolean;
  traceFrom: number;
  /** In columns (traceLog.ts), transferred rather than copied. */
  trace: TraceRange;
  markers: Marker[];
  opsFrom: number;
  ops: ClientOpRecord[];
  faults?: FaultPeriod[];
  /** The furthest moment computed on this branch. */
  head: { time: number; eventId: number };
}

/** Facts about the run that change only on load/reset. */
export interface RunInfo {
  /** Whether the protocol can add and remove servers (the seam's `membership` hook). */
  membership: boolean;
  /** The playback speed a share link asked for (the lab takes it), if any. */
  speed?: number;
  /**
   * The protocol menu's entry this run is (a protocol's name, or a playground such as the CAP
   * view's "cap"); it names no entry when the scenario combines protocols the menu does not.
   */
  menuName: string;
  /** Every protocol the lab can run, by scenario name, with its display name. */
  protocols: { name: string; title: string }[];
  runId: number;
  /** Where the scenario came from ("default", a file name...). */
  source: string;
  name: string;
  description: string;
  /** The protocol's scenario name : the lab picks its view module by it. */
  protocol: string;
  /** Its display name  and what its epoch is called ("term"). */
  title: string;
  epochName: string;
  /** The timer the "timeout" action fires. */
  timeoutTimer: string;
  /** How clients reach servers; `none`: the protocol takes no client requests. */
  routing: 'redirect' | 'any-node' | 'none' | 'balancer';
  /** The protocol's scenario section with defaults filled (its view module reads it). */
  config: unknown;
  /** The protocol run beside this one under the same schedule (scenario `compare`), if any. */
  compare?: {
    protocol: string;
    title: string;
    epochName: string;
    routing: 'redirect' | 'any-node' | 'none' | 'balancer';
    config: unknown;
    invariants: string[];
  };
  nodes: string[];
  seed: number;
  duration: number;
  latency: { min: number; max: number };
  invariants: string[];
  /** Valid settings that will likely not work (a protocol's timing sanity), in plain words. */
  warnings: string[];
  /** Rules this run switches off (scenario `mutations`), each with what it breaks. */
  mutations: { name: string; description: string }[];
  /** Every rule the protocol lets the lab switch off (its mutants). */
  mutants: { name: string; description: string }[];
  /** The scenario's scripted actions in words, by virtual time. */
  script: { at: number; text: string }[];
  /** The scenario as JSON text, for "reset" and export. */
  scenarioText: string;
}

/** An armed timer of a node: when it fires and how long it was set for. */
export interface TimerView {
  name: string;
  due: number;
  length: number;
}

/** What every protocol's node shows: the rest is in the protocol's own view. */
export interface NodeView {
  id: string;
  up: boolean;
  /** Virtual time the pause ends, or 0. */
  pausedUntil: number;
  /** The protocol's role, or "down" for a crashed node. */
  role: string;
  /** Its term / ballot round (as persisted, when crashed), or null. */
  epoch: number | null;
  leads: boolean;
  campaigns: boolean;
  /** Armed timers, by name order (none while crashed). */
  timers: TimerView[];
}

/** A message on the wire as the lab draws it: its route and timing, and how to draw it. */
export interface MessageView extends Omit<WireMessage, 'payload' | 'client'> {
  /** Palette class, from the protocol's describe (client traffic: client-request/-reply). */
  cls: string;
  /** The term / ballot the message carries, or null. */
  epoch: number | null;
  /** Short words for people ("AppendEntries ×3"). */
  label: string;
  client: boolean;
}

/** Full details of the selected node, as the protocol projects them (the inspector). */
export interface NodeDetailView {
  id: string;
  detail: unknown;
}

export interface MessageDetail {
  id: number;
  /** Pretty JSON of the payload. */
  payload: string;
}

/** A client operation as the engine records it (a copy: records are frozen in history). */
export type ClientOpView = ClientOpRecord;

export interface WorkloadView {
  clients: number;
  enabled: boolean;
  rate: number;
  total: number;
  ok: number;
  failed: number;
  pending: number;
  /** Latency percentiles over the last completed ok operations (ms), or null. */
  p50: number | null;
  p99: number | null;
}

/** An anomaly as the lab lists it. */
export type AnomalyView = ConsistencyReport['anomalies'][number] & {
  /** The event that revealed it (the read that saw it), or null: none to point at. */
  eventId: number | null;
  /** The operations it names, as recorded. */
  records: ClientOpRecord[];
  /** The servers holding its key. */
  replicas: string[];
};

/** One side's consistency at the cursor (the CAP view): the history checker's report. */
export interface ConsistencyView extends Omit<ConsistencyReport, 'anomalies'> {
  /**
   * The first anomalies, each with the event that revealed it (null: none to point at), the
   * operations it names and the servers holding its key.
   */
  anomalies: AnomalyView[];
  /** Anomalies by kind, all of them (the list holds the first ones). */
  counts: Record<string, number>;
  total: number;
  /** Operations completed by the cursor. */
  completed: number;
}

/**
 * A snapshot as the worker posts it: the messages in flight as a change from the previous
 * snapshot (messageDelta.ts), which the page applies to its list to get the Snapshot.
 */
export type WireSnapshot = Omit<Snapshot, 'messages'> & { messages: MessageDelta };

/** The run beside this one (scenario `compare`): its moment, drawn beside the primary's. */
export type CompanionSnapshot = Omit<Snapshot, 'companion'>;

/** An invariant violation, as the engine records it. */
export type ViolationView = Violation;

export interface Snapshot {
  runId: number;
  /** Increases with every snapshot of the run. */
  seq: number;
  time: number;
  eventId: number;
  /** The furthest moment computed on this branch (the cursor may be before it). */
  head: { time: number; eventId: number };
  /** Branches undoFork can go back to. */
  forkDepth: number;
  playing: boolean;
  speed: number;
  /** Time of the next queued event (Infinity when none). */
  nextEventTime: number;
  nodes: NodeView[];
  /** cut[i][j]: the link from node i to node j is down. */
  cut: boolean[][];
  messages: MessageView[];
  /** The protocol's leader now (the node "leader" in actions means), and its epoch. */
  leader: string | null;
  leaderEpoch: number | null;
  /** The protocol's projection of every node (its view module knows the shape). */
  view: unknown;
  violations: ViolationView[];
  /** The events just processed, newest last. */
  recent: TraceLine[];
  userOps: ClientOpView[];
  workload: WorkloadView;
  stats: { sent: number; delivered: number; dropped: number };
  node: NodeDetailView | null;
  message: MessageDetail | null;
  /** Worker-side cost of this snapshot: build time (ms) and, when measuring, its size. */
  cost: { buildMs: number; bytes: number | null };
  /** Key-value protocols: the consistency of the history so far; null otherwise. */
  consistency: ConsistencyView | null;
  /** Protocols with membership change: the configuration in force and its quorum; else null. */
  membership: { members: string[]; quorum: number } | null;
  /** The same moment of the run beside this one (scenario `compare`), or null. */
  companion: CompanionSnapshot | null;
}
