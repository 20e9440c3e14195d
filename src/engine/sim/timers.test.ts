/**
 * Timers re-armed to a later time keep the event already queued for them (its carrier, see
 * timers.ts): they must still fire once, at their last due time, in the order of arming
 * among timers due at the same instant, and a paused node still fires them when it resumes.
 */
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../create';
import { scenarioOf } from '../testing/scenarios';
import type { Simulator } from '../simulator';

function quietSim(): Simulator {
  return createSimulator(scenarioOf({ workload: { enabled: false }, duration: 5000 }), {
    trace: true,
  });
}

/** When and in which order node S1's timers named in `names` fired. */
function fired(sim: Simulator, names: string[]): string[] {
  return sim.state.trace
    .filter((e) => e.kind === 'timer' && e.node === 'S1' && names.includes(e.detail ?? ''))
    .map((e) => `${e.detail}@${e.time}`);
}

function queuedTimers(sim: Simulator, name: string): number {
  return sim.state.queue.filter((q) => q.ev.type === 'timer' && q.ev.name === name).length;
}

describe('timers', () => {
  it('a timer re-armed later fires once, at its last due time, with one event queued', () => {
    const sim = quietSim();
    const ctx = sim.contexts[0]!;
    ctx.setTimer('x', 100);
    sim.runUntil(50);
    ctx.setTimer('x', 100);
    sim.runUntil(120);
    ctx.setTimer('x', 100);
    expect(queuedTimers(sim, 'x')).toBe(1);
    expect(sim.state.nodes[0]!.timers['x']?.due).toBe(220);
    sim.runUntil(1000);
    expect(fired(sim, ['x'])).toEqual(['x@220']);
    expect(sim.state.nodes[0]!.timers['x']).toBeUndefined();
  });

  it('a timer re-armed earlier fires at the earlier time, once', () => {
    const sim = quietSim();
    const ctx = sim.contexts[0]!;
    ctx.setTimer('x', 300);
    sim.runUntil(100);
    ctx.setTimer('x', 50);
    sim.runUntil(1000);
    expect(fired(sim, ['x'])).toEqual(['x@150']);
  });

  it('a cancelled timer does not fire', () => {
    const sim = quietSim();
    const ctx = sim.contexts[0]!;
    ctx.setTimer('x', 100);
    sim.runUntil(50);
    ctx.setTimer('x', 100);
    ctx.cancelTimer('x');
    sim.runUntil(1000);
    expect(fired(sim, ['x'])).toEqual([]);
  });

  it('timers due at one instant fire in the order they were last armed', () => {
    const sim = quietSim();
    const ctx = sim.contexts[0]!;
    ctx.setTimer('b', 150);
    ctx.setTimer('a', 100);
    sim.runUntil(50);
    ctx.setTimer('a', 150); // due 200, armed before b's re-arm
    sim.runUntil(100);
    ctx.setTimer('b', 100); // due 200 too
    sim.runUntil(1000);
    expect(fired(sim, ['a', 'b'])).toEqual(['a@200', 'b@200']);

    const other = quietSim();
    const c2 = other.contexts[0]!;
    c2.setTimer('a', 100);
    c2.setTimer('b', 150);
    other.runUntil(50);
    c2.setTimer('b', 150); // due 200, now armed before a's re-arm
    other.runUntil(90);
    c2.setTimer('a', 110); // due 200
    other.runUntil(1000);
    expect(fired(other, ['a', 'b'])).toEqual(['b@200', 'a@200']);
  });

  it('a paused node fires a re-armed timer when it resumes', () => {
    const sim = quietSim();
    const ctx = sim.contexts[0]!;
    ctx.setTimer('x', 100);
    sim.runUntil(50);
    ctx.setTimer('x', 100); // due 150: its carrier pops at 100, during the pause
    sim.runUntil(60);
    sim.act({ type: 'pause', node: 'S1', duration: 200 });
    sim.runUntil(1000);
    expect(fired(sim, ['x'])).toEqual(['x@260']);
  });
});
