/**
 * Run history: scrub, step back, fork and undo, built on the engine's determinism
 * (architecture guide, "History and scrubbing").
 *
 * What is stored: the input log (the scenario plus user actions at their virtual times), a
 * keyframe every K events (a copy of `sim.state` without its trace, sharing what did not change
 * and the pieces of long arrays with the keyframes before it; see keyframeStore.ts), and the
 * trace of the current branch once, append-only, packed (traceLog.ts). Showing any moment
 * restores the nearest keyframe at or before it and replays at most K events.
 *
 * Positions. The simulator pops events in one deterministic order; a moment of the run is a
 * position in that order. Two kinds of positions are reachable, and the history keeps track of
 * which one the cursor is at, because they differ in internal bookkeeping (stale timers popped
 * or not, the clock):
 * - "event" position E: just after event E was processed (what `step()` gives);
 * - "time" position t: every event due by t processed, clock at t (what `runUntil(t)` gives).
 * At the same event id, the event position comes first, then time positions by time.
 *
 * User actions are always applied at a time position: acting at the cursor first finishes the
 * cursor's instant (as `sim.act` does), then queues the action and runs it. Replays queue the
 * action at that same point of the pop order, so a replayed state is identical, field for
 * field (`stateHash`), to the one first computed. The tests check that on every kind of
 * action (history.test.ts); the run history itself does not hash states, which would cost
 * every seek a full walk of the state.
 *
 * The end of the run. Nothing is computed past the scenario's duration (advancing, stepping
 * and seeking stop there) nor past the lab's event budget (`maxEvents`, labEventBudget): the
 * event that reaches it stops the run (`sim.state.stopped`, an `end` entry in the trace), as
 * the simulator itself stops a run caught in a zero-time loop. A stopped run takes no more
 * actions. So a link or a seek that points far beyond the run costs no more than the run.
 */
import { createSimulator } from '../create';
import { labEventBudget } from '../input/limits';
import type { Scenario } from '../scenario';
import type { RunStop, Simulator } from '../simulator';
import type { Action, TimedAction } from '../types';
import { restoreKeyframe, storeKeyframe } from './keyframeStore';
import { freezeSettled } from './snapshot';
import { TraceLog } from './traceLog';
import { comparePos, DEFAULT_KEYFRAME_EVERY, lastAtOrBefore } from './positions';
import type {
  ActResult,
  Branch,
  HistoryOptions,
  Keyframe,
  Moment,
  Position,
  UserAction,
} from './positions';

export { DEFAULT_KEYFRAME_EVERY };
export type { ActResult, HistoryOptions, Moment, UserAction };

export class RunHistory {
  readonly scenario: Scenario;
  readonly keyframeEvery: number;
  /** The event budget: the event with this id stops the run. */
  readonly maxEvents: number;
  private readonly simulator: Simulator;
  private actions: UserAction[] = [];
  private keyframes: Keyframe[] = [];
  private branchTrace = new TraceLog();
  private headPos: Position;
  private pos: Position;
  /** Index in `actions` of the next action the simulator has not applied yet. */
  private nextAction = 0;
  /** False when the simulator holds a state of another branch (after undoFork). */
  private simOnBranch = true;
  private readonly branches: Branch[] = [];

  constructor(scenario: Scenario, opts: HistoryOptions = {}) {
    const every = opts.keyframeEvery ?? DEFAULT_KEYFRAME_EVERY;
    if (!Number.isInteger(every) || every < 1) {
      throw new Error(`keyframeEvery must be a positive integer, got ${every}`);
    }
    const budget = opts.maxEvents ?? labEventBudget(scenario.nodes);
    if (!Number.isInteger(budget) || budget < 1) {
      throw new Error(`maxEvents must be a positive integer, got ${budget}`);
    }
    this.scenario = scenario;
    this.keyframeEvery = every;
    this.maxEvents = budget;
    this.simulator = createSimulator(scenario, { trace: true });
    this.pos = { time: this.simulator.state.time, eventId: 0, kind: 'event' };
    this.headPos = { ...this.pos };
    this.takeKeyframe();
  }

  /**
   * Rebuilds a history from an input log (a shared link, an imported run): each action is
   * taken at its time, then the run is computed up to `until` (default: the last action),
   * never past the end of the run. Actions must be in time order, within the run.
   */
  static fromActions(
    scenario: Scenario,
    actions: readonly TimedAction[],
    opts: HistoryOptions & { until?: number } = {},
  ): RunHistory {
    const h = new RunHistory(scenario, opts);
    for (const [i, a] of actions.entries()) {
      if (a.at < h.cursor.time) {
        throw new Error(`user action ${i} at ${a.at} ms is earlier than the one before it`);
      }
      h.advanceTo(a.at);
      if (h.cursor.time < a.at) {
        throw new Error(
          `user action ${i} at ${a.at} ms lies beyond the end of the run (${h.cursor.time} ms)`,
        );
      }
      h.act(a.action);
    }
    if (opts.until !== undefined && opts.until > h.cursor.time) h.advanceTo(opts.until);
    return h;
  }

