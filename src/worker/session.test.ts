import { describe, expect, it } from 'vitest';
import { stateHash } from '../engine/history/hash';
import { runScenario } from '../engine/run';
import { parseScenarioText } from '../engine/scenario';
import type { Simulator } from '../engine/simulator';
import type { RaftView } from '../engine/protocols/raft/view';
import { TraceLog } from '../engine/history/traceLog';
import type { ClientOpRecord } from '../engine/types';
import { defaultScenarioJson } from './defaultScenario';
import type { TimelineUpdate } from './protocol';
import { Session } from './session';

function open(seed = 3): Session {
  const r = Session.fromText(JSON.stringify(defaultScenarioJson(5, seed)), 'test', 1);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.session;
}

/** What the UI rebuilds from the stream (the same merge as the store's). */
class Mirror {
  gen = -1;
  trace = new TraceLog();
  ops: ClientOpRecord[] = [];
  markers = 0;
  apply(u: TimelineUpdate | null): void {
    if (!u) return;
    if (u.reset || u.gen !== this.gen) {
      this.trace = new TraceLog();
      this.ops = [];
      this.markers = 0;
    }
    this.gen = u.gen;
    expect(u.traceFrom).toBe(this.trace.length);
    this.trace.importRange(u.trace);
    this.markers += u.markers.length;
    this.ops = [...this.ops.slice(0, u.opsFrom), ...u.ops];
  }
}

const VIEW = { node: null, message: null, windowEnd: null };

describe('Session on a RunHistory', () => {
  it('streams the branch trace and head ops append-only, and starts over on fork and undo', () => {
    const s = open();
    const ui = new Mirror();
    for (let t = 100; t <= 3000; t += 100) {
      s.advanceTo(t);
      ui.apply(s.timelineUpdate());
    }
    expect(s.timelineUpdate()).toBeNull();
    expect(ui.trace.length).toBeGreaterThan(100);
    expect(ui.ops.length).toBeGreaterThan(0);
    const fullTrace = ui.trace.slice();
    const fullOps = ui.ops.slice();

    // Scrub back: nothing new to stream; the head's ops stay what the UI has.
    s.seek(1200);
    ui.apply(s.timelineUpdate());
    expect(ui.trace.slice()).toEqual(fullTrace);
    expect(ui.ops).toEqual(fullOps);

    const fork = s.act({ type: 'crash', node: 'S1' });
    expect(fork).not.toBeNull();
    expect(fork!.time).toBe(1200);
    ui.apply(s.timelineUpdate());
    expect(ui.trace.length).toBeLessThan(fullTrace.length);
    expect(ui.trace.slice().every((e) => e.time <= 1200)).toBe(true);
    expect(ui.ops.every((o) => o.invokedAt <= 1200)).toBe(true);

    expect(s.undoFork()).toBe(true);
    ui.apply(s.timelineUpdate());
    expect(ui.trace.slice()).toEqual(fullTrace);
    expect(ui.ops).toEqual(fullOps);
    expect(s.time).toBe(1200);
  });

  it('moving away from the head between updates keeps the head ops exact', () => {
    const s = open();
    const ui = new Mirror();
    ui.apply(s.timelineUpdate());
    s.advanceTo(3000);
    s.seek(500); // no update was taken at the head
    ui.apply(s.timelineUpdate());
    const straight = open();
    straight.advanceTo(3000);
    const ref = new Mirror();
    ref.apply(straight.timelineUpdate());
    expect(ui.ops).toEqual(ref.ops);
    expect(ui.trace.slice()).toEqual(ref.trace.slice());
  });

  it('a snapshot in the past shows that moment (events, recent lines, ops)', () => {
    const s = open();
    s.advanceTo(2500);
    const late = s.snapshot(VIEW, false, 1);
    s.seek(800);
    const early = s.snapshot(VIEW, false, 1);
    expect(early.time).toBe(800);
    expect(early.eventId).toBeLessThan(late.eventId);
    expect(early.head).toEqual(late.head);
    expect(early.recent.every((l) => l.time <= 800)).toBe(true);
    expect(early.workload.total).toBeLessThanOrEqual(late.workload.total);
    s.stepBack();
    expect(s.snapshot(VIEW, false, 1).eventId).toBeLessThan(early.eventId + 1);
  });

  it('a link reopens the same run at the same event, future included', () => {
    const s = open();
    s.advanceTo(900);
    s.act({ type: 'crash', node: 'leader' });
    s.advanceTo(2000);
    s.seek(1500);
    s.stepBack();
    s.stepBack();
    const text = s.linkText();
    const r = Session.fromLink(text, 2);
    if (!r.ok) throw new Error(r.error);
    const a = s.snapshot(VIEW, false, 1);
    const b = r.session.snapshot(VIEW, false, 1);
    expect(b.eventId).toBe(a.eventId);
    expect(b.time).toBe(a.time);
    expect(b.head).toEqual(a.head);
    expect(b.nodes).toEqual(a.nodes);
    expect(stateHash({ state: rSim(r.session) })).toBe(stateHash({ state: rSim(s) }));
  });

  it('a bad link is an error, not an exception', () => {
    const r = Session.fromLink('v1.AAAA', 2);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/cut short|altered/);
  });

  it('the exported scenario replays the run up to its head, as `npm run sim` does', () => {
    const s = open();
    s.advanceTo(700);
    s.act({ type: 'crash', node: 'leader' });
    s.advanceTo(1500);
    s.act({ type: 'restart', node: 'S1' });
    s.advanceTo(2300);
    const { text, fileName } = s.exportScenario();
    expect(fileName).toMatch(/\.json$/);
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.scenario.duration).toBe(2300);
    const result = runScenario(parsed.scenario);
    const snap = s.snapshot(VIEW, false, 1);
    expect(result.endTime).toBe(snap.time);
    expect(result.stats.sent).toBe(snap.stats.sent);
    const raft = snap.view as RaftView;
    expect(result.nodes.map((n) => `${n.id} ${n.up} ${n.term} ${n.commitIndex}`)).toEqual(
      snap.nodes.map((n, i) => `${n.id} ${n.up} ${n.epoch} ${raft.nodes[i]!.commitIndex}`),
    );
  });
});

/** The simulator state behind a session (tests only). */
function rSim(s: Session): Simulator['state'] {
  // Reaching into the private field keeps the Session API free of test-only getters.
  return (s as unknown as { history: { sim: Simulator } }).history.sim.state;
}
