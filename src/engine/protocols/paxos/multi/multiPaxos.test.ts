/**
 * Multi-Paxos's phase 2 message by message, against Paxos Made Simple §3: phase 2 per command,
 * learning from the leader's commit point, the client interface, crash recovery, and the
 * projections the lab and the CLI read.
 */
import { describe, expect, it } from 'vitest';
import type { Ballot } from '../ballot';
import { acceptsIn, b, get, leader, node, promise, put } from './fixtures';
import { multiPaxosModule } from './multiPaxos';
import { HEARTBEAT_TIMER, LEADER_TIMER } from './timers';
import type { Command, MultiMessage } from './types';

describe('§3 phase 2 per command, and the client interface', () => {
  it('a follower refuses clients, naming the leader it follows', () => {
    const n = node('S2', 3);
    n.request(get(1, 'x'));
    n.receive('S1', { type: 'heartbeat', ballot: b(1, 'S1'), commit: 0 });
    n.request(get(2, 'x'));
    expect(n.replies.map((r) => r.response)).toEqual([
      { ok: false, error: 'not_leader', redirect: null },
      { ok: false, error: 'not_leader', redirect: 'S1' },
    ]);
  });

  it('the leader proposes in the next slot and answers once a majority accepted and it applied', () => {
    const n = leader(3);
    const sent = n.request(put(1, 'x', 'a'));
    expect(acceptsIn(sent)).toEqual([
      {
        type: 'accept',
        ballot: b(1, 'S1'),
        entries: [{ slot: 0, command: put(1, 'x', 'a') }],
        commit: 0,
      },
      {
        type: 'accept',
        ballot: b(1, 'S1'),
        entries: [{ slot: 0, command: put(1, 'x', 'a') }],
        commit: 0,
      },
    ]);
    expect(n.replies).toEqual([]);
    n.receive('S3', { type: 'accepted', ballot: b(1, 'S1'), slots: [0] });
    expect(n.replies).toEqual([{ to: put(1, 'x', 'a'), response: { ok: true } }]);
    expect(n.state.kv).toEqual({ x: 'a' });
    expect(n.state.commit).toBe(1);
  });

  it('slots apply in order: a later slot chosen first waits for the earlier one', () => {
    const n = leader(3);
    n.request(put(1, 'x', 'a'));
    n.request(get(2, 'x'));
    n.receive('S2', { type: 'accepted', ballot: b(1, 'S1'), slots: [1] });
    expect(n.replies).toEqual([]);
    expect(n.state.chosen[1]).toBeDefined();
    n.receive('S2', { type: 'accepted', ballot: b(1, 'S1'), slots: [0] });
    expect(n.replies.map((r) => r.response)).toEqual([{ ok: true }, { ok: true, value: 'a' }]);
  });

  it('a retried request is proposed once, and answered from the session after it applied', () => {
    const n = leader(3);
    n.request(put(1, 'x', 'a'));
    expect(acceptsIn(n.request(put(1, 'x', 'a')))).toEqual([]);
    expect(n.state.nextSlot).toBe(1);
    n.receive('S2', { type: 'accepted', ballot: b(1, 'S1'), slots: [0] });
    n.request(put(1, 'x', 'a'));
    expect(n.replies.map((r) => r.response)).toEqual([{ ok: true }, { ok: true }]);
    expect(n.state.nextSlot).toBe(1);
  });

  it('acceptances of another ballot, and duplicates, do not count', () => {
    const n = leader(5);
    n.request(put(1, 'x', 'a'));
    n.receive('S4', { type: 'accepted', ballot: b(0, 'S4'), slots: [0] });
    n.receive('S2', { type: 'accepted', ballot: b(1, 'S1'), slots: [0] });
    n.receive('S2', { type: 'accepted', ballot: b(1, 'S1'), slots: [0] });
    expect(n.state.chosen).toEqual([]);
    n.receive('S5', { type: 'accepted', ballot: b(1, 'S1'), slots: [0] });
    expect(n.state.chosen).toHaveLength(1);
  });

  it('a heartbeat resends what a peer has not accepted', () => {
    const n = leader(3);
    n.request(put(1, 'x', 'a'));
    n.request(put(2, 'y', 'b'));
    n.receive('S2', { type: 'accepted', ballot: b(1, 'S1'), slots: [0] });
    const sent = n.fire(HEARTBEAT_TIMER);
    expect(sent.map((s) => `${s.to}:${s.msg.type}`)).toEqual([
      'S2:heartbeat',
      'S2:accept',
      'S3:heartbeat',
      'S3:accept',
    ]);
    expect(acceptsIn(sent).map((m) => m.entries.map((e) => e.slot))).toEqual([[1], [1]]);
  });

  it('a refusal deposes the leader; so does a heartbeat of a higher ballot', () => {
    const a = leader(3);
    a.request(put(1, 'x', 'a'));
    a.receive('S2', { type: 'nack', ballot: b(1, 'S1'), promised: b(4, 'S3') });
    expect(a.state.role).toBe('follower');
    expect(a.state.round).toBe(4);
    const c = leader(3);
    c.receive('S3', { type: 'heartbeat', ballot: b(2, 'S3'), commit: 0 });
    expect(c.state.role).toBe('follower');
    expect(c.state.leaderId).toBe('S3');
  });
});

