/**
 * Multi-Paxos's phase 1 message by message, against Paxos Made Simple §3: a leader runs phase 1
 * once for all open slots, re-proposes the highest accepted value per slot and fills gaps with
 * no-ops; the highest ballot wins.
 */
import { describe, expect, it } from 'vitest';
import { acceptsIn, b, leader, node, promise, put } from './fixtures';
import { multiPaxosModule } from './multiPaxos';
import { HEARTBEAT_TIMER, LEADER_TIMER } from './timers';

describe('§3 choosing a leader: phase 1 once for every open slot', () => {
  it('a follower that hears no leader runs phase 1 from its commit point, promising itself first', () => {
    const n = node('S1', 3);
    expect(n.timers[LEADER_TIMER]).toBeDefined();
    const sent = n.fire(LEADER_TIMER);
    expect(n.state.role).toBe('candidate');
    expect(n.state.promised).toEqual(b(1, 'S1'));
    expect(sent).toEqual([
      { to: 'S2', msg: { type: 'prepare', ballot: b(1, 'S1'), from: 0 } },
      { to: 'S3', msg: { type: 'prepare', ballot: b(1, 'S1'), from: 0 } },
    ]);
    expect(multiPaxosModule.observe(n.state)).toEqual({
      role: 'candidate',
      epoch: 1,
      leads: false,
      campaigns: true,
      rank: 1, // its own ballot (1, S1)
    });
  });

  it('a majority of promises makes it leader; it heartbeats at once and every interval', () => {
    const n = node('S1', 3);
    n.fire(LEADER_TIMER);
    const sent = n.receive('S2', promise(b(1, 'S1')));
    expect(multiPaxosModule.observe(n.state)).toMatchObject({ role: 'leader', leads: true });
    expect(sent.map((s) => s.msg.type)).toEqual(['heartbeat', 'heartbeat']);
    expect(n.timers[LEADER_TIMER]).toBeUndefined();
    expect(n.timers[HEARTBEAT_TIMER]).toBe(50);
  });

  it('a node outside paxos.proposers never campaigns', () => {
    const n = node('S3', 3, { proposers: ['S1', 'S2'] });
    expect(n.timers[LEADER_TIMER]).toBeUndefined();
    expect(n.fire(LEADER_TIMER)).toEqual([]);
    expect(n.state.role).toBe('follower');
  });

  it('§2.2 P2c per slot: the new leader re-proposes the highest-ballot value reported, and fills gaps with no-ops', () => {
    const n = node('S1', 5);
    n.fire(LEADER_TIMER);
    const x = put(1, 'x', '1');
    const y = put(2, 'y', '2');
    const z = put(3, 'z', '3');
    n.receive(
      'S2',
      promise(b(1, 'S1'), [
        [0, b(0, 'S2'), x],
        [3, b(0, 'S2'), z],
      ]),
    );
    const sent = n.receive('S3', promise(b(1, 'S1'), [[0, b(0, 'S3'), y]]));
    const accepts = acceptsIn(sent);
    expect(accepts).toHaveLength(4);
    expect(accepts[0]!.entries).toEqual([
      { slot: 0, command: y }, // (0,S3) is above (0,S2)
      { slot: 1, command: null },
      { slot: 2, command: null },
      { slot: 3, command: z },
    ]);
    expect(n.state.nextSlot).toBe(4);
    // The no-ops are its own proposals; the re-proposed values are not.
    expect(n.state.proposals.map((p) => [p.slot, p.value])).toEqual([
      [1, null],
      [2, null],
    ]);
  });

  it("an acceptor reports what it accepted from the prepare's slot on, and refuses a lower ballot", () => {
    const n = node('S2', 3);
    n.receive('S1', {
      type: 'accept',
      ballot: b(1, 'S1'),
      entries: [
        { slot: 0, command: put(1, 'a', '1') },
        { slot: 1, command: put(2, 'b', '2') },
      ],
      commit: 0,
    });
    expect(n.receive('S3', { type: 'prepare', ballot: b(2, 'S3'), from: 1 })).toEqual([
      { to: 'S3', msg: promise(b(2, 'S3'), [[1, b(1, 'S1'), put(2, 'b', '2')]]) },
    ]);
    expect(n.receive('S1', { type: 'prepare', ballot: b(2, 'S1'), from: 0 })).toEqual([
      { to: 'S1', msg: { type: 'nack', ballot: b(2, 'S1'), promised: b(2, 'S3') } },
    ]);
  });

  it('the highest ballot wins: a leader that promises a higher prepare steps down', () => {
    const n = leader(3);
    n.receive('S3', { type: 'prepare', ballot: b(2, 'S3'), from: 0 });
    expect(n.state.role).toBe('follower');
    expect(n.state.ballot).toBeNull();
    expect(n.timers[HEARTBEAT_TIMER]).toBeUndefined();
    expect(n.timers[LEADER_TIMER]).toBeDefined();
  });

  it('a refused candidate steps down and goes above the promise next time', () => {
    const n = node('S1', 3);
    n.fire(LEADER_TIMER);
    n.receive('S2', { type: 'nack', ballot: b(1, 'S1'), promised: b(6, 'S3') });
    expect(n.state.role).toBe('follower');
    n.fire(LEADER_TIMER);
    expect(n.state.ballot).toEqual(b(7, 'S1'));
  });

  it('backoff "randomized" widens the leader timeout with every failed candidacy; a leader resets it', () => {
    const n = node('S1', 3, { leaderTimeout: { min: 100, max: 200 } });
    n.randoms = Array<number>(10).fill(1);
    const drawn: number[] = [];
    for (let i = 0; i < 3; i++) {
      n.fire(LEADER_TIMER);
      drawn.push(n.state.leaderDrawn);
    }
    expect(drawn).toEqual([400, 800, 1600]);
    n.receive('S2', { type: 'heartbeat', ballot: b(9, 'S2'), commit: 0 });
    expect(n.state.failures).toBe(0);
    expect(n.state.leaderDrawn).toBe(200);
  });
});
