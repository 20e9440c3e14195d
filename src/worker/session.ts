/**
 * The one worker-side module that drives the engine. Everything else in the worker talks to
 * a Session. The run lives in a RunHistory (architecture guide, "History and scrubbing"):
 * the cursor can move back and forth, an action before the head forks the run, and the
 * timeline data (trace, markers, client operations, fault periods) streams to the UI
 * append-only, per branch.
 */
import { traceTail } from '../engine/analysis/describe';
import { RunHistory } from '../engine/history/history';
import {
  companionScenario,
  parseScenario,
  parseScenarioText,
  scenarioToJson,
  sectionName,
} from '../engine/scenario';
import type { Scenario } from '../engine/scenario';
import { decodeRunLink, encodeRunLink } from '../engine/share/link';
import type { Simulator } from '../engine/simulator';
import { placeClientsAtHome } from '../engine/sim/clientHome';
import type { Action } from '../engine/types';
import { messageView, nodeView } from './projection';
import type { ForkInfo, TimelineUpdate, RunInfo, Snapshot } from './protocol';
import { ConsistencyTracker } from './consistencyView';
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
  private consistency = new ConsistencyTracker();
  /**
   * The run beside this one (scenario `compare`): the same scenario under the other
   * protocol, kept at the same moment — every move and every user action goes to both.
   */
  private companion: Session | null;

  private constructor(
    history: RunHistory,
    source: string,
    runId: number,
    companion: RunHistory | null = null,
  ) {
    this.scenario = history.scenario;
    this.history = history;
    this.run = makeRunInfo(history.scenario, source, runId);
    this.stream = new TimelineStream(history, runId);
    this.companion = companion === null ? null : new Session(companion, source, runId);
  }

  /** A run and, for a scenario with `compare`, its twin, built alike. */
  private static build(
    scenario: Scenario,
    make: (s: Scenario) => RunHistory,
    source: string,
    runId: number,
  ): Session {
    const twin = companionScenario(scenario);
    return new Session(make(scenario), source, runId, twin === null ? null : make(twin));
  }

  /** Brings the companion to this run's moment. */
  private sync(): void {
    this.companion?.seekOrAdvance(this.time);
  }

  private seekOrAdvance(t: number): void {
    if (t >= this.time) this.history.advanceTo(t);
    else this.history.seekTime(t);
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
      const session = Session.build(parsed.scenario, (s) => new RunHistory(s), source, runId);
      return { ok: true, session };
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
      const make = (s: Scenario) => RunHistory.fromActions(s, userActions, { until });
      const session = Session.build(scenario, make, 'link', runId);
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

  /**
   * The same run with one protocol's section replaced (the CAP view's controls): the same
   * seed and user actions, computed to the same head, at the same moment. Never throws.
   */
  withSection(
    protocol: string,
    config: Record<string, unknown>,
    runId: number,
  ): { ok: true; session: Session } | { ok: false; errors: string[] } {
    const names = [this.scenario.protocol, this.scenario.compare?.protocol];
    const owner = names.find((n) => n === protocol);
    if (owner === undefined) {
      return { ok: false, errors: [`$: this run has no ${protocol} section to change`] };
    }
    return this.withChange((json) => (json[sectionName(owner)] = config), runId);
  }

  /** The same run with other `mutations` (the lab's "break a rule" switches). */
  withMutations(
    names: string[],
    runId: number,
  ): { ok: true; session: Session } | { ok: false; errors: string[] } {
    return this.withChange((json) => {
      if (names.length > 0) json.mutations = names;
      else delete json.mutations;
    }, runId);
  }

  /** Re-runs the scenario changed by `change`, to the same head and moment; never throws. */
  private withChange(
    change: (json: Record<string, unknown>) => void,
    runId: number,
  ): { ok: true; session: Session } | { ok: false; errors: string[] } {
    const json = scenarioToJson(this.scenario);
    change(json);
    const parsed = parseScenario(json);
    if (!parsed.ok) return parsed;
    const actions = this.history.userActions.map(({ at, action }) => ({ at, action }));
    const until = this.history.head.time;
    const cursor = this.time;
    try {
      const make = (s: Scenario) => RunHistory.fromActions(s, actions, { until });
      const session = Session.build(parsed.scenario, make, this.run.source, runId);
      session.seek(cursor);
      return { ok: true, session };
    } catch (e) {
      return { ok: false, errors: [`$: the simulator rejected the change (${String(e)})`] };
    }
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
    const stepped = this.history.step();
    this.sync();
    return stepped;
  }

  /** One event back; false at the start of the run. */
  stepBack(): boolean {
    this.stream.trackHeadOps();
    this.cursorKind = 'event';
    const moved = this.history.stepBack();
    this.sync();
    return moved;
  }

  /** Runs forward to time t: replays the branch up to its head, computes beyond it. */
  advanceTo(t: number): void {
    this.cursorKind = 'time';
    this.history.advanceTo(t);
    this.sync();
  }

  seek(t: number): void {
    this.stream.trackHeadOps();
    this.cursorKind = 'time';
    this.history.seekTime(Math.max(0, t));
    this.sync();
  }

  seekEvent(id: number): void {
    this.stream.trackHeadOps();
    this.cursorKind = 'event';
    this.history.seekEvent(id);
    this.sync();
  }

  /** Applies an action at the cursor; returns what a fork replaced, or null. */
  act(given: Action): ForkInfo | null {
    // Two runs side by side (the CAP view): a partition drawn between servers keeps each
    // sticky client beside its home server, on both sides alike.
    const w = this.scenario.workload;
    const action: Action =
      this.companion && given.type === 'partition' && w.sticky
        ? { ...given, groups: placeClientsAtHome(given.groups, w.clients, this.sim.ids) }
        : given;
    this.stream.trackHeadOps();
    const at = this.history.cursor;
    const r = this.history.act(action);
    if (this.companion) {
      this.sync();
      this.companion.act(action);
    }
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
    if (this.companion) {
      this.companion.undoFork();
      this.sync();
    }
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
      view: sim.module.view(
        reads,
        { windowEnd: view.windowEnd },
        { time: st.time, balancer: st.balancer },
      ),
      violations: st.violations.map((v) => ({ ...v })),
      recent: traceTail(this.history.trace, RECENT_LINES, this.history.traceLengthAt(st.eventId)),
      userOps: this.stats.userOps(sim),
      workload: this.stats.workload(sim),
      stats: { sent: st.stats.sent, delivered: st.stats.delivered, dropped: st.stats.dropped },
      node: selected < 0 ? null : { id: view.node!, detail: sim.module.detail(reads[selected]!) },
      message: null,
      cost: { buildMs: 0, bytes: null },
      consistency: this.consistency.view(sim, playing, this.history.trace),
      membership: sim.module.membership ? sim.module.membership.inForce(reads) : null,
      companion: null,
    };
    if (this.companion) {
      const { companion: _none, ...twin } = this.companion.snapshot(
        { ...view, message: null },
        playing,
        speed,
      );
      snap.companion = twin;
    }
    if (view.message !== null) {
      const m = inFlight.find((x) => x.id === view.message);
      if (m) snap.message = { id: m.id, payload: JSON.stringify(m.payload, null, 2) };
    }
    snap.cost.buildMs = performance.now() - t0;
    return snap;
  }
}
