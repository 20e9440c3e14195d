/**
 * The one worker-side module that drives the engine. Everything else in the worker talks to
 * a Session. The run lives in a RunHistory (architecture guide, "History and scrubbing"):
 * the cursor can move back and forth, an action before the head forks the run, and the
 * timeline data (trace, markers, client operations, fault periods) streams to the UI
 * append-only, per branch.
 */
import { computeFaults } from '../engine/analysis/faults';
import { computeMarkers } from '../engine/analysis/markers';
import { describeAction, traceTail } from '../engine/analysis/describe';
import { RunHistory } from '../engine/history/history';
import { PROTOCOL_ENTRIES } from '../engine/protocols/registry';
import { parseScenarioText, scenarioToJson } from '../engine/scenario';
import type { Scenario } from '../engine/scenario';
import { decodeRunLink, encodeRunLink } from '../engine/share/link';
import type { Simulator } from '../engine/simulator';
import type { Action, ClientOpRecord, TraceEntry, TraceKind, WireMessage } from '../engine/types';
import type { LogEntry, RaftState } from '../engine/protocols/raft/types';
import { LOG_WINDOW } from './protocol';
import type {
  ClientOpView,
  ForkInfo,
  TimelineUpdate,
  MessageClass,
  MessageView,
  NodeView,
  RunInfo,
  Snapshot,
  WorkloadView,
} from './protocol';

export interface ViewRequest {
  node: string | null;
  message: number | null;
  /** Last log index the log matrix shows, or null to follow the longest log. */
  logEnd: number | null;
}

const RECENT_LINES = 14;
const USER_OPS = 6;
const LATENCY_SAMPLE = 300;

export type LoadResult = { ok: true; run: RunInfo } | { ok: false; errors: string[] };

/** Trace kinds that can open or close a fault period (computeFaults). */
const FAULT_KINDS = new Set<TraceKind>([
  'crash',
  'restart',
  'pause',
  'resume',
  'partition',
  'cut',
  'link',
  'heal',
  'role',
]);
/** Most trace entries sent in one timeline update (a reset after a long run is split). */
const TRACE_CHUNK = 50_000;

/** What the UI has been sent of the current branch's timeline. */
interface Streamed {
  gen: number;
  trace: readonly TraceEntry[] | null;
  traceLen: number;
  /** Client ops as of the head (copies), and how many of them are complete from the start. */
  ops: ClientOpRecord[];
  opsSettled: number;
  opsSent: number;
  /** Index of the first op that changed since the last update. */
  opsDirtyFrom: number;
  faultsDirty: boolean;
}

export class Session {
  private history: RunHistory;
  private scenario: Scenario;
  private run: RunInfo;
  private seq = 0;
  /** Whether the cursor is just after an event (step, seek to an event) or at a time. */
  private cursorKind: 'event' | 'time' = 'time';
  // Incremental client-op bookkeeping at the cursor (ops before `settled` are all complete);
  // reset when the simulator's op list is another one (a seek restored a keyframe).
  private opsRef: readonly ClientOpRecord[] | null = null;
  private settled = 0;
  private settledOk = 0;
  private settledFailed = 0;
  private userOpIdx: number[] = [];
  private scannedOps = 0;
  private gen = 0;
  private streamed: Streamed;
  /** Head ops of the branches undoFork can go back to. */
  private branchOps: ClientOpRecord[][] = [];

  private constructor(history: RunHistory, source: string, runId: number) {
    this.scenario = history.scenario;
    this.history = history;
    this.run = makeRunInfo(history.scenario, source, runId);
    this.streamed = this.freshStream();
  }

  private get sim(): Simulator {
    return this.history.sim;
  }

  /** Parses and starts a scenario; never throws. */
  static fromText(
    text: string,
    source: string,
    runId: number,
  ): { ok: true; session: Session } | { ok: false; errors: string[] } {
    const parsed = parseScenarioText(text);
    if (!parsed.ok) return parsed;
    try {
      return { ok: true, session: new Session(new RunHistory(parsed.scenario), source, runId) };
    } catch (e) {
      return { ok: false, errors: [`$: the simulator rejected the scenario (${String(e)})`] };
    }
  }

