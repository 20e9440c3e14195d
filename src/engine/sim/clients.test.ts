/**
 * Hand-sent requests (issue 16, item 2): any number sent at one instant all complete, and a
 * refusal is never reported as a definite failure while another copy may still commit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkKvHistory } from '../check/linearizability';
import { createSimulator } from '../create';
import { runScenario } from '../run';
import { scenarioOf as echoScenario } from '../testing/scenarios';
import type { Action } from '../types';

/** A five-server cluster of the lab's consensus protocol, whose session table is the point. */
const scenarioOf = (json: Record<string, unknown>) =>
  echoScenario({ protocol: 'raft', nodes: 5, ...json });

function leaderAfter(seed: number, t: number): string {
  const sim = createSimulator(scenarioOf({ seed, duration: t }));
  sim.runUntil(t);
  return sim.currentLeader() ?? 'S1';
}

describe('hand-sent requests', () => {
  it('any number sent at once, to the leader or elsewhere, all complete ok', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean(), fc.integer({ min: 1, max: 3 })),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        (seed, requests) => {
          const leader = leaderAfter(seed, 1000);
          const actions = requests.map(([node, put, key], i) => ({
            at: 1000,
            type: 'request' as const,
            // 0 means "the leader"; 1…5 name a server (most are followers, which redirect).
            node: node === 0 ? leader : `S${node}`,
            op: put
              ? { type: 'put' as const, key: `k${key}`, value: `v${i}` }
              : { type: 'get' as const, key: `k${key}` },
          }));
          const r = runScenario(scenarioOf({ seed, duration: 4000, actions }));
          expect(r.clientOps).toHaveLength(requests.length);
          for (const op of r.clientOps) {
            expect(op, `seed ${seed}`).toMatchObject({ ok: true });
            expect(op.completedAt! - op.invokedAt).toBeLessThan(1000);
          }
          expect(checkKvHistory(r.clientOps).ok).toBe(true);
        },
      ),
      { numRuns: 60, seed: 16 },
    );
  });

  it('a refusal while a duplicate is on its way is indeterminate, never a failure that happened', () => {
    let refusedButMaybe = 0;
    for (let seed = 1; seed <= 200; seed++) {
      // Requests go to every server while a leader is being elected, over a network that
      // duplicates half the messages: copies refused by a follower meet a later leader.
      const actions: ({ at: number } & Action)[] = [];
      for (let k = 0; k < 6; k++) {
        actions.push({
          at: 100 + 40 * k,
          type: 'request',
          node: `S${(k % 5) + 1}`,
          op: { type: 'put', key: 'x', value: `v${k}` },
        });
        actions.push({
          at: 120 + 40 * k,
          type: 'request',
          node: 'S1',
          op: { type: 'get', key: 'x' },
        });
      }
      const r = runScenario(
        scenarioOf({
          seed,
          duration: 6000,
          network: { latency: { min: 5, max: 40 }, duplicate: 0.5 },
          actions,
        }),
      );
      const report = checkKvHistory(r.clientOps);
      expect(report.illegal, `seed ${seed}`).toEqual([]);
      refusedButMaybe += r.clientOps.filter((o) => o.indeterminate).length;
    }
    // The case happens (else this test would prove nothing).
    expect(refusedButMaybe).toBeGreaterThan(0);
  });
});
