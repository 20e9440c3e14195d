/**
 * Whole clusters of single-decree Paxos driven message by message: the interleavings of
 * Paxos Made Simple §2.2 and §2.4 written out, and thousands of random ones (fast-check
 * chooses which message arrives, is lost or duplicated, whose timer fires, who crashes), with
 * the invariant checkers after every step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { networkStep, paxosConfig, schedules, TestCluster } from '../testkit';
import type { InFlight } from '../testkit';
import { paxosModule } from './paxos';
import { RETRY_TIMER } from './timers';
import type { PaxosMessage, PaxosPersistent, PaxosState } from './types';

type Cluster = TestCluster<PaxosState, PaxosMessage, PaxosPersistent>;
type Msg = InFlight<PaxosMessage>;

function cluster(size: number, proposers: string[]): Cluster {
  return new TestCluster(paxosModule, size, paxosConfig({ proposers }));
}

const learned = (c: Cluster) =>
  c.nodes.flatMap((n) => (n.state.chosen[0] ? [`${n.id}:${n.state.chosen[0].value}`] : []));
const values = (c: Cluster) =>
  new Set(c.nodes.flatMap((n) => (n.state.chosen[0] ? [n.state.chosen[0].value] : [])));
const type = (t: PaxosMessage['type']) => (m: Msg) => m.msg.type === t;

describe('two proposers never get two values chosen', () => {
  it("§2.2: a later ballot finds the chosen value through the majorities' intersection and adopts it", () => {
    const c = cluster(3, ['S1', 'S3']);
    c.fire('S1', RETRY_TIMER);
    // Phase 1 and 2 of (1,S1) reach S2 only: S1 and S2 accept "v-S1", a majority: it is chosen.
    const withoutS3 = (m: Msg) => m.from !== 'S3' && m.to !== 'S3';
    c.drop((m) => !withoutS3(m));
    c.deliverAll(withoutS3);
    expect(c.state('S2').accepted[0]).toMatchObject({ value: 'v-S1' });
    expect(learned(c)).toEqual(['S1:v-S1', 'S2:v-S1']);
    // S3 never heard of it and proposes its own value in (1,S3), then (2,S3)...
    c.drop(() => true);
    c.fire('S3', RETRY_TIMER);
    c.deliverAll();
    expect(c.state('S3').value).toBe('v-S1');
    expect(values(c)).toEqual(new Set(['v-S1']));
    expect(learned(c)).toEqual(['S1:v-S1', 'S2:v-S1', 'S3:v-S1']);
    expect(c.violations).toEqual([]);
  });

  it('§2.4: dueling proposers preempt each other round after round, and nothing is chosen', () => {
    const c = cluster(3, ['S1', 'S2']);
    const phase1 = (m: Msg) => type('prepare')(m) || type('promise')(m);
    c.fire('S1', RETRY_TIMER);
    c.deliverAll(phase1);
    let [me, other] = ['S1', 'S2'];
    for (let round = 0; round < 20; round++) {
      // The other proposer completes phase 1 with a higher ballot before my accepts arrive ...
      c.fire(other, RETRY_TIMER);
      c.deliverAll(phase1);
      // ... so they are refused, and I start again above it before its accepts arrive.
      c.deliverAll((m) => m.from === me || (m.to === me && type('nack')(m)));
      [me, other] = [other, me];
    }
    expect(c.state('S1').ballot!.round).toBeGreaterThan(20);
    expect(values(c).size).toBe(0);
    expect(c.violations).toEqual([]);
    // Left alone, the last ballot succeeds.
    c.deliverAll();
    expect(values(c).size).toBe(1);
  });

  it('with a minority of acceptors reachable a proposer cannot choose; after the heal it does', () => {
    const c = cluster(5, ['S1']);
    const minority = (m: Msg) => ['S1', 'S2'].includes(m.from) && ['S1', 'S2'].includes(m.to);
    for (let i = 0; i < 5; i++) {
      c.fire('S1', RETRY_TIMER);
      c.drop((m) => !minority(m));
      c.deliverAll();
    }
    expect(learned(c)).toEqual([]);
    c.fire('S1', RETRY_TIMER);
    c.deliverAll();
    expect(learned(c)).toHaveLength(5);
    expect(c.violations).toEqual([]);
  });

  it('random interleavings, losses, duplicates, crashes and restarts: at most one value is ever chosen', () => {
    let choices = 0;
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 5 }), schedules({ timer: 2 }), (size, steps) => {
        const c = cluster(size, ['S1', 'S2', 'S3']);
        for (const s of steps) {
          if (!networkStep(c, s)) c.fire(`S${(s.i % size) + 1}`, RETRY_TIMER);
        }
        expect(c.violations).toEqual([]);
        expect(values(c).size).toBeLessThanOrEqual(1);
        const before = [...values(c)];
        if (before.length === 1) choices++;
        // Then the network heals and proposers run one at a time: every proposer learns, the
        // same value as anything learned before.
        for (const n of c.nodes) c.restart(n.id);
        c.deliverAll();
        for (const p of ['S1', 'S2', 'S3']) {
          // A refusal teaches it the ballot to go above: the second try succeeds.
          for (let i = 0; i < 2 && !c.state(p).chosen[0]; i++) {
            c.fire(p, RETRY_TIMER);
            c.deliverAll();
          }
        }
        for (const p of ['S1', 'S2', 'S3']) expect(c.state(p).chosen[0]).toBeDefined();
        expect([...values(c)]).toEqual(before.length === 1 ? before : [...values(c)].slice(0, 1));
        expect(c.violations).toEqual([]);
      }),
      { numRuns: 500, seed: 10 },
    );
    // Values were chosen in the middle of the faults too, not only once they stopped.
    expect(choices).toBeGreaterThan(250);
  });
});
