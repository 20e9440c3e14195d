/** Log replication and commitment, message by message: §5.3 and §5.4.2 (Figure 2 rules). */
import { describe, expect, it } from 'vitest';
import { logOfTerms, TestNode } from './testkit';
import { ELECTION_TIMER } from './timers';
import type { AppendEntries, AppendEntriesReply, LogEntry, RaftMessage } from './types';

const ae = (fields: Partial<AppendEntries>): AppendEntries => ({
  type: 'AppendEntries',
  term: 2,
  leaderId: 'S2',
  prevLogIndex: 0,
  prevLogTerm: 0,
  entries: [],
  leaderCommit: 0,
  ...fields,
});

const terms = (log: LogEntry[]) => log.map((e) => e.term);

/** Makes S1 leader of `term` in a cluster of `size`, with the given log. */
function leaderWith(log: LogEntry[], term: number, size = 5, config = {}): TestNode {
  const n = new TestNode(
    'S1',
    size,
    { noopOnElection: false, ...config },
    { currentTerm: term - 1, log },
  );
  n.fire(ELECTION_TIMER);
  for (const p of n.ctx.peers) n.receive(p, { type: 'RequestVoteReply', term, voteGranted: true });
  expect(n.state.role).toBe('leader');
  return n;
}

const ok = (term: number, matchIndex: number): AppendEntriesReply => ({
  type: 'AppendEntriesReply',
  term,
  success: true,
  matchIndex,
  conflictTerm: null,
  conflictIndex: 0,
});

describe('§5.3 AppendEntries receiver', () => {
  it('rejects a request from a stale term, with its own term', () => {
    const n = new TestNode('S1', 5, {}, { currentTerm: 3 });
    const [r] = n.receive('S2', ae({ term: 2 }));
    expect(r!.msg).toMatchObject({ type: 'AppendEntriesReply', term: 3, success: false });
  });

  // Follower log is terms [1, 1, 2, 2, 2]; the table varies the leader's prevLog.
  it.each([
    {
      prevLogIndex: 7,
      prevLogTerm: 3,
      success: false,
      conflictTerm: null,
      conflictIndex: 6,
      why: 'log too short',
    },
    {
      prevLogIndex: 4,
      prevLogTerm: 3,
      success: false,
      conflictTerm: 2,
      conflictIndex: 3,
      why: 'term mismatch: skip term 2',
    },
    {
      prevLogIndex: 2,
      prevLogTerm: 2,
      success: false,
      conflictTerm: 1,
      conflictIndex: 1,
      why: 'term mismatch: skip term 1',
    },
    {
      prevLogIndex: 4,
      prevLogTerm: 2,
      success: true,
      conflictTerm: null,
      conflictIndex: 0,
      why: 'match',
    },
    {
      prevLogIndex: 0,
      prevLogTerm: 0,
      success: true,
      conflictTerm: null,
      conflictIndex: 0,
      why: 'empty prefix always matches',
    },
  ])('prevLogIndex $prevLogIndex / prevLogTerm $prevLogTerm → success $success ($why)', (c) => {
    const n = new TestNode('S1', 5, {}, { currentTerm: 2, log: logOfTerms([1, 1, 2, 2, 2]) });
    const [r] = n.receive(
      'S2',
      ae({ term: 3, prevLogIndex: c.prevLogIndex, prevLogTerm: c.prevLogTerm }),
    );
    expect(r!.msg).toMatchObject({ success: c.success });
    if (!c.success)
      expect(r!.msg).toMatchObject({
        conflictTerm: c.conflictTerm,
        conflictIndex: c.conflictIndex,
      });
    expect(terms(n.state.log)).toEqual([1, 1, 2, 2, 2]);
  });

  it('deletes a conflicting entry and all that follow it, then appends the new ones', () => {
    const n = new TestNode('S1', 5, {}, { currentTerm: 2, log: logOfTerms([1, 1, 2, 2, 2]) });
    const entries = logOfTerms([1, 1, 3, 3]).slice(2);
    const [r] = n.receive('S2', ae({ term: 3, prevLogIndex: 2, prevLogTerm: 1, entries }));
    expect(terms(n.state.log)).toEqual([1, 1, 3, 3]);
    expect(r!.msg).toMatchObject({ success: true, matchIndex: 4 });
  });

  it('never truncates on a stale or duplicated request whose entries agree with the log', () => {
    const n = new TestNode('S1', 5, {}, { currentTerm: 2, log: logOfTerms([1, 2, 2, 2]) });
    const old = logOfTerms([1, 2]).slice(1);
    const [r] = n.receive('S2', ae({ term: 2, prevLogIndex: 1, prevLogTerm: 1, entries: old }));
    expect(terms(n.state.log)).toEqual([1, 2, 2, 2]);
    // matchIndex covers only what this request proved, not the rest of the log.
    expect(r!.msg).toMatchObject({ success: true, matchIndex: 2 });
  });

  it.each([
    { leaderCommit: 2, entries: 2, expected: 2 },
    { leaderCommit: 9, entries: 2, expected: 3 },
    { leaderCommit: 9, entries: 0, expected: 1 },
  ])('commitIndex = min(leaderCommit $leaderCommit, index of last new entry) → $expected', (c) => {
    // The follower holds a stale tail of term 1 beyond what the leader proves.
    const n = new TestNode('S1', 5, {}, { currentTerm: 1, log: logOfTerms([1, 1, 1, 1, 1]) });
    const entries = logOfTerms([1, 2, 2]).slice(1, 1 + c.entries);
    n.receive('S2', ae({ prevLogIndex: 1, prevLogTerm: 1, entries, leaderCommit: c.leaderCommit }));
    expect(n.state.commitIndex).toBe(c.expected);
    expect(n.state.lastApplied).toBe(c.expected);
  });

  it('resets the election timer and records the leader', () => {
    const n = new TestNode('S1', 5, { electionTimeout: { min: 100, max: 100 } });
    n.time = 80;
    n.receive('S4', ae({ term: 1, leaderId: 'S4' }));
    expect(n.timers[ELECTION_TIMER]).toBe(180);
    expect(n.state.leaderId).toBe('S4');
  });

  it('shares received entries instead of copying them: entries are immutable', () => {
    const n = new TestNode('S1', 5);
    const msg = ae({ entries: logOfTerms([2]) });
    n.receive('S2', msg);
    expect(n.state.log[0]).toBe(msg.entries[0]);
  });
});