describe('§3 learners: the commit point and catching up', () => {
  const accept = (ballot: Ballot, slot: number, command: Command, commit = 0): MultiMessage => ({
    type: 'accept',
    ballot,
    entries: [{ slot, command }],
    commit,
  });

  it("a follower learns the slots below the leader's commit point it accepted in that ballot", () => {
    const n = node('S2', 3);
    n.receive('S1', accept(b(1, 'S1'), 0, put(1, 'x', 'a')));
    n.receive('S1', accept(b(1, 'S1'), 1, put(2, 'x', 'b')));
    const sent = n.receive('S1', { type: 'heartbeat', ballot: b(1, 'S1'), commit: 1 });
    expect(sent).toEqual([]);
    expect(n.state.commit).toBe(1);
    expect(n.state.kv).toEqual({ x: 'a' });
    // A follower does not answer clients: only the leader does.
    expect(n.replies).toEqual([]);
  });

  it('what it accepted in another ballot, or not at all, it asks for; the answer fills the gap', () => {
    const n = node('S2', 3);
    n.receive('S1', accept(b(1, 'S1'), 0, put(1, 'x', 'old')));
    n.receive('S3', accept(b(2, 'S3'), 2, put(3, 'x', 'c')));
    const sent = n.receive('S3', { type: 'heartbeat', ballot: b(2, 'S3'), commit: 3 });
    expect(sent).toEqual([{ to: 'S3', msg: { type: 'catch-up', from: 0 } }]);
    const leaderNode = node('S3', 3);
    leaderNode.state.chosen = [
      { value: put(1, 'x', 'a') },
      { value: null },
      { value: put(3, 'x', 'c') },
    ];
    const [answer] = leaderNode.receive('S2', { type: 'catch-up', from: 0 });
    n.receive('S3', answer!.msg);
    expect(n.state.commit).toBe(3);
    expect(n.state.kv).toEqual({ x: 'c' });
  });
});

describe('§2.3 stable storage in Multi-Paxos', () => {
  it('a restarted acceptor keeps its promise and what it accepted', () => {
    const n = node('S2', 3);
    n.receive('S1', {
      type: 'accept',
      ballot: b(1, 'S1'),
      entries: [{ slot: 0, command: null }],
      commit: 0,
    });
    n.receive('S3', { type: 'prepare', ballot: b(3, 'S3'), from: 0 });
    n.restart();
    expect(n.receive('S1', { type: 'heartbeat', ballot: b(1, 'S1'), commit: 0 })).toEqual([
      { to: 'S1', msg: { type: 'nack', ballot: b(1, 'S1'), promised: b(3, 'S3') } },
    ]);
    expect(n.receive('S3', { type: 'prepare', ballot: b(3, 'S3'), from: 0 })).toEqual([
      { to: 'S3', msg: promise(b(3, 'S3'), [[0, b(1, 'S1'), null]]) },
    ]);
  });

  it('a restarted node re-applies its chosen prefix: the store and the sessions come back', () => {
    const n = leader(3);
    n.request(put(1, 'x', 'a'));
    n.receive('S2', { type: 'accepted', ballot: b(1, 'S1'), slots: [0] });
    n.restart();
    expect(n.state.role).toBe('follower');
    expect(n.state.kv).toEqual({ x: 'a' });
    expect(n.state.sessions).toEqual({ c1: { seq: 1, result: null } });
    // Its next ballot is above the one it led with.
    n.fire(LEADER_TIMER);
    expect(n.state.ballot).toEqual(b(2, 'S1'));
  });
});

describe('the module as the lab and the CLI read it', () => {
  it('summary, leader record and proposed', () => {
    const n = leader(3);
    n.request(put(1, 'x', 'a'));
    const read = { id: 'S1', up: true, state: n.state, persisted: null };
    expect(multiPaxosModule.summary(read)).toEqual({
      role: 'leader',
      ballot: b(1, 'S1'),
      promised: b(1, 'S1'),
      accepted: [{ slot: 0, ballot: b(1, 'S1'), command: 'put x=a (c1#1)' }],
      chosen: [],
    });
    expect(multiPaxosModule.leaderRecord!(12, 1, 'S1')).toEqual({
      time: 12,
      ballot: b(1, 'S1'),
      node: 'S1',
    });
    expect(multiPaxosModule.runSummary!([read])).toEqual({
      proposed: [{ time: 0, node: 'S1', slot: 0, command: 'put x=a (c1#1)' }],
    });
  });

  it('the slot grid: chosen, accepted with its ballot, empty', () => {
    const n = leader(3);
    n.request(put(1, 'x', 'a'));
    n.request(put(2, 'y', 'b'));
    n.receive('S2', { type: 'accepted', ballot: b(1, 'S1'), slots: [0] });
    const reads = [
      { id: 'S1', up: true, state: n.state, persisted: null },
      { id: 'S2', up: true, state: node('S2', 3).state, persisted: null },
    ];
    const view = multiPaxosModule.view(reads, { windowEnd: null });
    expect(structuredClone(view)).toEqual(view);
    expect(view.slots).toBe(2);
    expect(view.nodes[0]!.cells.map((c) => c.kind)).toEqual(['chosen', 'accepted']);
    expect(view.nodes[0]!.cells[1]).toEqual({
      kind: 'accepted',
      ballot: b(1, 'S1'),
      command: 'put y=b (c1#2)',
    });
    expect(view.nodes[1]!.cells).toEqual([]);
    const detail = multiPaxosModule.detail(reads[0]!);
    expect(detail.pending).toEqual([{ slot: 1, by: ['S1'] }]);
    expect(structuredClone(detail)).toEqual(detail);
  });

  it('describe labels carry the ballot and the slots', () => {
    expect(
      multiPaxosModule.describe({
        type: 'accept',
        ballot: b(3, 'S2'),
        entries: [{ slot: 4, command: null }],
        commit: 2,
      }),
    ).toEqual({ cls: 'accept', epoch: 3, label: 'Accept (3,S2) #4' });
    expect(multiPaxosModule.describe({ type: 'catch-up', from: 7 })).toEqual({
      cls: 'catch-up',
      epoch: null,
      label: 'Catch-up from #7',
    });
  });
});