  /** Rebuilds the run and moment of a share link; never throws. */
  static fromLink(
    text: string,
    runId: number,
  ): { ok: true; session: Session } | { ok: false; error: string } {
    const decoded = decodeRunLink(text);
    if (!decoded.ok) return decoded;
    const { scenario, userActions, cursorTime, cursorEvent, headTime } = decoded.link;
    try {
      const until = Math.max(cursorTime, headTime ?? 0);
      const h = RunHistory.fromActions(scenario, userActions, { until });
      const session = new Session(h, 'link', runId);
      if (cursorEvent !== undefined) session.seekEvent(cursorEvent);
      else session.seek(cursorTime);
      return { ok: true, session };
    } catch (e) {
      return { ok: false, error: `the link's run could not be rebuilt (${String(e)})` };
    }
  }

  get info(): RunInfo {
    return this.run;
  }

  get time(): number {
    return this.sim.state.time;
  }

  get eventId(): number {
    return this.sim.state.eventId;
  }

  /** The scenario JSON with another seed / node count, for reset. */
  variantText(seed: number, nodes?: number): string {
    const json = scenarioToJson(this.scenario);
    json.seed = seed;
    if (nodes !== undefined) json.nodes = nodes;
    return JSON.stringify(json);
  }

  get head(): { time: number; eventId: number } {
    return this.history.head;
  }

  get forkDepth(): number {
    return this.history.forkDepth;
  }

  /** Processes one event; false when nothing is left to do. */
  step(): boolean {
    this.cursorKind = 'event';
    return this.history.step();
  }

  /** One event back; false at the start of the run. */
  stepBack(): boolean {
    this.trackHeadOps();
    this.cursorKind = 'event';
    return this.history.stepBack();
  }

  /** Runs forward to time t: replays the branch up to its head, computes beyond it. */
  advanceTo(t: number): void {
    this.cursorKind = 'time';
    this.history.advanceTo(t);
  }

  seek(t: number): void {
    this.trackHeadOps();
    this.cursorKind = 'time';
    this.history.seekTime(Math.max(0, t));
  }

  seekEvent(id: number): void {
    this.trackHeadOps();
    this.cursorKind = 'event';
    this.history.seekEvent(id);
  }

  /** Applies an action at the cursor; returns what a fork replaced, or null. */
  act(action: Action): ForkInfo | null {
    this.trackHeadOps();
    const at = this.history.cursor;
    const headOps = this.streamed.ops;
    const r = this.history.act(action);
    this.cursorKind = 'time';
    if (!r.forked) return null;
    this.branchOps.push(headOps);
    this.restartStream();
    return {
      time: at.time,
      eventId: at.eventId,
      droppedActions: r.droppedActions,
      forkDepth: this.history.forkDepth,
    };
  }

  /** Back to the branch the last fork replaced; false when there is none. */
  undoFork(): boolean {
    if (!this.history.undoFork()) return false;
    const ops = this.branchOps.pop() ?? [];
    this.restartStream(ops);
    return true;
  }

  /** The branch as a scenario file: user actions become scripted actions. */
  exportScenario(): { fileName: string; text: string } {
    // The run as far as it was computed: `npm run sim` on the file replays exactly that.
    const head = Math.ceil(this.history.head.time);
    const duration = head > 0 ? Math.min(this.scenario.duration, head) : this.scenario.duration;
    const s = this.history.toScenario({ duration });
    const base = (this.scenario.name || 'run').toLowerCase().replace(/[^a-z0-9]+/g, '-');
    return {
      fileName: `${base.replace(/^-|-$/g, '') || 'run'}-seed${s.seed}.json`,
      text: JSON.stringify(scenarioToJson(s), null, 2),
    };
  }

  /** The run (scenario, user actions) and the cursor as a share link. */
  linkText(): string {
    const cursor = this.history.cursor;
    const head = this.history.head;
    return encodeRunLink({
      scenario: this.scenario,
      userActions: this.history.userActions.map(({ at, action }) => ({ at, action })),
      cursorTime: cursor.time,
      ...(this.cursorKind === 'event' ? { cursorEvent: cursor.eventId } : {}),
      ...(head.time > cursor.time ? { headTime: head.time } : {}),
    });
  }

  // ---------------------------------------------------------------- timeline stream

  private freshStream(ops: ClientOpRecord[] = []): Streamed {
    return {
      gen: ++this.gen,
      trace: null,
      traceLen: 0,
      ops,
      opsSettled: 0,
      opsSent: 0,
      opsDirtyFrom: 0,
      faultsDirty: true,
    };
  }

  /**
   * Starts the stream of a (new) branch. `ops` are the branch's head ops when they are known
   * (undo: the cursor is not at the head); otherwise they are read at the cursor, which is the
   * head after a fork.
   */
  private restartStream(ops?: ClientOpRecord[]): void {
    this.streamed = this.freshStream(ops ?? []);
    if (ops) this.streamed.opsSettled = settledPrefix(ops, 0);
  }

