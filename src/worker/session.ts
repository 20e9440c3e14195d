/**
 * The one worker-side module that drives the engine. Everything else in the worker talks to
 * a Session, so replacing the bare Simulator with a RunHistory (seek, step back, fork) is a
 * change to this file only.
 */
import { PROTOCOL_ENTRIES, createSimulator } from '../engine/protocols/registry';
import { parseScenarioText, scenarioToJson } from '../engine/scenario';
import type { Scenario } from '../engine/scenario';
import type { Simulator } from '../engine/simulator';
import type { Action, ClientOpRecord, WireMessage } from '../engine/types';
import type { LogEntry, RaftState } from '../engine/protocols/raft/types';
import { describeAction, traceTail } from './describe';
import { LOG_WINDOW } from './protocol';
import type {
  ClientOpView,
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

export class Session {
  private sim: Simulator;
  private scenario: Scenario;
  private run: RunInfo;
  private seq = 0;
  // Incremental client-op bookkeeping (ops before `settled` are all complete).
  private settled = 0;
  private settledOk = 0;
  private settledFailed = 0;
  private userOpIdx: number[] = [];
  private scannedOps = 0;

  private constructor(scenario: Scenario, source: string, runId: number) {
    this.scenario = scenario;
    this.sim = createSimulator(scenario, { trace: true });
    this.run = makeRunInfo(scenario, source, runId);
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
      return { ok: true, session: new Session(parsed.scenario, source, runId) };
    } catch (e) {
      return { ok: false, errors: [`$: the simulator rejected the scenario (${String(e)})`] };
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

  /** Processes one event; false when nothing is left to do. */
  step(): boolean {
    return this.sim.step();
  }

  advanceTo(t: number): void {
    this.sim.runUntil(t);
  }

  act(action: Action): void {
    this.sim.act(action);
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
      playing,
      speed,
      nextEventTime: sim.nextEventTime(),
      nodes,
      cut: st.cut.map((row) => row.slice()),
      messages: inFlight.map(messageView),
      leader,
      leaderTerm,
      violations: st.violations.map((v) => ({ ...v })),
      recent: traceTail(st.trace, RECENT_LINES),
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
