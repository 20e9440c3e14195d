/** Leader election, checked message by message against §5.1, §5.2 and §5.4.1. */
import { describe, expect, it } from 'vitest';
import { logOfTerms, TestNode } from './testkit';
import { ELECTION_TIMER, HEARTBEAT_TIMER } from './timers';
import type { RaftMessage } from './types';

const vote = (term: number, granted: boolean): RaftMessage => ({
  type: 'RequestVoteReply',
  term,
  voteGranted: granted,
});

describe('§5.2 leader election', () => {
  it('a follower that times out becomes a candidate: next term, votes for itself, asks every peer', () => {
    const n = new TestNode('S1', 5, {}, { currentTerm: 3, log: logOfTerms([1, 3]) });
    const sent = n.fire(ELECTION_TIMER);
    expect(n.state.role).toBe('candidate');
    expect(n.state.currentTerm).toBe(4);
    expect(n.state.votedFor).toBe('S1');
    expect(n.state.votesGranted).toEqual(['S1']);
    expect(sent.map((s) => s.to)).toEqual(['S2', 'S3', 'S4', 'S5']);
    for (const s of sent) {
      expect(s.msg).toEqual({
        type: 'RequestVote',
        term: 4,
        candidateId: 'S1',
        lastLogIndex: 2,
        lastLogTerm: 3,
      });
    }
    expect(n.timers[ELECTION_TIMER]).toBeDefined();
  });

  // Reference: §5.2 "a candidate wins an election if it receives votes from a majority of the
  // servers in the full cluster for the same term".
  it.each([
    { size: 1, granted: 0, denied: 0, role: 'leader' },
    { size: 3, granted: 1, denied: 0, role: 'leader' },
    { size: 3, granted: 0, denied: 2, role: 'candidate' },
    { size: 5, granted: 1, denied: 3, role: 'candidate' },
    { size: 5, granted: 2, denied: 2, role: 'leader' },
    { size: 5, granted: 4, denied: 0, role: 'leader' },
    { size: 4, granted: 1, denied: 2, role: 'candidate' },
    { size: 4, granted: 2, denied: 1, role: 'leader' },
  ])(
    'a candidate in a cluster of $size with $granted votes granted becomes $role',
    ({ size, granted, denied, role }) => {
      const n = new TestNode('S1', size);
      n.fire(ELECTION_TIMER);
      const peers = n.ctx.peers;
      for (let i = 0; i < denied; i++) n.receive(peers[i]!, vote(1, false));
      for (let i = 0; i < granted; i++) n.receive(peers[denied + i]!, vote(1, true));
      expect(n.state.role).toBe(role);
    },
  );

  it('a duplicated vote counts once', () => {
    const n = new TestNode('S1', 5);
    n.fire(ELECTION_TIMER);
    n.receive('S2', vote(1, true));
    n.receive('S2', vote(1, true));
    expect(n.state.role).toBe('candidate');
    expect(n.state.votesGranted).toEqual(['S1', 'S2']);
  });

  it('a vote from an earlier term is not counted', () => {
    const n = new TestNode('S1', 3, {}, { currentTerm: 4 });
    n.fire(ELECTION_TIMER);
    n.receive('S2', vote(4, true));
    expect(n.state.role).toBe('candidate');
  });

  // Reference: §5.2 "each server will vote for at most one candidate in a given term, on a
  // first-come-first-served basis"; Figure 2 RequestVote receiver rule 2.
  it.each([
    { votedFor: null, candidate: 'S2', granted: true },
    { votedFor: 'S2', candidate: 'S2', granted: true },
    { votedFor: 'S3', candidate: 'S2', granted: false },
    { votedFor: 'S1', candidate: 'S2', granted: false },
  ])(
    'a follower that voted for $votedFor in this term answers $candidate: $granted',
    ({ votedFor, candidate, granted }) => {
      const n = new TestNode('S1', 5, {}, { currentTerm: 2, votedFor });
      const [reply] = n.receive(candidate, {
        type: 'RequestVote',
        term: 2,
        candidateId: candidate,
        lastLogIndex: 0,
        lastLogTerm: 0,
      });
      expect(reply!.msg).toEqual({ type: 'RequestVoteReply', term: 2, voteGranted: granted });
      expect(n.state.votedFor).toBe(granted ? candidate : votedFor);
    },
  );

  it('a follower votes at most once per term, and again in a new term', () => {
    const n = new TestNode('S1', 5);
    const ask = (from: string, term: number) =>
      n.receive(from, {
        type: 'RequestVote',
        term,
        candidateId: from,
        lastLogIndex: 0,
        lastLogTerm: 0,
      })[0]!.msg as Extract<RaftMessage, { type: 'RequestVoteReply' }>;
    expect(ask('S2', 1).voteGranted).toBe(true);
    expect(ask('S3', 1).voteGranted).toBe(false);
    expect(ask('S2', 1).voteGranted).toBe(true); // A retried request from the same candidate.
    expect(ask('S3', 2).voteGranted).toBe(true);
    expect(n.state.votedFor).toBe('S3');
  });

  it('granting a vote resets the election timer; refusing one does not', () => {
    const n = new TestNode('S1', 5, { electionTimeout: { min: 100, max: 200 } }, {}, [0.25, 0.75]);
    expect(n.timers[ELECTION_TIMER]).toBe(125);
    n.time = 50;
    n.receive('S2', {
      type: 'RequestVote',
      term: 1,
      candidateId: 'S2',
      lastLogIndex: 0,
      lastLogTerm: 0,
    });
    expect(n.timers[ELECTION_TIMER]).toBe(50 + 175);
    n.time = 60;
    n.receive('S3', {
      type: 'RequestVote',
      term: 1,
      candidateId: 'S3',
      lastLogIndex: 0,
      lastLogTerm: 0,
    });
    expect(n.timers[ELECTION_TIMER]).toBe(225);
  });

  it('each reset draws a fresh timeout in [min, max] from the node stream', () => {
    const n = new TestNode(
      'S1',
      5,
      { electionTimeout: { min: 150, max: 300 } },
      {},
      [0, 0.999, 0.5],
    );
    const drawn = () => n.timers[ELECTION_TIMER]! - n.time;
    expect(drawn()).toBe(150);
    n.time = 10;
    n.fire(ELECTION_TIMER);
    expect(drawn()).toBeCloseTo(299.85);
    n.fire(ELECTION_TIMER);
    expect(drawn()).toBe(225);
    expect(n.timers[ELECTION_TIMER]).toBe(235);
  });
});