  /**
   * Client ops at the head, kept in copies, updated while the cursor is at the head (and
   * before every move away from it, so the copies are never behind the head).
   */
  private trackHeadOps(): void {
    const cur = this.history.cursor;
    if (cur.eventId < this.history.head.eventId) return;
    const live = this.sim.state.clientOps;
    const st = this.streamed;
    let from = st.opsSettled;
    if (live.length < from) from = 0;
    for (let i = from; i < live.length; i++) {
      const o = live[i]!;
      const had = st.ops[i];
      if (
        had &&
        had.completedAt === o.completedAt &&
        had.attempts === o.attempts &&
        had.ok === o.ok
      )
        continue;
      st.ops[i] = { ...o };
      st.opsDirtyFrom = Math.min(st.opsDirtyFrom, i);
    }
    if (st.ops.length > live.length) {
      st.ops.length = live.length;
      st.opsDirtyFrom = Math.min(st.opsDirtyFrom, live.length);
    }
    st.opsSettled = settledPrefix(st.ops, st.opsSettled);
  }

  /** What the UI has not seen yet of the branch's timeline, or null when nothing changed. */
  timelineUpdate(): TimelineUpdate | null {
    this.trackHeadOps();
    const st = this.streamed;
    const trace = this.history.trace;
    const reset = st.trace === null;
    if (st.trace !== trace) {
      // Another array: the branch changed under us (fork/undo), so start over.
      if (!reset) {
        this.streamed = this.freshStream(st.ops);
        return this.timelineUpdate();
      }
      st.trace = trace;
    }
    const traceFrom = st.traceLen;
    const traceTo = Math.min(trace.length, traceFrom + TRACE_CHUNK);
    const opsFrom = Math.min(st.opsDirtyFrom, st.opsSent);
    const opsChanged = opsFrom < st.ops.length || st.ops.length !== st.opsSent;
    if (!reset && traceTo === traceFrom && !opsChanged) return null;
    const entries = trace.slice(traceFrom, traceTo);
    for (const e of entries) if (FAULT_KINDS.has(e.kind)) st.faultsDirty = true;
    const update: TimelineUpdate = {
      runId: this.run.runId,
      gen: st.gen,
      reset,
      traceFrom,
      trace: entries,
      markers: computeMarkers(entries),
      opsFrom,
      ops: st.ops.slice(opsFrom),
      head: this.history.head,
    };
    st.traceLen = traceTo;
    st.opsSent = st.ops.length;
    st.opsDirtyFrom = st.ops.length;
    if (st.faultsDirty && traceTo === trace.length) {
      update.faults = computeFaults(trace);
      st.faultsDirty = false;
    }
    return update;
  }

  snapshot(view: ViewRequest, playing: boolean, speed: number): Snapshot {
    const t0 = performance.now();
    const sim = this.sim;
    const st = sim.state;
    const longest = view.logEnd ?? this.longestLog();
    const nodes = st.nodes.map((_, i) => this.nodeView(i, longest));
    let leader: string | null = null;
    let leaderTerm: number | null = null;
    for (const n of nodes) {
      if (n.up && n.role === 'leader' && (leaderTerm === null || n.term > leaderTerm)) {
        leader = n.id;
        leaderTerm = n.term;
      }
    }
    const inFlight = sim.messagesInFlight();
    const snap: Snapshot = {
      runId: this.run.runId,
      seq: ++this.seq,
      time: st.time,
      eventId: st.eventId,
      head: this.history.head,
      forkDepth: this.history.forkDepth,
      playing,
      speed,
      nextEventTime: sim.nextEventTime(),
      nodes,
      cut: st.cut.map((row) => row.slice()),
      messages: inFlight.map(messageView),
      leader,
      leaderTerm,
      violations: st.violations.map((v) => ({ ...v })),
      recent: traceTail(st.trace, RECENT_LINES, this.history.traceLengthAt(st.eventId)),
      userOps: this.userOps(),
      workload: this.workload(),
      stats: { sent: st.stats.sent, delivered: st.stats.delivered, dropped: st.stats.dropped },
      node: view.node === null ? null : this.nodeDetail(view.node),
      message: null,
      cost: { buildMs: 0, bytes: null },
    };
    if (view.message !== null) {
      const m = inFlight.find((x) => x.id === view.message);
      if (m) snap.message = { id: m.id, payload: JSON.stringify(m.payload, null, 2) };
    }
    snap.cost.buildMs = performance.now() - t0;
    return snap;
  }

