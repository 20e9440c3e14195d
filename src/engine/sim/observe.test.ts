/**
 * The checkers' view: the touched node by id and by index, and checkers that look only at
 * touched nodes (`touchedOnly`) skipped after events that touched none.
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../simulator';
import { echoModule } from '../protocols/echo/echo';
import { scenarioOf } from '../testing/scenarios';
import type { CheckView, InvariantChecker } from '../types';

function recorder(touchedOnly: boolean) {
  const calls: { touched: string | null; index: number | undefined; id: string | null }[] = [];
  const checker: InvariantChecker<unknown, unknown> = {
    name: touchedOnly ? 'touched only' : 'every event',
    touchedOnly,
    initialMemory: () => ({}),
    check(view: CheckView<unknown>) {
      const i = view.touchedIndex;
      const id = i === undefined || i < 0 ? null : (view.nodes[i]?.id ?? null);
      calls.push({ touched: view.touched, index: i, id });
      return null;
    },
  };
  return { calls, checker };
}

describe('checks after each event', () => {
  it('skips touched-only checkers after events that touched no node, and names the index', () => {
    const some = recorder(true);
    const every = recorder(false);
    // Echo pings (touching nodes) and a client workload (client events touch none).
    const scenario = scenarioOf({ workload: { clients: 2, rate: 20 }, duration: 2000 });
    const sim = new Simulator(scenario, echoModule, {
      checkers: [some.checker, every.checker],
    }).run();
    expect(every.calls.length).toBe(sim.state.eventId);
    const untouched = every.calls.filter((c) => c.touched === null);
    expect(untouched.length).toBeGreaterThan(0);
    expect(untouched.every((c) => c.index === -1)).toBe(true);
    expect(some.calls.length).toBe(every.calls.length - untouched.length);
    expect(some.calls.every((c) => c.touched !== null && c.id === c.touched)).toBe(true);
  });
});
