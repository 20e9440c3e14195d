/** Leadership transfer (dissertation §3.10): the `transfer` action and TimeoutNow. */
import { describe, expect, it } from 'vitest';
import { checkKvHistory } from '../../check/linearizability';
import { createSimulator } from '../../create';
import { parseScenario } from '../../scenario';
import type { Action } from '../../types';

function scenario(seed: number, raft: object, actions: ({ at: number } & Action)[]) {
  const parsed = parseScenario({
    protocol: 'raft',
    nodes: 5,
    seed,
    duration: 3000,
    raft,
    workload: { clients: 2, rate: 20, requestTimeout: 200, opTimeout: 1000 },
    actions,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.scenario;
}

function leaderAt(seed: number, raft: object, t: number): string {
  const sim = createSimulator(scenario(seed, raft, []));
  sim.runUntil(t);
  return sim.currentLeader()!;
}

describe('leadership transfer (§3.10)', () => {
  for (const raft of [{}, { preVote: true, checkQuorum: true }]) {
    it(`hands leadership to the target within an election round, ${JSON.stringify(raft)}`, () => {
      let quick = 0;
      for (let seed = 1; seed <= 50; seed++) {
        const from = leaderAt(seed, raft, 1000);
        const to = ['S1', 'S2', 'S3', 'S4', 'S5'].find((id) => id !== from)!;
        const sim = createSimulator(scenario(seed, raft, [{ at: 1000, type: 'transfer', to }]));
        sim.run();
        const next = sim.state.leaders.find((l) => l.time > 1000);
        expect(next?.node, `seed ${seed}`).toBe(to);
        // The target starts its election at once: no election timeout passes first.
        if (next!.time - 1000 < 100) quick++;
        expect(sim.state.violations, `seed ${seed}`).toEqual([]);
        expect(checkKvHistory(sim.state.clientOps).ok, `seed ${seed}`).toBe(true);
      }
      expect(quick).toBeGreaterThanOrEqual(48);
    });
  }

  it('to a target that cannot be reached is abandoned after an election timeout', () => {
    const from = leaderAt(1, {}, 1000);
    const to = ['S1', 'S2', 'S3', 'S4', 'S5'].find((id) => id !== from)!;
    const sim = createSimulator(
      scenario(1, {}, [
        { at: 900, type: 'crash', node: to },
        { at: 1000, type: 'transfer', to },
      ]),
    );
    sim.run();
    expect(sim.state.leaders.filter((l) => l.time > 900)).toEqual([]);
    // Refused while handing over, then served again once it gave up (300 ms at most).
    const refused = sim.state.clientOps.filter((o) => o.invokedAt > 1000 && o.invokedAt < 1250);
    const later = sim.state.clientOps.filter((o) => o.invokedAt > 1500 && o.invokedAt < 2500);
    expect(refused.every((o) => !o.ok || o.completedAt! > 1300)).toBe(true);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((o) => o.ok)).toBe(true);
  });

  it('is skipped in words when there is no leader, and validated by name', () => {
    const sim = createSimulator(scenario(1, {}, [{ at: 10, type: 'transfer', to: 'S2' }]), {
      trace: true,
    });
    sim.run();
    expect(sim.state.trace.some((e) => e.kind === 'skip' && /no leader/.test(e.detail!))).toBe(
      true,
    );
    const bad = parseScenario({
      protocol: 'raft',
      nodes: 3,
      seed: 1,
      duration: 100,
      actions: [{ at: 1, type: 'transfer', to: 'S9' }],
    });
    expect(bad.ok ? [] : bad.errors).toEqual([
      '$.actions[0].to: unknown node "S9" (expected S1…S3)',
    ]);
  });
});