describe('§5.3 the leader side', () => {
  it('freezes the entries it appends, so messages and followers can share them', () => {
    const n = leaderWith(logOfTerms([1]), 2);
    n.request({ client: 'c1', seq: 1, op: { type: 'put', key: 'k', value: 'v' } });
    const entry = n.state.log.at(-1)!;
    expect(entry.command?.seq).toBe(1);
    expect(
      Object.isFrozen(entry) &&
        Object.isFrozen(entry.command) &&
        Object.isFrozen(entry.command?.op),
    ).toBe(true);
    expect(() => {
      (entry as { term: number }).term = 9;
    }).toThrow(TypeError);
  });

  it('caps the entries of one message at maxEntriesPerMessage', () => {
    const n = leaderWith(logOfTerms([1, 1, 1, 1, 1, 1, 1]), 2, 3, { maxEntriesPerMessage: 3 });
    const sent = n.receive('S2', { ...ok(2, 0), success: false, conflictIndex: 1 });
    const msg = sent[0]!.msg as AppendEntries;
    expect(msg.prevLogIndex).toBe(0);
    expect(msg.entries).toHaveLength(3);
  });

  it('on success advances matchIndex and nextIndex, never backwards (replies reorder)', () => {
    const n = leaderWith(logOfTerms([1, 1, 1, 1]), 2);
    n.receive('S2', ok(2, 4));
    n.receive('S2', ok(2, 2)); // An older reply arriving late.
    expect(n.state.matchIndex.S2).toBe(4);
    expect(n.state.nextIndex.S2).toBe(5);
  });

  // Follower S2's log is [1, 1, 2, 2, 2]-like; the leader's is terms [1, 1, 3, 3, 3, 3].
  it.each([
    { fastBackoff: false, conflictTerm: 2, conflictIndex: 3, next: 6, why: 'one entry back' },
    {
      fastBackoff: true,
      conflictTerm: 2,
      conflictIndex: 3,
      next: 3,
      why: 'leader lacks term 2: jump to its first index',
    },
    {
      fastBackoff: true,
      conflictTerm: 1,
      conflictIndex: 1,
      next: 3,
      why: 'leader has term 1: just past its last term-1 entry',
    },
    {
      fastBackoff: true,
      conflictTerm: null,
      conflictIndex: 2,
      next: 2,
      why: 'follower log too short',
    },
  ])('a rejection moves nextIndex from 7 to $next ($why)', (c) => {
    const n = leaderWith(logOfTerms([1, 1, 3, 3, 3, 3]), 4, 5, { fastBackoff: c.fastBackoff });
    expect(n.state.nextIndex.S2).toBe(7);
    const sent = n.receive('S2', {
      ...ok(4, 0),
      success: false,
      conflictTerm: c.conflictTerm,
      conflictIndex: c.conflictIndex,
    });
    expect(n.state.nextIndex.S2).toBe(c.next);
    // …and retries at once with the earlier prefix.
    expect(sent[0]).toMatchObject({
      to: 'S2',
      msg: { type: 'AppendEntries', prevLogIndex: c.next - 1 },
    });
  });

  it('never backs nextIndex off below matchIndex + 1', () => {
    const n = leaderWith(logOfTerms([1, 1, 1]), 2, 5, { fastBackoff: true });
    n.receive('S2', ok(2, 2));
    n.receive('S2', { ...ok(2, 0), success: false, conflictTerm: null, conflictIndex: 1 });
    expect(n.state.nextIndex.S2).toBe(3);
  });

  it('ignores replies of an earlier term', () => {
    const n = leaderWith(logOfTerms([1, 1, 1]), 3);
    n.receive('S2', ok(2, 3));
    expect(n.state.matchIndex.S2).toBe(0);
  });
});