  // ---------------------------------------------------------------- reading

  /** The simulator at the cursor. Read it; change it only through this history. */
  get sim(): Simulator {
    return this.simulator;
  }

  get cursor(): Moment {
    return { time: this.pos.time, eventId: this.pos.eventId };
  }

  /** Why the run was stopped at the cursor (the event budget, a zero-time loop), or null. */
  get stopped(): RunStop | null {
    return this.simulator.state.stopped;
  }

  /** The furthest moment computed on the current branch. */
  get head(): Moment {
    return { time: this.headPos.time, eventId: this.headPos.eventId };
  }

  /** The branch's trace up to the head, past the cursor too (traceLengthAt), in columns. */
  get trace(): TraceLog {
    return this.branchTrace;
  }

  /** How many trace entries belong to events up to `eventId` (the trace is ordered by id). */
  traceLengthAt(eventId: number): number {
    return this.branchTrace.firstWithId(eventId + 1);
  }

  /** User actions on the current branch, in the order they apply. */
  get userActions(): readonly UserAction[] {
    return this.actions;
  }

  /** Branches undoFork() can go back to. */
  get forkDepth(): number {
    return this.branches.length;
  }

  get keyframeCount(): number {
    return this.keyframes.length;
  }

  /** The keyframes' states and the trace, for memory measurements. */
  storage(): { keyframes: readonly object[]; trace: TraceLog } {
    return { keyframes: this.keyframes.map((k) => k.state), trace: this.branchTrace };
  }

  /**
   * The scenario with the user actions appended as scripted actions: `npm run sim` on it
   * reproduces this branch (same events, trace and results).
   */
  toScenario(opts: { duration?: number } = {}): Scenario {
    return {
      ...structuredClone(this.scenario),
      duration: opts.duration ?? this.scenario.duration,
      actions: [
        ...structuredClone(this.scenario.actions),
        ...this.actions.map(({ at, action }) => ({ at, action: structuredClone(action) })),
      ],
    };
  }

  // ---------------------------------------------------------------- moving

  /**
   * Runs forward to time t (from the cursor; past the head it computes new events), or to
   * the end of the run if that comes first.
   */
  advanceTo(t: number): void {
    if (t < this.pos.time) return this.seekTime(t);
    this.ensureOnBranch();
    this.runTo(Math.min(t, this.scenario.duration));
  }

  /** One event forward. Returns false when no event is left before the end of the run. */
  step(): boolean {
    this.ensureOnBranch();
    const moved = this.stepCanon(this.scenario.duration);
    if (moved) this.pos = this.eventPos();
    this.simulator.tracing = true;
    return moved;
  }

  /** One event back. Returns false at the start of the run. */
  stepBack(): boolean {
    if (this.pos.eventId === 0) return false;
    this.seekEvent(this.pos.eventId - 1);
    return true;
  }

  /** Shows time t: every event due by t processed, clock at t (at most the end of the run). */
  seekTime(t: number): void {
    const target = Math.min(Math.max(0, t), this.scenario.duration);
    const k = lastAtOrBefore(this.keyframes, (kf) => kf.time, target);
    const kf = this.keyframes[Math.max(0, k)]!;
    const fromCursor =
      this.simOnBranch && this.pos.time <= target && this.pos.eventId >= kf.eventId;
    if (!fromCursor) this.restore(kf);
    this.runTo(target);
  }

  /**
   * Shows the moment just after event `id` (0: the start of the run), or the end of the run
   * when the run has fewer events.
   */
  seekEvent(id: number): void {
    const target: Position = { eventId: Math.max(0, Math.floor(id)), time: 0, kind: 'event' };
    const k = lastAtOrBefore(this.keyframes, (kf) => kf.eventId, target.eventId);
    const kf = this.keyframes[Math.max(0, k)]!;
    const fromCursor =
      this.simOnBranch && comparePos(this.pos, target) <= 0 && this.pos.eventId >= kf.eventId;
    if (!fromCursor) this.restore(kf);
    this.stepTo(target.eventId);
  }

  // ---------------------------------------------------------------- acting

  /**
   * Applies a user action at the cursor. Before the head, this forks: the future after the
   * cursor (events, keyframes, trace and later user actions) is replaced, and the old branch
   * is kept for undoFork().
   */
  act(action: Action): ActResult {
    this.ensureOnBranch();
    const stopped = this.simulator.state.stopped;
    if (stopped !== null) {
      throw new Error(`the run was stopped at ${stopped.time} ms: ${stopped.reason}`);
    }
    let forked = false;
    let droppedActions = 0;
    if (this.pos.eventId < this.headPos.eventId) {
      // Actions already applied at the cursor stay, even at the cursor's exact time; the
      // ones after it (by event id) belong to the replaced future.
      const keep = this.nextAction;
      droppedActions = this.actions.length - keep;
      this.branches.push({
        actions: this.actions,
        keyframes: this.keyframes,
        trace: this.branchTrace,
        head: this.headPos,
        cursor: { ...this.pos },
      });
      this.actions = this.actions.slice(0, keep);
      const k = lastAtOrBefore(this.keyframes, (kf) => kf.eventId, this.pos.eventId);
      this.keyframes = this.keyframes.slice(0, k + 1);
      this.branchTrace = this.branchTrace.prefix(this.traceLengthAt(this.pos.eventId));
      forked = true;
    }
    // Nothing was computed past the cursor's last event any more: the cursor is the head.
    this.headPos = { ...this.pos };
    const now = this.simulator.state.time;
    this.runTo(now);
    this.actions.push({ at: now, action: structuredClone(action), eventId: -1 });
    this.runTo(now);
    return { forked, droppedActions };
  }

