/**
 * The simulator's zero-time guard (issue 16, item 7): a run whose events keep making events
 * at the same instant (a timer or a latency of 0) is stopped after LIMITS.sameTimeEvents of
 * them, with the reason in the trace and in the result, instead of looping until memory
 * runs out. The scenario schema refuses such settings; these runs are built past it.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { describeTrace } from './analysis/describe';
import { RunHistory } from './history/history';
import { LIMITS } from './input/limits';
import type { ProtocolModule } from './protocol';
import { stateHash } from './history/hash';
import { DEFAULT_RAFT_CONFIG, raftModule } from './protocols/raft/raft';
import { raftScenario } from './protocols/raft/testkit';
import { runScenario } from './run';
import type { Scenario } from './scenario';
import { Simulator } from './simulator';
import { scenarioOf } from './testing/scenarios';

/** A protocol whose timer re-arms itself at 0 ms: virtual time never advances. */
const spinner: ProtocolModule<{ spins: number }, never, null, object, null, null> = {
  name: 'spin',
  title: 'Spin',
  epochName: 'round',
  config: { schema: v.optional(v.object({}), {}) },
  routing: 'any-node',
  timeoutTimer: 'spin',
  checkers: [],
  init(ctx) {
    ctx.setTimer('spin', 0);
    return { spins: 0 };
  },
  onMessage() {},
  onTimer(state, _timer, ctx) {
    state.spins++;
    ctx.setTimer('spin', 0);
  },
  onClientRequest(_state, req, ctx) {
    ctx.reply(req, { ok: true });
  },
  persistent: () => null,
  onRecover(ctx) {
    ctx.setTimer('spin', 0);
    return { spins: 0 };
  },
  observe: () => ({ role: 'node', epoch: null, leads: false, campaigns: false }),
  persistedEpoch: () => null,
  kind: () => 'none',
  describe: () => ({ cls: 'other', epoch: null, label: '' }),
  summary: (n) => ({ spins: n.state?.spins ?? 0 }),
  view: () => null,
  detail: () => null,
};

const REASON = /^10000 events in a row at 0 ms without virtual time advancing/;

describe('the zero-time guard', () => {
  it('stops a run whose timer re-arms at 0 ms, saying why in the trace', () => {
    const sim = new Simulator(scenarioOf({ nodes: 1, duration: 5000 }), spinner, {
      trace: true,
    });
    sim.run();
    const st = sim.state;
    expect(st.time).toBe(0);
    expect(st.eventId).toBe(LIMITS.sameTimeEvents);
    expect(st.stopped).toEqual({
      time: 0,
      eventId: LIMITS.sameTimeEvents,
      reason: expect.stringMatching(REASON),
    });
    const end = st.trace.filter((e) => e.kind === 'end');
    expect(end).toHaveLength(1);
    expect(describeTrace(end[0]!)).toMatch(/^The run stopped: 10000 events in a row at 0 ms/);
    // Stopped for good: nothing more runs, the clock stays.
    expect(sim.step()).toBe(false);
    sim.runUntil(9999);
    expect(st.time).toBe(0);
    expect(st.eventId).toBe(LIMITS.sameTimeEvents);
  });

  it('stops Raft with an election timeout of 0, and the result says so', () => {
    const result = runScenario(zeroRaft());
    expect(result.endTime).toBe(0);
    expect(result.stopped).toMatchObject({ time: 0, reason: expect.stringMatching(REASON) });
    expect(Object.keys(result).slice(0, 4)).toEqual(['seed', 'endTime', 'events', 'stopped']);
  });

  it('stops a run at latency 0 with clients issuing at an unbounded rate', () => {
    const s = raftScenario({ duration: 10_000, workload: { clients: 5, rate: 10 } });
    const zero: Scenario = {
      ...s,
      network: { ...s.network, latency: { min: 0, max: 0 }, clientLatency: { min: 0, max: 0 } },
      workload: { ...s.workload, rate: 1e9 },
    };
    const result = runScenario(zero);
    expect(result.stopped?.reason).toMatch(/^10000 events in a row at [\d.]+ ms without virtual/);
    expect(result.endTime).toBeLessThan(1000);
  });

  it('leaves ordinary runs alone: no `stopped` in their result', () => {
    const result = runScenario(raftScenario({ duration: 3000, workload: { clients: 2 } }));
    expect(result.endTime).toBe(3000);
    expect('stopped' in result).toBe(false);
  });

  it('in the lab, a looping run stops at the same event whatever the moves, and takes no action', () => {
    const h = new RunHistory(zeroRaft());
    h.advanceTo(10_000);
    expect(h.cursor).toEqual({ time: 0, eventId: LIMITS.sameTimeEvents });
    expect(h.stopped?.reason).toMatch(REASON);
    expect(h.trace.slice().filter((e) => e.kind === 'end')).toHaveLength(1);
    const hash = stateHash(h.sim);
    h.seekEvent(5000);
    expect(h.cursor.eventId).toBe(5000);
    expect(h.stopped).toBeNull();
    h.seekEvent(1e9);
    expect(h.cursor.eventId).toBe(LIMITS.sameTimeEvents);
    h.seekTime(7000);
    expect(stateHash(h.sim)).toBe(hash);
    expect(h.trace.slice().filter((e) => e.kind === 'end')).toHaveLength(1);
    expect(() => h.act({ type: 'heal' })).toThrow(/the run was stopped at 0 ms: 10000 events/);
  });

  it('does not count actions: ten thousand scripted at one instant run', () => {
    const heals = Array.from({ length: 10_000 }, () => ({ at: 500, type: 'heal' }));
    const result = runScenario(scenarioOf({ duration: 1000, actions: heals }));
    expect(result.stopped).toBeUndefined();
    expect(result.endTime).toBe(1000);
  });

  it('allows for the events a paused node handles at once when it resumes', () => {
    const s = raftScenario({
      duration: 700_000,
      actions: [{ at: 1000, type: 'pause', node: 'S1', duration: 650_000 }],
    });
    const sim = new Simulator(s, raftModule, { trace: false });
    sim.run();
    expect(sim.state.stopped).toBeNull();
    expect(sim.state.time).toBe(700_000);
  });
});

function zeroRaft(): Scenario {
  const s = raftScenario({ duration: 10_000 });
  return { ...s, protocolConfig: { ...DEFAULT_RAFT_CONFIG, electionTimeout: { min: 0, max: 0 } } };
}
