/**
 * The one worker-side module that drives the engine. Everything else in the worker talks to
 * a Session. The run lives in a RunHistory (architecture guide, "History and scrubbing"):
 * the cursor can move back and forth, an action before the head forks the run, and the
 * timeline data (trace, markers, client operations, fault periods) streams to the UI
 * append-only, per branch.
 */
import { traceTail } from '../engine/analysis/describe';
import { RunHistory } from '../engine/history/history';
import { parseScenarioText, scenarioToJson } from '../engine/scenario';
import type { Scenario } from '../engine/scenario';
import { decodeRunLink, encodeRunLink } from '../engine/share/link';
import type { Simulator } from '../engine/simulator';
import type { Action } from '../engine/types';
import { messageView, nodeView } from './projection';
import type { ForkInfo, TimelineUpdate, RunInfo, Snapshot } from './protocol';
import { makeRunInfo } from './runInfo';
import { TimelineStream } from './timelineStream';
import { WorkloadStats } from './workloadStats';

export interface ViewRequest {
  node: string | null;
  message: number | null;
  /** Last log index / slot the protocol's panels show, or null to follow the newest. */
  windowEnd: number | null;
}

const RECENT_LINES = 14;

export type LoadResult = { ok: true; run: RunInfo } | { ok: false; errors: string[] };

export class Session {
  private history: RunHistory;
  private scenario: Scenario;
  private run: RunInfo;
  private seq = 0;
  /** Whether the cursor is just after an event (step, seek to an event) or at a time. */
  private cursorKind: 'event' | 'time' = 'time';
  private stream: TimelineStream;
  private stats = new WorkloadStats();

  private constructor(history: RunHistory, source: string, runId: number) {
    this.scenario = history.scenario;
    this.history = history;
    this.run = makeRunInfo(history.scenario, source, runId);
    this.stream = new TimelineStream(history, runId);
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
  ): { ok: true; session: Session; speed?: number } | { ok: false; error: string } {
    const decoded = decodeRunLink(text);
    if (!decoded.ok) return decoded;
    const { scenario, userActions, cursorTime, cursorEvent, headTime, speed } = decoded.link;
    try {
      const until = Math.max(cursorTime, headTime ?? 0);
      const h = RunHistory.fromActions(scenario, userActions, { until });
      const session = new Session(h, 'link', runId);
      if (cursorEvent !== undefined) session.seekEvent(cursorEvent);
      else session.seek(cursorTime);
      if (speed !== undefined) session.run.speed = speed;
      return { ok: true, session, ...(speed === undefined ? {} : { speed }) };
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
    this.stream.trackHeadOps();
    this.cursorKind = 'event';
    return this.history.stepBack();
  }

  /** Runs forward to time t: replays the branch up to its head, computes beyond it. */
  advanceTo(t: number): void {
    this.cursorKind = 'time';
    this.history.advanceTo(t);
  }

  seek(t: number): void {
    this.stream.trackHeadOps();
    this.cursorKind = 'time';
    this.history.seekTime(Math.max(0, t));
  }

  seekEvent(id: number): void {
    this.stream.trackHeadOps();
    this.cursorKind = 'event';
    this.history.seekEvent(id);
  }

  /** Applies an action at the cursor; returns what a fork replaced, or null. */
  act(action: Action): ForkInfo | null {
    this.stream.trackHeadOps();
    const at = this.history.cursor;
    const r = this.history.act(action);
    this.cursorKind = 'time';
    if (!r.forked) return null;
    this.stream.forked();
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
    this.stream.unforked();
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

  /** The run (scenario, user actions), the cursor and the playback speed as a share link. */
  linkText(speed?: number): string {
    const cursor = this.history.cursor;
    const head = this.history.head;
    return encodeRunLink({
      scenario: this.scenario,
      userActions: this.history.userActions.map(({ at, action }) => ({ at, action })),
      cursorTime: cursor.time,
      ...(this.cursorKind === 'event' ? { cursorEvent: cursor.eventId } : {}),
      ...(head.time > cursor.time ? { headTime: head.time } : {}),
      ...(speed === undefined ? {} : { speed }),
    });
  }

  /** What the UI has not seen yet of the branch's timeline, or null when nothing changed. */
  timelineUpdate(): TimelineUpdate | null {
    return this.stream.update();
  }

  snapshot(view: ViewRequest, playing: boolean, speed: number): Snapshot {
    const t0 = performance.now();
    const sim = this.sim;
    const st = sim.state;
    const nodes = st.nodes.map((_, i) => nodeView(sim, i));
    const reads = st.nodes.map((_, i) => sim.read(i));
    const leaderId = sim.currentLeader();
    const leader = leaderId === null ? null : nodes[sim.ids.indexOf(leaderId)]!;
    const inFlight = sim.messagesInFlight();
    const selected = view.node === null ? -1 : sim.ids.indexOf(view.node);
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
      messages: inFlight.map((m) => messageView(sim, m)),
      leader: leader?.id ?? null,
      leaderEpoch: leader?.epoch ?? null,
      view: sim.module.view(reads, { windowEnd: view.windowEnd }),
      violations: st.violations.map((v) => ({ ...v })),
      recent: traceTail(st.trace, RECENT_LINES, this.history.traceLengthAt(st.eventId)),
      userOps: this.stats.userOps(sim),
      workload: this.stats.workload(sim),
      stats: { sent: st.stats.sent, delivered: st.stats.delivered, dropped: st.stats.dropped },
      node: selected < 0 ? null : { id: view.node!, detail: sim.module.detail(reads[selected]!) },
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
}