  // ---------------------------------------------------------------- pieces

  private raft(i: number): Partial<RaftState> | null {
    const s = this.sim.state.nodes[i]!.state;
    return s && typeof s === 'object' ? (s as Partial<RaftState>) : null;
  }

  private nodeView(i: number, longest: number): NodeView {
    const node = this.sim.state.nodes[i]!;
    const r = this.raft(i);
    // The protocol summary spells out the whole log, so read it only when the raw Raft
    // state is not there (a crashed node, or another protocol).
    const raw = r !== null && Array.isArray(r.log) && typeof r.role === 'string';
    const summary = raw ? null : this.sim.summary(i);
    const log: { term: number }[] = raw ? r.log! : summary!.log;
    const end = Math.min(log.length, longest);
    const start = Math.max(1, longest - LOG_WINDOW + 1);
    const logTerms: number[] = [];
    for (let idx = start; idx <= end; idx++) logTerms.push(log[idx - 1]!.term);
    const role = node.up ? (raw ? r.role! : summary!.role) : 'down';
    const timerArmed =
      node.up && role !== 'leader' && typeof r?.electionDeadline === 'number'
        ? r.electionDeadline
        : null;
    return {
      id: node.id,
      up: node.up,
      pausedUntil: node.pausedUntil,
      role,
      term: typeof r?.currentTerm === 'number' ? r.currentTerm : (summary?.term ?? 0),
      votedFor: r?.votedFor ?? null,
      leaderId: r?.leaderId ?? null,
      commitIndex: typeof r?.commitIndex === 'number' ? r.commitIndex : (summary?.commitIndex ?? 0),
      lastApplied: r?.lastApplied ?? 0,
      logLength: log.length,
      logStart: start,
      logTerms,
      votes: role === 'candidate' && Array.isArray(r?.votesGranted) ? [...r.votesGranted] : [],
      electionDeadline: timerArmed,
      electionTimeout: timerArmed === null ? null : (r?.electionTimeoutDrawn ?? null),
    };
  }

  private longestLog(): number {
    let max = 0;
    for (let i = 0; i < this.sim.state.nodes.length; i++) {
      const r = this.raft(i);
      const len = Array.isArray(r?.log) ? r.log.length : this.persistedLogLength(i);
      if (len > max) max = len;
    }
    return max;
  }

  private persistedLogLength(i: number): number {
    const p = this.sim.state.nodes[i]!.persisted as { log?: unknown[] } | null;
    return Array.isArray(p?.log) ? p.log.length : this.sim.summary(i).log.length;
  }

  private nodeDetail(id: string): Snapshot['node'] {
    const i = this.sim.ids.indexOf(id);
    if (i < 0) return null;
    const r = this.raft(i);
    const entries: { index: number; term: number; command: string }[] = [];
    if (Array.isArray(r?.log)) {
      const log = r.log;
      for (let idx = Math.max(1, log.length - 29); idx <= log.length; idx++) {
        entries.push({ index: idx, term: log[idx - 1]!.term, command: commandText(log[idx - 1]!) });
      }
    } else {
      const log = this.sim.summary(i).log;
      log
        .slice(-30)
        .forEach((e, k) =>
          entries.push({ index: log.length - Math.min(30, log.length) + k + 1, ...e }),
        );
    }
    const leader = r?.role === 'leader';
    return {
      id,
      log: entries,
      nextIndex: leader && r?.nextIndex ? { ...r.nextIndex } : null,
      matchIndex: leader && r?.matchIndex ? { ...r.matchIndex } : null,
      kvSize: r?.kv ? Object.keys(r.kv).length : 0,
    };
  }

  private scanOps(): void {
    const ops = this.sim.state.clientOps;
    if (ops !== this.opsRef || ops.length < this.scannedOps) {
      // A seek restored another state: count again from the start.
      this.opsRef = ops;
      this.settled = this.settledOk = this.settledFailed = this.scannedOps = 0;
      this.userOpIdx = [];
    }
    for (; this.scannedOps < ops.length; this.scannedOps++) {
      if (ops[this.scannedOps]!.client === 'user') this.userOpIdx.push(this.scannedOps);
    }
    while (this.settled < ops.length && ops[this.settled]!.completedAt !== null) {
      if (ops[this.settled]!.ok) this.settledOk++;
      else this.settledFailed++;
      this.settled++;
    }
  }

