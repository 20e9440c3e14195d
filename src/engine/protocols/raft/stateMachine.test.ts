/** The key-value state machine and the client interaction of §8. */
import { describe, expect, it } from 'vitest';
import type { ClientRequest } from '../../types';
import { TestNode } from './testkit';
import { ELECTION_TIMER } from './timers';
import type { AppendEntriesReply } from './types';

const put = (seq: number, key: string, value: string, client = 'c1'): ClientRequest => ({
  client,
  seq,
  op: { type: 'put', key, value },
});
const get = (seq: number, key: string, client = 'c1'): ClientRequest => ({
  client,
  seq,
  op: { type: 'get', key },
});

/** S1 leader of term 1 in a 3-node cluster, no-op committed. */
function leader(): TestNode {
  const n = new TestNode('S1', 3);
  n.fire(ELECTION_TIMER);
  n.receive('S2', { type: 'RequestVoteReply', term: 1, voteGranted: true });
  ack(n, 1);
  return n;
}

function ack(n: TestNode, index: number): void {
  const r: AppendEntriesReply = {
    type: 'AppendEntriesReply',
    term: n.state.currentTerm,
    success: true,
    matchIndex: index,
    conflictTerm: null,
    conflictIndex: 0,
  };
  n.receive('S2', r);
}

describe('§8 client interaction', () => {
  it('a follower answers not_leader with the leader it knows', () => {
    const n = new TestNode('S1', 5);
    n.request(get(1, 'x'));
    expect(n.replies[0]!.response).toEqual({ ok: false, error: 'not_leader', redirect: null });
    n.receive('S3', {
      type: 'AppendEntries',
      term: 1,
      leaderId: 'S3',
      prevLogIndex: 0,
      prevLogTerm: 0,
      entries: [],
      leaderCommit: 0,
    });
    n.request(get(2, 'x'));
    expect(n.replies[1]!.response).toEqual({ ok: false, error: 'not_leader', redirect: 'S3' });
  });

  it('the leader answers only after the entry has committed and applied', () => {
    const n = leader();
    n.request(put(1, 'x', 'a'));
    expect(n.replies).toEqual([]);
    expect(n.state.waiting[2]).toEqual(put(1, 'x', 'a'));
    ack(n, 2);
    expect(n.replies).toEqual([{ to: put(1, 'x', 'a'), response: { ok: true } }]);
    expect(n.state.kv).toEqual({ x: 'a' });
    expect(n.state.waiting).toEqual({});
  });

  it('reads go through the log: get answers the value, or null for a missing key', () => {
    const n = leader();
    n.request(get(1, 'x'));
    n.request(put(2, 'x', 'a'));
    n.request(get(3, 'x'));
    expect(n.state.log.map((e) => e.command?.op.type ?? 'no-op')).toEqual([
      'no-op',
      'get',
      'put',
      'get',
    ]);
    ack(n, 4);
    expect(n.replies.map((r) => r.response)).toEqual([
      { ok: true, value: null },
      { ok: true },
      { ok: true, value: 'a' },
    ]);
  });

  it('a retried put that already applied is answered from the session table, not re-applied', () => {
    const n = leader();
    n.request(put(1, 'x', 'a'));
    ack(n, 2);
    n.request(put(1, 'y', 'b', 'c2'));
    ack(n, 3);
    const logLength = n.state.log.length;
    n.request(put(1, 'x', 'a')); // c1's retry, after c2 wrote elsewhere
    expect(n.state.log).toHaveLength(logLength);
    expect(n.replies.at(-1)).toEqual({ to: put(1, 'x', 'a'), response: { ok: true } });
  });

  it('a retried request still uncommitted in the log is not appended twice', () => {
    const n = leader();
    n.request(put(1, 'x', 'a'));
    n.request(put(1, 'x', 'a'));
    expect(n.state.log).toHaveLength(2);
    ack(n, 2);
    expect(n.replies).toHaveLength(1);
  });

  it('a command logged twice (a retry under a new leader) applies once', () => {
    const n = new TestNode('S1', 5);
    const entries = [
      { term: 1, command: put(1, 'x', 'a') },
      { term: 1, command: put(1, 'x', 'b', 'c2') },
      { term: 2, command: put(1, 'x', 'a') },
    ];
    n.receive('S2', {
      type: 'AppendEntries',
      term: 2,
      leaderId: 'S2',
      prevLogIndex: 0,
      prevLogTerm: 0,
      entries,
      leaderCommit: 3,
    });
    expect(n.state.kv).toEqual({ x: 'b' });
    expect(n.state.sessions).toEqual({
      c1: { seq: 1, result: null },
      c2: { seq: 1, result: null },
    });
  });

  it('a deposed leader does not answer the requests it was holding', () => {
    const n = leader();
    n.request(put(1, 'x', 'a'));
    n.receive('S3', {
      type: 'RequestVote',
      term: 5,
      candidateId: 'S3',
      lastLogIndex: 9,
      lastLogTerm: 4,
    });
    expect(n.state.role).toBe('follower');
    expect(n.state.waiting).toEqual({});
    expect(n.replies).toEqual([]);
  });

  it('a new leader answers clients whose entries an earlier leader took', () => {
    const n = new TestNode(
      'S1',
      3,
      {},
      { currentTerm: 1, log: [{ term: 1, command: put(4, 'x', 'a') }] },
    );
    n.fire(ELECTION_TIMER);
    n.receive('S2', { type: 'RequestVoteReply', term: 2, voteGranted: true });
    ack(n, 2);
    expect(n.replies).toEqual([{ to: put(4, 'x', 'a'), response: { ok: true } }]);
  });
});

describe('§5.4.2/§8 retries and old-term entries', () => {
  it('a retry whose entry sits uncommitted from an earlier term is logged again, so it can commit', () => {
    // No no-op: the old-term entry could otherwise only commit below a new entry that may
    // never come, since its client waits for this very request (found by the liveness test).
    const n = new TestNode(
      'S1',
      3,
      { noopOnElection: false },
      { currentTerm: 1, log: [{ term: 1, command: put(1, 'x', 'a') }] },
    );
    n.fire(ELECTION_TIMER);
    n.receive('S2', { type: 'RequestVoteReply', term: 2, voteGranted: true });
    n.request(put(1, 'x', 'a'));
    expect(n.state.log.map((e) => e.term)).toEqual([1, 2]);
    ack(n, 2);
    expect(n.state.commitIndex).toBe(2);
    // Applied once, answered once per copy that finds the session (both say ok).
    expect(n.state.kv).toEqual({ x: 'a' });
    expect(n.replies.map((r) => r.response)).toEqual([{ ok: true }, { ok: true }]);
  });
});
