/**
 * Log compaction and InstallSnapshot, message by message: §7 of the paper (Figures 12 and 13)
 * and chapter 5 of the dissertation.
 */
import { describe, expect, it } from 'vitest';
import { entryAt, lastLogIndex, lastLogTerm, snapshotIndex, termAt } from './log';
import { raftModule } from './raft';
import { logOfTerms, TestNode } from './testkit';
import { ELECTION_TIMER, HEARTBEAT_TIMER } from './timers';
import type {
  AppendEntries,
  InstallSnapshot,
  InstallSnapshotReply,
  LogEntry,
  RaftSnapshot,
} from './types';

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

const FIVE = ['S1', 'S2', 'S3', 'S4', 'S5'];

function snapshot(index: number, term: number, kv: Record<string, string>): RaftSnapshot {
  return {
    lastIncludedIndex: index,
    lastIncludedTerm: term,
    kv,
    sessions: { c: { seq: index, result: null } },
    members: FIVE,
  };
}

const install = (snap: RaftSnapshot, term = 2): InstallSnapshot => ({
  type: 'InstallSnapshot',
  term,
  leaderId: 'S2',
  snapshot: snap,
});

/** The terms of the entries a log still holds, with their global indexes. */
const held = (n: TestNode) =>
  n.state.log.map((e, k) => `${snapshotIndex(n.state) + k + 1}:${e.term}`);

/** Makes S1 leader of `term` with the given persisted log and snapshot. */
function leaderWith(log: LogEntry[], snap: RaftSnapshot | null, term: number): TestNode {
  const n = new TestNode(
    'S1',
    5,
    { noopOnElection: false, snapshotEvery: 100 },
    { currentTerm: term - 1, log, snapshot: snap },
  );
  n.fire(ELECTION_TIMER);
  const sent = n.ctx.peers.flatMap((p) =>
    n.receive(p, { type: 'RequestVoteReply', term, voteGranted: true }),
  );
  expect(n.state.role).toBe('leader');
  n.sent = sent; // what it sent on becoming leader
  return n;
}

