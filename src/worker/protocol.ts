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
import type { Action, ClientOpRecord, TraceEntry } from '../engine/types';

export type { TraceLine };

export const PROTOCOL_VERSION = 2;

/** How many log indexes (ending at the longest log) each snapshot carries per node. */
export const LOG_WINDOW = 40;

// ------------------------------------------------------------------ commands (UI → worker)

export type Command =
  /** Validate and load a scenario (JSON text). A bad one is reported and the run is kept. */
  | { type: 'load'; text: string; source: string }
  /** Restart the current scenario with another seed and/or node count. */
  | { type: 'reset'; seed: number; nodes?: number }
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
  | { type: 'view'; node: string | null; message: number | null; logEnd: number | null }
  /** Turn on measuring of snapshot cost (size needs a JSON.stringify, so it is opt-in). */
  | { type: 'perf'; enabled: boolean };

export interface CommandEnvelope {
  v: typeof PROTOCOL_VERSION;
  cmd: Command;
}

// ------------------------------------------------------------------ events (worker → UI)

export type WorkerEvent =
  | { v: typeof PROTOCOL_VERSION; type: 'run'; run: RunInfo }
  | { v: typeof PROTOCOL_VERSION; type: 'snapshot'; snap: Snapshot }
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
  | { v: typeof PROTOCOL_VERSION; type: 'export'; fileName: string; text: string };

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
  trace: TraceEntry[];
  markers: Marker[];
  opsFrom: number;
  ops: ClientOpRecord[];
  faults?: FaultPeriod[];
  /** The furthest moment computed on this branch. */
  head: { time: number; eventId: number };
}

/** Facts about the run that change only on load/reset. */
export interface RunInfo {
  runId: number;
  /** Where the scenario came from ("default", a file name...). */
  source: string;
  name: string;
  description: string;
  protocol: string;
  nodes: string[];
  seed: number;
  duration: number;
  electionTimeout: { min: number; max: number };
  heartbeatInterval: number;
  latency: { min: number; max: number };
  invariants: string[];
  /** The scenario's scripted actions in words, by virtual time. */
  script: { at: number; text: string }[];
  /** The scenario as JSON text, for "reset" and export. */
  scenarioText: string;
}

export type RoleName = 'follower' | 'candidate' | 'leader' | 'down' | string;

export interface NodeView {
  id: string;
  up: boolean;
  /** Virtual time the pause ends, or 0. */
  pausedUntil: number;
  role: RoleName;
  term: number;
  votedFor: string | null;
  leaderId: string | null;
  commitIndex: number;
  lastApplied: number;
  logLength: number;
  /** Terms of log entries `logStart … logStart + logTerms.length - 1` (1-based indexes). */
  logStart: number;
  logTerms: number[];
  /** Candidate: peers that granted their vote (self included). */
  votes: string[];
  /** Election timer: when it fires and the timeout drawn for it; null when not armed. */
  electionDeadline: number | null;
  electionTimeout: number | null;
}

/** Coarse message class that decides how a message is drawn. */
export type MessageClass =
  | 'vote-request'
  | 'vote-granted'
  | 'vote-denied'
  | 'append'
  | 'heartbeat'
  | 'append-ok'
  | 'append-fail'
  | 'client-request'
  | 'client-reply'
  | 'other';

export interface MessageView {
  id: number;
  from: string;
  to: string;
  sentAt: number;
  deliverAt: number;
  kind: string;
  cls: MessageClass;
  term: number | null;
  /** AppendEntries: number of entries carried. */
  entries: number;
  client: boolean;
}

/** Full details of the selected node (the inspector). */
export interface NodeDetail {
  id: string;
  /** The last entries of the log, with their commands spelled out. */
  log: { index: number; term: number; command: string }[];
  nextIndex: Record<string, number> | null;
  matchIndex: Record<string, number> | null;
  kvSize: number;
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

export interface ViolationView {
  invariant: string;
  time: number;
  eventId: number;
  message: string;
}

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
  leader: string | null;
  leaderTerm: number | null;
  violations: ViolationView[];
  /** The events just processed, newest last. */
  recent: TraceLine[];
  userOps: ClientOpView[];
  workload: WorkloadView;
  stats: { sent: number; delivered: number; dropped: number };
  node: NodeDetail | null;
  message: MessageDetail | null;
  /** Worker-side cost of this snapshot: build time (ms) and, when measuring, its size. */
  cost: { buildMs: number; bytes: number | null };
}
