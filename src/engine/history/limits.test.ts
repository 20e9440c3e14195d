/**
 * The end of a run in the lab (issue 16, item 7): nothing is computed past the scenario's
 * duration or the lab's event budget, however far a link, a seek or playback asks to go.
 */
import { describe, expect, it } from 'vitest';
import { labEventBudget } from '../input/limits';
import { raftScenario } from '../protocols/raft/testkit';
import { stateHash } from './hash';
import { RunHistory } from './history';

const short = () => raftScenario({ duration: 2000, workload: { clients: 2, rate: 10 } });

describe('the end of the run', () => {
  it('advancing and seeking stop at the scenario’s duration', () => {
    const h = new RunHistory(short());
    h.advanceTo(9000);
    expect(h.cursor.time).toBe(2000);
    expect(h.head.time).toBe(2000);
    const end = h.head.eventId;
    expect(h.step()).toBe(false);
    expect(h.cursor.eventId).toBe(end);
    h.seekTime(1e12);
    expect(h.cursor).toEqual({ time: 2000, eventId: end });
  });

  it('a seek to an event beyond the run stops at the end of the run', () => {
    const h = new RunHistory(short());
    h.seekEvent(50_000);
    expect(h.cursor.time).toBeLessThanOrEqual(2000);
    expect(h.head.time).toBeLessThanOrEqual(2000);
    const last = h.cursor.eventId;
    h.seekEvent(1e9);
    expect(h.cursor.eventId).toBe(last);
    // Stepping at the end goes nowhere; stepping back still works.
    expect(h.step()).toBe(false);
    expect(h.stepBack()).toBe(true);
    expect(h.cursor.eventId).toBe(last - 1);
  });

  it('stops at the event budget, says why, and replays to the same place', () => {
    const h = new RunHistory(short(), { maxEvents: 300, keyframeEvery: 50 });
    h.advanceTo(2000);
    expect(h.cursor.eventId).toBe(300);
    expect(h.cursor.time).toBeLessThan(2000);
    expect(h.stopped?.reason).toMatch(/^the lab computes at most 300 events of a run with 5 nodes/);
    const ends = h.trace.slice().filter((e) => e.kind === 'end');
    expect(ends).toEqual([expect.objectContaining({ id: 300, kind: 'end' })]);
    const hash = stateHash(h.sim);
    expect(h.step()).toBe(false);
    h.seekEvent(10_000);
    expect(h.cursor.eventId).toBe(300);
    h.seekEvent(120);
    expect(h.stopped).toBeNull();
    h.seekTime(2000);
    expect(stateHash(h.sim)).toBe(hash);
    expect(h.trace.slice().filter((e) => e.kind === 'end')).toHaveLength(1);
    expect(() => h.act({ type: 'heal' })).toThrow(/the run was stopped at .* ms: the lab computes/);
    // Before the end, acting forks as ever, and the new branch has the same budget.
    h.seekEvent(150);
    expect(h.act({ type: 'crash', node: 'S1' }).forked).toBe(true);
    h.advanceTo(2000);
    expect(h.cursor.eventId).toBe(300);
  });

  it('the budget is 500 000 events, fewer with more than five nodes', () => {
    expect(new RunHistory(raftScenario({ nodes: 5 })).maxEvents).toBe(500_000);
    expect(new RunHistory(raftScenario({ nodes: 3 })).maxEvents).toBe(500_000);
    expect(new RunHistory(raftScenario({ nodes: 15 })).maxEvents).toBe(166_666);
    expect(labEventBudget(10)).toBe(250_000);
  });

  it('rebuilding from an input log never runs past the end, nor applies an action after it', () => {
    const s = short();
    const h = RunHistory.fromActions(s, [{ at: 500, action: { type: 'heal' } }], { until: 1e12 });
    expect(h.cursor.time).toBe(2000);
    expect(() =>
      RunHistory.fromActions(s, [{ at: 1900, action: { type: 'heal' } }], { maxEvents: 100 }),
    ).toThrow(/user action 0 at 1900 ms lies beyond the end of the run/);
  });
});