describe('§7 taking a snapshot', () => {
  it('a server that applied snapshotEvery entries snapshots its state machine at its next event and discards those entries', () => {
    const n = new TestNode('S1', 5, { snapshotEvery: 3 }, { currentTerm: 2 });
    n.receive('S2', ae({ entries: logOfTerms([1, 1, 2, 2]), leaderCommit: 4 }));
    expect(n.state.lastApplied).toBe(4);
    // Not in the step that applied: the checkers see every committed entry in a log first.
    expect(n.state.snapshot).toBeNull();
    expect(n.state.log).toHaveLength(4);

    n.receive('S2', ae({ prevLogIndex: 4, prevLogTerm: 2, leaderCommit: 4 }));
    expect(n.state.snapshot).toMatchObject({
      lastIncludedIndex: 4,
      lastIncludedTerm: 2,
      kv: { k: 'v4@2' },
      sessions: { c: { seq: 4, result: null } },
    });
    expect(n.state.log).toEqual([]);
    // Indexes stay global: the log ends at 4, whose term the snapshot remembers.
    expect(lastLogIndex(n.state)).toBe(4);
    expect(lastLogTerm(n.state)).toBe(2);
    expect(termAt(n.state, 4)).toBe(2);
    expect(termAt(n.state, 2)).toBe(-1);
    expect(n.notes.some((t) => t.includes('takes a snapshot up to index 4'))).toBe(true);
    // The state machine itself is untouched, and the snapshot shares nothing with it.
    expect(n.state.kv).toEqual({ k: 'v4@2' });
    expect(n.state.snapshot!.kv).not.toBe(n.state.kv);
    expect(Object.isFrozen(n.state.snapshot)).toBe(true);
  });

  it('appends after the snapshot at the paper’s indexes, checking prevLogTerm against the snapshot', () => {
    const n = new TestNode('S1', 5, { snapshotEvery: 2 }, { currentTerm: 2 });
    n.receive('S2', ae({ entries: logOfTerms([1, 2]), leaderCommit: 2 }));
    n.fire(ELECTION_TIMER); // any event: the snapshot is taken first… and an election starts
    expect(snapshotIndex(n.state)).toBe(2);
    const [rej] = n.receive('S2', ae({ term: 3, prevLogIndex: 2, prevLogTerm: 1 }));
    expect(rej!.msg).toMatchObject({ success: false });
    const [acc] = n.receive(
      'S2',
      ae({ term: 3, prevLogIndex: 2, prevLogTerm: 2, entries: logOfTerms([3]), leaderCommit: 2 }),
    );
    expect(acc!.msg).toMatchObject({ success: true, matchIndex: 3 });
    expect(held(n)).toEqual(['3:3']);
  });

  it('an AppendEntries reaching below the snapshot skips the entries it covers', () => {
    const n = new TestNode('S1', 5, { snapshotEvery: 2 }, { currentTerm: 2 });
    const log = logOfTerms([1, 2, 2]);
    n.receive('S2', ae({ entries: log.slice(0, 2), leaderCommit: 2 }));
    n.fire(HEARTBEAT_TIMER); // a follower ignores it; the snapshot is taken
    expect(snapshotIndex(n.state)).toBe(2);
    const [r] = n.receive('S2', ae({ prevLogIndex: 0, prevLogTerm: 0, entries: log }));
    expect(r!.msg).toMatchObject({ success: true, matchIndex: 3 });
    expect(held(n)).toEqual(['3:2']);
  });

  it('with snapshotEvery 0 (the default) no snapshot is ever taken', () => {
    const n = new TestNode('S1', 5, {}, { currentTerm: 2 });
    n.receive('S2', ae({ entries: logOfTerms([1, 1, 2, 2]), leaderCommit: 4 }));
    n.receive('S2', ae({ prevLogIndex: 4, prevLogTerm: 2, leaderCommit: 4 }));
    expect(n.state.snapshot).toBeNull();
    expect(n.state.log).toHaveLength(4);
  });
});

describe('§7 the snapshot carries the configuration (dissertation §5.1)', () => {
  it('taking one records the configuration in force at lastIncludedIndex as the log’s new bootstrap', () => {
    const n = new TestNode('S1', 5, { snapshotEvery: 2 }, { currentTerm: 2 });
    n.receive('S2', ae({ entries: logOfTerms([1, 2]), leaderCommit: 2 }));
    n.fire(HEARTBEAT_TIMER);
    expect(n.state.snapshot!.members).toEqual(FIVE);
    expect(n.state.bootstrap).toEqual(FIVE);
    expect(n.state.members).toEqual(FIVE);
  });

  it('installing one takes its configuration when no newer one is left in the log', () => {
    const n = new TestNode('S1', 5, {}, { currentTerm: 2, log: logOfTerms([1]) });
    n.receive('S2', install({ ...snapshot(4, 2, {}), members: ['S1', 'S2', 'S3'] }));
    expect(n.state.members).toEqual(['S1', 'S2', 'S3']);
    expect(n.state.peers).toEqual(['S2', 'S3']);
    expect(n.state.bootstrap).toEqual(['S1', 'S2', 'S3']);
  });
});

