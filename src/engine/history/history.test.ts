/**
 * Run history against the simulator run straight through. Written against whatever protocol
 * the registry runs as 'raft'; only state hashes and traces are compared, never protocol details.
 */
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../create';
import { leaderRecords, runScenario } from '../run';
import { parseScenario, parseScenarioText, scenarioToJson } from '../scenario';
import type { Scenario } from '../scenario';
import type { Simulator } from '../simulator';
import type { Action, TraceEntry } from '../types';
import { stateHash } from './hash';
import { RunHistory } from './history';
import { storedElements } from './keyframeStore';

function scenario(overrides: Record<string, unknown> = {}): Scenario {
  const r = parseScenario({
    protocol: 'raft',
    nodes: 5,
    seed: 42,
    duration: 6000,
    network: { loss: 0.02, duplicate: 0.02, latency: { min: 5, max: 20 } },
    workload: { clients: 3, rate: 20 },
    actions: [
      { at: 1500, type: 'crash', node: 'leader' },
      { at: 2500, type: 'restart', node: 'S1' },
      {
        at: 3000,
        type: 'partition',
        groups: [
          ['S1', 'S2'],
          ['S3', 'S4', 'S5'],
        ],
      },
      { at: 3800, type: 'heal' },
      { at: 4200, type: 'pause', node: 'S3', duration: 300 },
    ],
    ...overrides,
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

/** A small seeded generator so failures reproduce. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** What a headless run reports about a simulator: everything observable, nothing internal. */
function observable(sim: Simulator, trace: readonly TraceEntry[] = sim.state.trace) {
  const st = sim.state;
  return {
    time: st.time,
    events: st.eventId,
    leaders: leaderRecords(sim),
    nodes: sim.ids.map((_, i) => sim.summary(i)),
    clientOps: st.clientOps,
    violations: st.violations,
    stats: st.stats,
    trace,
  };
}

const S = scenario();

describe('seeking replays from keyframes', () => {
  it('seekTime(t) gives the state reached by running straight to t', () => {
    const h = new RunHistory(S, { keyframeEvery: 97 });
    h.advanceTo(S.duration);
    expect(h.keyframeCount).toBeGreaterThan(10);
    const rnd = lcg(1);
    const times = Array.from({ length: 40 }, () => Math.round(rnd() * S.duration * 1000) / 1000);
    times.push(0, 1500, 3000, S.duration);
    for (const t of times) {
      h.seekTime(t);
      const straight = createSimulator(S, { trace: true });
      straight.runUntil(t);
      expect(h.cursor).toEqual({ time: t, eventId: straight.state.eventId });
      expect(stateHash(h.sim)).toBe(stateHash(straight));
      expect(h.trace.slice(0, h.traceLengthAt(h.cursor.eventId))).toEqual(straight.state.trace);
    }
  });

  it('seekEvent(id) gives the state after exactly id events', () => {
    const h = new RunHistory(S, { keyframeEvery: 128 });
    h.advanceTo(S.duration);
    const rnd = lcg(2);
    const ids = Array.from({ length: 30 }, () => Math.floor(rnd() * h.head.eventId));
    ids.push(0, 1, h.head.eventId);
    for (const id of ids) {
      h.seekEvent(id);
      const straight = createSimulator(S);
      for (let i = 0; i < id; i++) straight.step();
      expect(h.cursor.eventId).toBe(id);
      expect(stateHash(h.sim)).toBe(stateHash(straight));
    }
  });

  it('the keyframe interval changes nothing but cost', () => {
    const hashes = [1, 50, 1000, 100000].map((k) => {
      const h = new RunHistory(S, { keyframeEvery: k });
      h.advanceTo(S.duration);
      h.seekTime(2222.5);
      return stateHash(h.sim);
    });
    expect(new Set(hashes).size).toBe(1);
  });

  it('stepBack and step are symmetric, across keyframes', () => {
    const h = new RunHistory(S, { keyframeEvery: 16 });
    h.advanceTo(2000);
    h.stepBack();
    const start = h.cursor.eventId;
    const forward = [stateHash(h.sim)];
    for (let i = 0; i < 60; i++) {
      expect(h.step()).toBe(true);
      forward.push(stateHash(h.sim));
    }
    expect(h.cursor.eventId).toBe(start + 60);
    for (let i = 59; i >= 0; i--) {
      expect(h.stepBack()).toBe(true);
      expect(stateHash(h.sim)).toBe(forward[i]);
    }
    for (let i = 1; i <= 60; i++) {
      h.step();
      expect(stateHash(h.sim)).toBe(forward[i]);
    }
    h.seekEvent(0);
    expect(h.stepBack()).toBe(false);
  });

  it('stepping past the head extends it and keeps recording the trace', () => {
    const h = new RunHistory(S, { keyframeEvery: 10 });
    for (let i = 0; i < 500; i++) h.step();
    expect(h.head.eventId).toBe(500);
    const straight = createSimulator(S, { trace: true });
    for (let i = 0; i < 500; i++) straight.step();
    expect(h.trace.slice()).toEqual(straight.state.trace);
    // What the simulator records moves into the history's columns event by event.
    expect(h.sim.state.trace).toEqual([]);
    h.seekTime(100);
    h.advanceTo(S.duration);
    straight.runUntil(S.duration);
    expect(stateHash(h.sim)).toBe(stateHash(straight));
    expect(h.trace.slice()).toEqual(straight.state.trace);
  });
});

describe('user actions', () => {
  const crash: Action = { type: 'crash', node: 'S2' };
  const restart: Action = { type: 'restart', node: 'S2' };
  const request: Action = {
    type: 'request',
    node: 'leader',
    op: { type: 'put', key: 'x', value: 'y' },
  };

  it('an action is replayed exactly as sim.act applied it (state hash, field for field)', () => {
    const h = new RunHistory(S, { keyframeEvery: 50 });
    h.advanceTo(1000);
    h.act(crash);
    h.advanceTo(1700.25);
    h.act(request);
    h.act(restart); // two actions at the same instant
    h.advanceTo(S.duration);

    const direct = createSimulator(S, { trace: true });
    direct.runUntil(1000);
    direct.act(crash);
    direct.runUntil(1700.25);
    direct.act(request);
    direct.act(restart);
    direct.runUntil(S.duration);
    expect(stateHash(h.sim)).toBe(stateHash(direct));
    expect(h.trace.slice()).toEqual(direct.state.trace);

    const rnd = lcg(3);
    for (let i = 0; i < 25; i++) {
      const t = Math.round(rnd() * S.duration);
      h.seekTime(t);
      const again = createSimulator(S);
      for (const [at, a] of [
        [1000, crash],
        [1700.25, request],
        [1700.25, restart],
      ] as const) {
        if (at > t) break;
        again.runUntil(at);
        again.act(a);
      }
      again.runUntil(t);
      expect(stateHash(h.sim)).toBe(stateHash(again));
    }
    expect(h.userActions.map((a) => a.at)).toEqual([1000, 1700.25, 1700.25]);
  });

  it('scheduling the same actions up front reproduces the same run (trace and results)', () => {
    const h = new RunHistory(S);
    h.advanceTo(1200);
    h.act(crash);
    h.advanceTo(2600);
    h.act(request);
    h.advanceTo(S.duration);
    const up = createSimulator(S, { trace: true });
    for (const a of h.userActions) up.scheduleAction({ at: a.at, action: a.action }, 'user');
    up.runUntil(S.duration);
    expect(observable(up)).toEqual(observable(h.sim, h.trace.slice()));
  });

  it('acting mid-instant finishes the instant first, as sim.act does', () => {
    const h = new RunHistory(S, { keyframeEvery: 30 });
    h.advanceTo(800);
    // Find an instant with several events and stop inside it.
    let prev = h.cursor.time;
    while (h.step() && h.cursor.time !== prev) prev = h.cursor.time;
    const t = h.cursor.time;
    h.stepBack();
    h.step();
    expect(h.cursor.time).toBe(t);
    h.act(crash);
    expect(h.cursor.time).toBe(t);
    const direct = createSimulator(S);
    for (let i = 0; i < h.userActions[0]!.eventId - 1; i++) direct.step();
    direct.act(crash);
    expect(stateHash(h.sim)).toBe(stateHash(direct));
  });

  it('acting before the head forks: the future is dropped, and undoFork restores it', () => {
    const h = new RunHistory(S, { keyframeEvery: 64 });
    h.advanceTo(2000);
    h.act(crash);
    h.advanceTo(3500);
    h.act(restart);
    h.advanceTo(S.duration);
    const oldHash = stateHash(h.sim);
    const oldTrace = [...h.trace];
    const oldHead = h.head;
    const oldKeyframes = h.keyframeCount;

    h.seekTime(1800);
    const cursor = h.cursor;
    const result = h.act(request);
    expect(result).toEqual({ forked: true, droppedActions: 2 });
    expect(h.forkDepth).toBe(1);
    expect(h.userActions.map((a) => a.action)).toEqual([request]);
    expect(h.head.time).toBe(1800);
    expect(h.trace.slice().every((e) => e.id <= h.head.eventId)).toBe(true);
    expect(h.keyframeCount).toBeLessThan(oldKeyframes);
    h.advanceTo(S.duration);
    expect(stateHash(h.sim)).not.toBe(oldHash);
    // The new branch is exactly the run with only this action.
    const fresh = RunHistory.fromActions(S, [{ at: 1800, action: request }], { until: S.duration });
    expect(stateHash(h.sim)).toBe(stateHash(fresh.sim));
    expect(h.trace.slice()).toEqual(fresh.trace.slice());

    expect(h.undoFork()).toBe(true);
    expect(h.cursor).toEqual(cursor);
    expect(h.head).toEqual(oldHead);
    expect(h.userActions.map((a) => a.action)).toEqual([crash, restart]);
    expect(h.trace.slice()).toEqual(oldTrace);
    h.seekTime(S.duration);
    expect(stateHash(h.sim)).toBe(oldHash);
    expect(h.undoFork()).toBe(false);
  });

  it('actions at exactly the cursor time stay when already applied, go when still ahead', () => {
    const h = new RunHistory(S, { keyframeEvery: 40 });
    h.advanceTo(2000);
    h.act(crash);
    h.act(request);
    h.advanceTo(3000);
    const [a1, a2] = h.userActions;
    // Between the two actions of t = 2000: the first was applied, the second not yet.
    h.seekEvent(a2!.eventId - 1);
    expect(h.cursor).toEqual({ time: 2000, eventId: a1!.eventId });
    expect(h.act(restart)).toEqual({ forked: true, droppedActions: 1 });
    expect(h.userActions.map((a) => a.action)).toEqual([crash, restart]);
    expect(h.undoFork()).toBe(true);
    // At time 2000 itself both actions are in the past.
    h.seekTime(2000);
    expect(h.act(restart)).toEqual({ forked: true, droppedActions: 0 });
    expect(h.userActions.map((a) => a.action)).toEqual([crash, request, restart]);
    // Acting at the head is no fork.
    expect(h.act(crash)).toEqual({ forked: false, droppedActions: 0 });
    expect(h.forkDepth).toBe(1);
  });

  it('forks nest and undo one at a time', () => {
    const h = new RunHistory(S, { keyframeEvery: 100 });
    h.advanceTo(4000);
    const h0 = stateHash(h.sim);
    h.seekTime(1000);
    h.act(crash);
    h.advanceTo(4000);
    const h1 = stateHash(h.sim);
    h.seekTime(500);
    expect(h.act(request).droppedActions).toBe(1);
    h.advanceTo(4000);
    expect(new Set([h0, h1, stateHash(h.sim)]).size).toBe(3);
    h.undoFork();
    h.seekTime(4000);
    expect(stateHash(h.sim)).toBe(h1);
    h.undoFork();
    h.seekTime(4000);
    expect(stateHash(h.sim)).toBe(h0);
  });

  it('the exported scenario reproduces the run bit for bit in the CLI runner', () => {
    const h = new RunHistory(S, { keyframeEvery: 200 });
    h.advanceTo(900);
    h.act(crash);
    h.advanceTo(2000);
    h.act({ type: 'partition', groups: [['S1'], ['S2', 'S3', 'S4', 'S5']] });
    h.advanceTo(2700);
    h.act({ type: 'heal' });
    h.act(restart);
    h.seekTime(2400); // fork: drop the heal and the restart
    h.act({ type: 'timeout', node: 'S4' });
    h.seekTime(S.duration);

    // Through JSON text, as `npm run sim` reads it.
    const text = JSON.stringify(scenarioToJson(h.toScenario()));
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const result = runScenario(parsed.scenario, { trace: true });
    const mine = observable(h.sim, h.trace.slice());
    expect(result.events).toBe(mine.events);
    expect(result.endTime).toBe(mine.time);
    expect(result.trace).toEqual(mine.trace);
    expect(result.clientOps).toEqual(mine.clientOps);
    expect(result.leaders).toEqual(mine.leaders);
    expect(result.violations).toEqual(mine.violations);
    expect(result.stats).toEqual(mine.stats);
    expect(result.nodes).toEqual(
      mine.nodes.map((n) => ({
        id: n.id,
        up: n.up,
        role: n.role,
        term: n.term,
        commitIndex: n.commitIndex,
        snapshotIndex: n.snapshotIndex,
        log: n.log,
      })),
    );
    expect(h.toScenario().actions).toHaveLength(S.actions.length + 3);
  });

  it('fromActions rejects actions out of time order', () => {
    expect(() =>
      RunHistory.fromActions(S, [
        { at: 500, action: crash },
        { at: 400, action: restart },
      ]),
    ).toThrow(/earlier/);
  });
});

describe('keyframes', () => {
  it('are taken every K events and share settled objects', () => {
    const h = new RunHistory(S, { keyframeEvery: 250 });
    h.advanceTo(S.duration);
    expect(h.keyframeCount).toBe(Math.floor(h.head.eventId / 250) + 1);
    const { keyframes } = h.storage();
    const ops = (k: object) => storedElements((k as { clientOps: unknown }).clientOps);
    const a = ops(keyframes[keyframes.length - 2]!);
    const b = ops(keyframes[keyframes.length - 1]!);
    // Completed operations are the same objects in consecutive keyframes.
    expect(a.length).toBeGreaterThan(10);
    expect(b[0]).toBe(a[0]);
    expect(Object.isFrozen(a[0])).toBe(true);
  });

  it('stateHash tells different states apart', () => {
    const sim = createSimulator(S);
    const before = stateHash(sim);
    sim.step();
    expect(stateHash(sim)).not.toBe(before);
  });

  it('rejects a bad keyframe interval', () => {
    expect(() => new RunHistory(S, { keyframeEvery: 0 })).toThrow(/positive integer/);
  });
});