describe('§5.4.1 the election restriction', () => {
  // The voter's log is terms [1, 1, 2] (last index 3, last term 2).
  it.each([
    { lastLogTerm: 1, lastLogIndex: 5, granted: false, why: 'older last term, longer log' },
    { lastLogTerm: 2, lastLogIndex: 2, granted: false, why: 'same last term, shorter log' },
    { lastLogTerm: 2, lastLogIndex: 3, granted: true, why: 'same last term, same length' },
    { lastLogTerm: 2, lastLogIndex: 4, granted: true, why: 'same last term, longer log' },
    { lastLogTerm: 3, lastLogIndex: 1, granted: true, why: 'newer last term, shorter log' },
    { lastLogTerm: 0, lastLogIndex: 0, granted: false, why: 'empty log' },
  ])(
    'a candidate with last term $lastLogTerm and index $lastLogIndex gets the vote: $granted ($why)',
    ({ lastLogTerm, lastLogIndex, granted }) => {
      const n = new TestNode('S1', 5, {}, { currentTerm: 2, log: logOfTerms([1, 1, 2]) });
      const [reply] = n.receive('S2', {
        type: 'RequestVote',
        term: 3,
        candidateId: 'S2',
        lastLogIndex,
        lastLogTerm,
      });
      expect(reply!.msg).toEqual({ type: 'RequestVoteReply', term: 3, voteGranted: granted });
      // Either way the higher term is adopted (§5.1).
      expect(n.state.currentTerm).toBe(3);
    },
  );
});