describe('§7 restart from a snapshot', () => {
  it('a restarted server restores its state machine from its snapshot and keeps the log after it', () => {
    const snap = snapshot(4, 2, { k: 'v4@2', j: 'x' });
    const entries = logOfTerms([1, 1, 2, 2, 3, 3]).slice(4);
    const n = new TestNode('S1', 5, {}, { currentTerm: 3, log: entries, snapshot: snap });
    expect(n.state.kv).toEqual({ k: 'v4@2', j: 'x' });
    expect(n.state.sessions).toEqual({ c: { seq: 4, result: null } });
    expect(n.state.lastApplied).toBe(4);
    expect(n.state.commitIndex).toBe(4);
    expect(lastLogIndex(n.state)).toBe(6);
    expect(entryAt(n.state, 5)).toBe(entries[0]);
    // The persisted state keeps the snapshot: it survives the next crash too.
    expect(raftModule.persistent(n.state).snapshot).toBe(snap);
    // Applying goes on from the entry after the snapshot.
    n.receive('S2', ae({ term: 3, prevLogIndex: 6, prevLogTerm: 3, leaderCommit: 5 }));
    expect(n.state.lastApplied).toBe(5);
    expect(n.state.kv.k).toBe('v5@3');
  });
});

describe('§7 InstallSnapshot receiver (Figure 13)', () => {
  it('1. rejects a stale term with its own term and changes nothing', () => {
    const n = new TestNode('S1', 5, {}, { currentTerm: 3, log: logOfTerms([1]) });
    const [r] = n.receive('S2', install(snapshot(5, 2, { k: 'x' }), 2));
    expect(r!.msg).toEqual({ type: 'InstallSnapshotReply', term: 3, lastIncludedIndex: 0 });
    expect(n.state.snapshot).toBeNull();
    expect(n.state.log).toHaveLength(1);
  });

  it('6. keeps the log entries after a matching lastIncludedIndex/term, and resets a state machine that was behind', () => {
    const n = new TestNode('S1', 5, {}, { currentTerm: 2, log: logOfTerms([1, 1, 2, 2, 2]) });
    const snap = snapshot(3, 2, { k: 'snap' });
    const [r] = n.receive('S2', install(snap));
    expect(r!.msg).toEqual({ type: 'InstallSnapshotReply', term: 2, lastIncludedIndex: 3 });
    expect(n.state.snapshot).toBe(snap);
    expect(snapshotIndex(n.state)).toBe(3);
    expect(held(n)).toEqual(['4:2', '5:2']);
    expect(n.state.kv).toEqual({ k: 'snap' });
    expect(n.state.lastApplied).toBe(3);
    expect(n.state.commitIndex).toBe(3);
    expect(n.state.leaderId).toBe('S2');
  });

  it('6. a server that already applied past lastIncludedIndex keeps its state machine', () => {
    const n = new TestNode('S1', 5, {}, { currentTerm: 2 });
    n.receive('S2', ae({ entries: logOfTerms([1, 1, 2, 2]), leaderCommit: 4 }));
    n.receive('S2', install(snapshot(3, 2, { k: 'v3@2' })));
    expect(snapshotIndex(n.state)).toBe(3);
    expect(held(n)).toEqual(['4:2']);
    expect(n.state.kv).toEqual({ k: 'v4@2' });
    expect(n.state.lastApplied).toBe(4);
  });

  it.each([
    { terms: [1, 1, 1], why: 'the log ends before lastIncludedIndex' },
    { terms: [1, 1, 1, 1, 1], why: 'the entry at lastIncludedIndex has another term' },
  ])('7–8. discards the whole log and resets the state machine when $why', ({ terms }) => {
    const n = new TestNode('S1', 5, {}, { currentTerm: 2, log: logOfTerms(terms) });
    const [r] = n.receive('S2', install(snapshot(4, 2, { k: 'snap', z: '1' })));
    expect(r!.msg).toEqual({ type: 'InstallSnapshotReply', term: 2, lastIncludedIndex: 4 });
    expect(n.state.log).toEqual([]);
    expect(lastLogIndex(n.state)).toBe(4);
    expect(lastLogTerm(n.state)).toBe(2);
    expect(n.state.kv).toEqual({ k: 'snap', z: '1' });
    expect(n.state.sessions).toEqual({ c: { seq: 4, result: null } });
    expect(n.state.commitIndex).toBe(4);
    expect(n.state.lastApplied).toBe(4);
    expect(n.notes.some((t) => t.includes('installs S2'))).toBe(true);
  });

  it('5. a snapshot no newer than its own changes nothing, and says how far it holds', () => {
    const own = snapshot(6, 2, { k: 'own' });
    const n = new TestNode('S1', 5, {}, { currentTerm: 2, snapshot: own });
    const [r] = n.receive('S2', install(snapshot(4, 2, { k: 'older' })));
    expect(r!.msg).toEqual({ type: 'InstallSnapshotReply', term: 2, lastIncludedIndex: 6 });
    expect(n.state.snapshot).toBe(own);
    expect(n.state.kv).toEqual({ k: 'own' });
  });

  it('a candidate of the same term steps back to follower; a higher term is adopted', () => {
    const n = new TestNode('S1', 5, {}, { currentTerm: 1 });
    n.fire(ELECTION_TIMER);
    expect(n.state.role).toBe('candidate');
    n.receive('S2', install(snapshot(2, 1, {}), 2));
    expect(n.state.role).toBe('follower');
    expect(n.state.currentTerm).toBe(2);
    expect(n.timers[ELECTION_TIMER]).toBeDefined();
  });
});

