/**
 * Whole Multi-Paxos clusters driven message by message: a leader crash with an open slot
 * written out, and random schedules (fast-check picks deliveries, losses, duplicates, timers,
 * crashes, restarts and client requests) with the invariant checkers after every step and
 * every replica's state machine compared at the end.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { networkStep, paxosConfig, schedules, TestCluster } from '../testkit';
import type { InFlight } from '../testkit';
import { multiPaxosModule } from './multiPaxos';
import { HEARTBEAT_TIMER, LEADER_TIMER } from './timers';
import type { MultiMessage, MultiPersistent, MultiState } from './types';

type Cluster = TestCluster<MultiState, MultiMessage, MultiPersistent>;
type Msg = InFlight<MultiMessage>;

function cluster(size: number): Cluster {
  return new TestCluster(multiPaxosModule, size, paxosConfig());
}

const put = (seq: number, value: string) => ({
  client: 'c1',
  seq,
  op: { type: 'put' as const, key: 'x', value },
});

/** Runs phase 1 at `id` with every message delivered. */
function elect(c: Cluster, id: string): void {
  for (let i = 0; i < 3 && c.state(id).role !== 'leader'; i++) {
    c.fire(id, LEADER_TIMER);
    c.deliverAll();
  }
  expect(c.state(id).role).toBe('leader');
}

describe('§3 a new leader finishes the open slots of the old one', () => {
  it('a command accepted by a minority when the leader crashed is re-proposed in its slot and chosen', () => {
    const c = cluster(5);
    elect(c, 'S1');
    c.request('S1', put(1, 'a'));
    c.deliverAll();
    // Slot 1: only S2 receives the accept before S1 crashes.
    c.request('S1', put(2, 'b'));
    c.drop((m: Msg) => m.msg.type === 'accept' && m.to !== 'S2');
    c.deliverAll((m) => m.msg.type === 'accept');
    c.crash('S1');
    expect(c.state('S2').accepted[1]?.value).toEqual(put(2, 'b'));
    expect(c.nodes.some((n) => n.state.chosen[1])).toBe(false);
    // S3 leads next; S2's promise reports slot 1, so S3 proposes the same command there.
    c.fire('S3', LEADER_TIMER);
    c.deliverAll((m) => m.msg.type === 'prepare' || m.msg.type === 'promise');
    expect(c.state('S3').role).toBe('leader');
    c.deliverAll();
    // Followers learn the slot from the leader's next heartbeat.
    c.fire('S3', HEARTBEAT_TIMER);
    c.deliverAll();
    for (const id of ['S2', 'S3', 'S4', 'S5']) {
      expect(c.state(id).chosen[1]?.value, id).toEqual(put(2, 'b'));
    }
    expect(c.state('S3').kv).toEqual({ x: 'b' });
    // The new leader answered the commands its predecessor took: S3 never heard slot 0 was
    // chosen (no heartbeat came after it), so it re-proposed that one too.
    expect(c.node('S3').replies.map((r) => r.to.seq)).toEqual([1, 2]);
    expect(c.violations).toEqual([]);
  });

  it('a slot no acceptor of the quorum reports is filled with a no-op so later slots apply', () => {
    const c = cluster(3);
    elect(c, 'S1');
    c.request('S1', put(1, 'a')); // slot 0: reaches no one
    c.drop(() => true);
    c.request('S1', put(2, 'b')); // slot 1: reaches S2
    c.drop((m) => m.to !== 'S2');
    c.deliverAll((m) => m.msg.type === 'accept');
    c.crash('S1');
    elect(c, 'S3');
    expect(c.state('S3').chosen.map((e) => (e === null ? 'unknown' : e.value))).toEqual([
      null,
      put(2, 'b'),
    ]);
    expect(c.state('S3').kv).toEqual({ x: 'b' });
    expect(c.violations).toEqual([]);
  });
});

describe('random schedules', () => {
  it('at most one value per slot, every replica applies the same log', () => {
    let chosenSlots = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 5 }),
        schedules({ leader: 2, heartbeat: 2, request: 4 }),
        (size, steps) => {
          const c = cluster(size);
          let seq = 0;
          for (const s of steps) {
            if (networkStep(c, s)) continue;
            const id = `S${(s.i % size) + 1}`;
            if (s.t === 'leader') c.fire(id, LEADER_TIMER);
            else if (s.t === 'heartbeat') c.fire(id, HEARTBEAT_TIMER);
            else c.request(id, put(++seq, `v${seq}`));
          }
          expect(c.violations).toEqual([]);
          chosenSlots += Math.max(...c.nodes.map((n) => n.state.commit));
          // Then the faults stop: one leader finishes every open slot and every replica catches up.
          for (const n of c.nodes) c.restart(n.id);
          c.deliverAll();
          elect(c, 'S1');
          // Followers learn a slot chosen from the heartbeat after it was.
          for (let i = 0; i < 2; i++) {
            c.fire('S1', HEARTBEAT_TIMER);
            c.deliverAll();
          }
          const leader = c.state('S1');
          expect(leader.commit).toBe(leader.nextSlot);
          for (const n of c.nodes) {
            expect(n.state.commit, n.id).toBe(leader.commit);
            expect(n.state.kv, n.id).toEqual(leader.kv);
          }
          expect(c.violations).toEqual([]);
        },
      ),
      { numRuns: 400, seed: 7 },
    );
    expect(chosenSlots).toBeGreaterThan(200);
  });
});