  private userOps(): ClientOpView[] {
    this.scanOps();
    const ops = this.sim.state.clientOps;
    return this.userOpIdx.slice(-USER_OPS).map((i) => opView(ops[i]!));
  }

  private workload(): WorkloadView {
    const st = this.sim.state;
    const ops = st.clientOps;
    let ok = this.settledOk;
    let failed = this.settledFailed;
    let pending = 0;
    for (let i = this.settled; i < ops.length; i++) {
      const o = ops[i]!;
      if (o.completedAt === null) pending++;
      else if (o.ok) ok++;
      else failed++;
    }
    const lat: number[] = [];
    for (let i = ops.length - 1; i >= 0 && lat.length < LATENCY_SAMPLE; i--) {
      const o = ops[i]!;
      if (o.ok && o.completedAt !== null) lat.push(o.completedAt - o.invokedAt);
    }
    lat.sort((a, b) => a - b);
    const pct = (p: number) =>
      lat.length === 0 ? null : lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!;
    return {
      clients: this.scenario.workload.clients,
      enabled: st.workloadEnabled,
      rate: st.workloadRate,
      total: ops.length,
      ok,
      failed,
      pending,
      p50: pct(0.5),
      p99: pct(0.99),
    };
  }
}

/** Length of the prefix of ops that are all complete, from a known complete prefix on. */
function settledPrefix(ops: readonly ClientOpRecord[], from: number): number {
  let i = Math.min(from, ops.length);
  while (i < ops.length && ops[i]!.completedAt !== null) i++;
  return i;
}

function makeRunInfo(s: Scenario, source: string, runId: number): RunInfo {
  return {
    runId,
    source,
    name: s.name,
    description: s.description,
    protocol: s.protocol,
    nodes: Array.from({ length: s.nodes }, (_, i) => `S${i + 1}`),
    seed: s.seed,
    duration: s.duration,
    electionTimeout: s.raft.electionTimeout,
    heartbeatInterval: s.raft.heartbeatInterval,
    latency: s.network.latency,
    invariants: PROTOCOL_ENTRIES[s.protocol].checkers.map((c) => c.name),
    script: s.actions.map((a) => ({ at: a.at, text: describeAction(a.action) })),
    scenarioText: JSON.stringify(scenarioToJson(s), null, 2),
  };
}

function commandText(e: LogEntry | { term: number; command: unknown }): string {
  const c = e.command as
    | { client?: string; seq?: number; op?: { type: string; key: string; value?: string } }
    | null
    | string;
  if (c === null || c === undefined) return 'no-op';
  if (typeof c === 'string') return c;
  const op = c.op;
  if (!op) return JSON.stringify(c);
  const what = op.type === 'put' ? `put ${op.key}=${op.value}` : `${op.type} ${op.key}`;
  return `${what} (${c.client}#${c.seq})`;
}

function opView(o: ClientOpRecord): ClientOpView {
  return { ...o };
}

export function classify(m: WireMessage): {
  cls: MessageClass;
  term: number | null;
  entries: number;
} {
  if (m.client) {
    return {
      cls: m.kind === 'ClientReply' ? 'client-reply' : 'client-request',
      term: null,
      entries: 0,
    };
  }
  const p = (m.payload ?? {}) as {
    type?: string;
    term?: number;
    voteGranted?: boolean;
    success?: boolean;
    entries?: unknown[];
  };
  const term = typeof p.term === 'number' ? p.term : null;
  switch (p.type ?? m.kind) {
    case 'RequestVote':
      return { cls: 'vote-request', term, entries: 0 };
    case 'RequestVoteReply':
      return { cls: p.voteGranted ? 'vote-granted' : 'vote-denied', term, entries: 0 };
    case 'AppendEntries': {
      const n = Array.isArray(p.entries) ? p.entries.length : 0;
      return { cls: n > 0 ? 'append' : 'heartbeat', term, entries: n };
    }
    case 'AppendEntriesReply':
      return { cls: p.success ? 'append-ok' : 'append-fail', term, entries: 0 };
    default:
      return { cls: 'other', term, entries: 0 };
  }
}

function messageView(m: WireMessage): MessageView {
  const c = classify(m);
  return {
    id: m.id,
    from: m.from,
    to: m.to,
    sentAt: m.sentAt,
    deliverAt: m.deliverAt,
    kind: m.kind,
    cls: c.cls,
    term: c.term,
    entries: c.entries,
    client: m.client === true,
  };
}