describe('§7 the leader sends InstallSnapshot when it has compacted what a follower needs', () => {
  const snap = snapshot(4, 2, { k: 'v4@2' });
  const after = logOfTerms([1, 1, 2, 2, 2, 2]).slice(4); // indexes 5 and 6, term 2

  it('AppendEntries while nextIndex is past the snapshot; InstallSnapshot once it backs off to it', () => {
    const n = leaderWith(after, snap, 3);
    const first = n.sent.filter((s) => s.to === 'S2');
    expect(first.map((s) => s.msg.type)).toEqual(['AppendEntries']);
    expect(first[0]!.msg).toMatchObject({ prevLogIndex: 6, prevLogTerm: 2 });
    // S2's log is short: it asks for index 2, which the leader no longer holds.
    const sent = n.receive('S2', {
      type: 'AppendEntriesReply',
      term: 3,
      success: false,
      matchIndex: 0,
      conflictTerm: null,
      conflictIndex: 2,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe('S2');
    expect(sent[0]!.msg).toEqual({
      type: 'InstallSnapshot',
      term: 3,
      leaderId: 'S1',
      snapshot: snap,
    });
    // Heartbeats keep sending it until the follower acknowledges.
    const beat = n.fire(HEARTBEAT_TIMER).filter((s) => s.to === 'S2');
    expect(beat.map((s) => s.msg.type)).toEqual(['InstallSnapshot']);
  });

  it('the reply moves matchIndex and nextIndex past the snapshot, and AppendEntries go on from there', () => {
    const n = leaderWith(after, snap, 3);
    n.state.nextIndex.S2 = 3;
    const reply: InstallSnapshotReply = {
      type: 'InstallSnapshotReply',
      term: 3,
      lastIncludedIndex: 4,
    };
    const sent = n.receive('S2', reply);
    expect(n.state.matchIndex.S2).toBe(4);
    expect(n.state.nextIndex.S2).toBe(5);
    expect(sent.map((s) => s.msg.type)).toEqual(['AppendEntries']);
    expect(sent[0]!.msg).toMatchObject({ prevLogIndex: 4, prevLogTerm: 2 });
    expect((sent[0]!.msg as AppendEntries).entries.map((e) => e.term)).toEqual([2, 2]);
    // A late duplicate never moves them back.
    n.state.matchIndex.S2 = 6;
    n.state.nextIndex.S2 = 7;
    n.receive('S2', reply);
    expect(n.state.matchIndex.S2).toBe(6);
    expect(n.state.nextIndex.S2).toBe(7);
  });

  it('a reply of another term is ignored', () => {
    const n = leaderWith(after, snap, 3);
    n.receive('S2', { type: 'InstallSnapshotReply', term: 2, lastIncludedIndex: 4 });
    expect(n.state.matchIndex.S2).toBe(0);
  });
});