  /** Goes back to the branch the last fork replaced, at the moment the fork was made. */
  undoFork(): boolean {
    const b = this.branches.pop();
    if (!b) return false;
    this.actions = b.actions;
    this.keyframes = b.keyframes;
    this.branchTrace = b.trace;
    this.headPos = b.head;
    this.simOnBranch = false;
    if (b.cursor.kind === 'time') this.seekTime(b.cursor.time);
    else this.seekEvent(b.cursor.eventId);
    return true;
  }

  // ---------------------------------------------------------------- internals

  private eventPos(): Position {
    const st = this.simulator.state;
    return { time: st.time, eventId: st.eventId, kind: 'event' };
  }

  private ensureOnBranch(): void {
    if (this.simOnBranch) return;
    if (this.pos.kind === 'time') this.seekTime(this.pos.time);
    else this.seekEvent(this.pos.eventId);
  }

  /** Moves what the simulator recorded (sim.state.trace) into the branch's columns. */
  private flushTrace(): void {
    const rec = this.simulator.state.trace;
    if (rec.length === 0) return;
    for (const e of rec) this.branchTrace.push(e);
    rec.length = 0;
  }

  private takeKeyframe(): void {
    this.flushTrace();
    const st = this.simulator.state;
    freezeSettled(st);
    const { trace: _trace, ...rest } = st;
    this.keyframes.push({
      eventId: st.eventId,
      time: st.time,
      traceLength: this.branchTrace.length,
      state: storeKeyframe(rest),
    });
  }

  private restore(kf: Keyframe): void {
    this.simulator.state = { ...restoreKeyframe(kf.state), trace: [] };
    this.nextAction = lastAtOrBefore(this.actions, (a) => a.eventId, kf.eventId) + 1;
    this.pos = { time: kf.time, eventId: kf.eventId, kind: 'event' };
    this.simOnBranch = true;
  }

  /**
   * One counted event forward in the canonical order, never past `limit`; user actions are
   * queued exactly where they were taken. Extends the head (and takes keyframes) beyond it.
   */
  private stepCanon(limit: number): boolean {
    const sim = this.simulator;
    for (;;) {
      // Events up to the head are already in the trace: replay them without recording.
      sim.tracing = sim.state.eventId >= this.headPos.eventId;
      const a = this.actions[this.nextAction];
      if (a === undefined || a.at > limit) {
        return sim.stepUntil(limit) && this.counted();
      }
      if (sim.stepUntil(a.at)) return this.counted();
      // Everything due by a.at is done: this is where the user acted.
      sim.runUntil(a.at);
      const id = sim.state.eventId + 1;
      if (a.eventId < 0) a.eventId = id;
      else if (a.eventId !== id) {
        throw new Error(
          `history diverged: the user action at ${a.at} ms was event ${a.eventId}, replay made it ${id}`,
        );
      }
      sim.scheduleAction({ at: a.at, action: structuredClone(a.action) }, 'user');
      this.nextAction++;
    }
  }

  private counted(): true {
    const st = this.simulator.state;
    // The event budget: replays reach it at the same event, so they stop in the same place.
    if (st.eventId >= this.maxEvents) {
      this.simulator.halt(
        `the lab computes at most ${this.maxEvents} events of a run with ${this.scenario.nodes} nodes` +
          ' (npm run sim runs it to the end)',
      );
    }
    this.flushTrace();
    if (st.eventId > this.headPos.eventId) {
      this.headPos = this.eventPos();
      const last = this.keyframes[this.keyframes.length - 1]!;
      if (st.eventId - last.eventId >= this.keyframeEvery) this.takeKeyframe();
    }
    return true;
  }

  /** From the cursor (at or before time t) to the time position t. */
  private runTo(t: number): void {
    while (this.stepCanon(t));
    this.simulator.runUntil(t);
    this.flushTrace();
    this.simulator.tracing = true;
    this.pos = {
      time: this.simulator.state.time,
      eventId: this.simulator.state.eventId,
      kind: 'time',
    };
    if (comparePos(this.pos, this.headPos) > 0) this.headPos = { ...this.pos };
  }

  /** From the cursor (before event id) to the event position id, or to the end of the run. */
  private stepTo(id: number): void {
    const end = this.scenario.duration;
    while (this.simulator.state.eventId < id && this.stepCanon(end));
    this.flushTrace();
    this.simulator.tracing = true;
    if (this.simulator.state.eventId !== this.pos.eventId) this.pos = this.eventPos();
  }
}