describe('§5.4.2 committing', () => {
  it('commits an entry of the current term once a majority holds it', () => {
    const n = leaderWith([], 1, 5, { noopOnElection: true });
    expect(n.state.log).toHaveLength(1);
    n.receive('S2', ok(1, 1));
    expect(n.state.commitIndex).toBe(0);
    n.receive('S3', ok(1, 1));
    expect(n.state.commitIndex).toBe(1);
  });

  it('never commits an entry of an earlier term by counting replicas (Figure 8)', () => {
    // Leader of term 4 holding a term-2 entry at index 2, replicated on every follower.
    const n = leaderWith(logOfTerms([1, 2]), 4);
    for (const p of ['S2', 'S3', 'S4', 'S5']) n.receive(p, ok(4, 2));
    expect(n.state.commitIndex).toBe(0);
    // Once an entry of term 4 is on a majority, everything before it commits with it.
    n.request({ client: 'c1', seq: 1, op: { type: 'put', key: 'x', value: '1' } });
    n.receive('S2', ok(4, 3));
    n.receive('S3', ok(4, 3));
    expect(n.state.commitIndex).toBe(3);
    expect(n.state.lastApplied).toBe(3);
  });

  it.each([
    { size: 1, acks: [], commit: 2 },
    { size: 3, acks: [1], commit: 1 },
    { size: 4, acks: [1], commit: 0 },
    { size: 4, acks: [1, 1], commit: 1 },
    { size: 5, acks: [2, 1], commit: 1 },
    { size: 5, acks: [2, 2], commit: 2 },
  ])(
    'cluster of $size, follower matchIndexes $acks → commitIndex $commit',
    ({ size, acks, commit }) => {
      const n = leaderWith([], 1, size, { noopOnElection: true });
      n.request({ client: 'c1', seq: 1, op: { type: 'put', key: 'x', value: '1' } });
      acks.forEach((m, i) => n.receive(n.ctx.peers[i]!, ok(1, m)));
      expect(n.state.commitIndex).toBe(commit);
    },
  );

  it('a follower sends its new entries to no one and answers no client', () => {
    const n = new TestNode('S1', 5);
    const sent = n.receive('S2', ae({ term: 1, entries: logOfTerms([1]), leaderCommit: 1 }));
    expect(sent.map((s) => s.msg.type as RaftMessage['type'])).toEqual(['AppendEntriesReply']);
    expect(n.replies).toEqual([]);
    expect(n.state.kv).toEqual({ k: 'v1@1' });
  });
});