describe('§5.1 terms', () => {
  it('a candidate steps back to follower on a reply with a higher term', () => {
    const n = new TestNode('S1', 5);
    n.fire(ELECTION_TIMER);
    n.receive('S2', vote(7, false));
    expect(n.state.role).toBe('follower');
    expect(n.state.currentTerm).toBe(7);
    expect(n.state.votedFor).toBe(null);
  });

  it('a candidate steps back when it hears from a leader of its own term (§5.2)', () => {
    const n = new TestNode('S1', 5);
    n.fire(ELECTION_TIMER);
    n.receive('S3', {
      type: 'AppendEntries',
      term: 1,
      leaderId: 'S3',
      prevLogIndex: 0,
      prevLogTerm: 0,
      entries: [],
      leaderCommit: 0,
    });
    expect(n.state.role).toBe('follower');
    expect(n.state.currentTerm).toBe(1);
    expect(n.state.votedFor).toBe('S1');
    expect(n.state.leaderId).toBe('S3');
  });

  it('a leader steps down on any message with a higher term and runs an election timer again', () => {
    const n = new TestNode('S1', 3);
    n.fire(ELECTION_TIMER);
    n.receive('S2', vote(1, true));
    expect(n.state.role).toBe('leader');
    expect(n.timers[ELECTION_TIMER]).toBeUndefined();
    expect(n.timers[HEARTBEAT_TIMER]).toBeDefined();
    n.receive('S3', {
      type: 'RequestVote',
      term: 5,
      candidateId: 'S3',
      lastLogIndex: 0,
      lastLogTerm: 0,
    });
    expect(n.state.role).toBe('follower');
    expect(n.state.currentTerm).toBe(5);
    expect(n.timers[ELECTION_TIMER]).toBeDefined();
    expect(n.timers[HEARTBEAT_TIMER]).toBeUndefined();
  });

  it('a request from a stale term is refused with the current term', () => {
    const n = new TestNode('S1', 5, {}, { currentTerm: 4 });
    const [reply] = n.receive('S2', {
      type: 'RequestVote',
      term: 3,
      candidateId: 'S2',
      lastLogIndex: 9,
      lastLogTerm: 3,
    });
    expect(reply!.msg).toEqual({ type: 'RequestVoteReply', term: 4, voteGranted: false });
  });
});

describe('§5.2/§8 a new leader', () => {
  it('sets nextIndex past its log, matchIndex to 0, appends a no-op and sends AppendEntries at once', () => {
    const n = new TestNode('S1', 3, {}, { currentTerm: 1, log: logOfTerms([1, 1]) });
    n.fire(ELECTION_TIMER);
    const sent = n.receive('S2', vote(2, true));
    expect(n.state.role).toBe('leader');
    expect(n.state.nextIndex).toEqual({ S2: 3, S3: 3 });
    expect(n.state.matchIndex).toEqual({ S2: 0, S3: 0 });
    expect(n.state.log.at(-1)).toEqual({ term: 2, command: null });
    expect(sent.map((s) => s.to)).toEqual(['S2', 'S3']);
    expect(sent[0]!.msg).toMatchObject({
      type: 'AppendEntries',
      term: 2,
      prevLogIndex: 2,
      prevLogTerm: 1,
    });
  });

  it('appends no no-op when noopOnElection is off', () => {
    const n = new TestNode('S1', 3, { noopOnElection: false });
    n.fire(ELECTION_TIMER);
    n.receive('S2', vote(1, true));
    expect(n.state.log).toEqual([]);
  });

  it('sends a heartbeat to every peer each heartbeatInterval', () => {
    const n = new TestNode('S1', 3, { heartbeatInterval: 40 });
    n.fire(ELECTION_TIMER);
    n.receive('S2', vote(1, true));
    n.time = 40;
    const sent = n.fire(HEARTBEAT_TIMER);
    expect(sent.map((s) => s.msg.type)).toEqual(['AppendEntries', 'AppendEntries']);
    expect(n.timers[HEARTBEAT_TIMER]).toBe(80);
  });
});
