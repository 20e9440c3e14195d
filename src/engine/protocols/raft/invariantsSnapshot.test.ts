/**
 * The invariant checkers with log compaction (§7): a snapshot replaces a committed prefix, so
 * the checks compare the indexes a log still holds and read a snapshot as committed, applied
 * state — quiet when a server compacts or installs a snapshot, still firing on a real break
 * after the snapshot.
 */
import { describe, expect, it } from 'vitest';
import {
  commitWithinLog,
  committedKept,
  leaderAppendOnly,
  leaderCompleteness,
  logMatching,
  stateMachineSafety,
} from './invariants';
import { checkViews, logOfTerms, TestNode } from './testkit';
import type { LogEntry, RaftRole, RaftSnapshot, RaftState } from './types';

const snap = (index: number, term: number): RaftSnapshot => ({
  lastIncludedIndex: index,
  lastIncludedTerm: term,
  kv: {},
  sessions: {},
  members: ['S1', 'S2', 'S3'],
});

/** A node holding `log` after the snapshot `snapshot` (null: none), committed and applied to `commit`. */
function node(
  id: string,
  role: RaftRole,
  term: number,
  log: LogEntry[],
  commit: number,
  snapshot: RaftSnapshot | null = null,
): RaftState {
  const s = new TestNode(id, 3, {}, { currentTerm: term, log, snapshot }).state;
  s.role = role;
  s.commitIndex = commit;
  s.lastApplied = commit;
  return s;
}

// Entries 1…6 of one history (terms 1 1 2 2 2 3): every node shares these objects.
const log = logOfTerms([1, 1, 2, 2, 2, 3]);
const upTo = (n: number) => log.slice(0, n);
/** Entries after index `from` up to `to`. */
const after = (from: number, to = log.length) => log.slice(from, to);

describe('the invariant checkers with snapshots (§7)', () => {
  it('Log Matching: compacting a prefix is no change; a conflicting entry after it still is', () => {
    const conflicting = logOfTerms([1, 1, 2, 2, 9])[4]!;
    expect(
      checkViews(logMatching, [
        [node('S1', 'follower', 2, upTo(5), 4), node('S2', 'follower', 2, upTo(5), 4)],
        [node('S1', 'follower', 2, after(4, 5), 4, snap(4, 2))],
        [node('S1', 'follower', 3, after(4), 4, snap(4, 2))],
        [node('S2', 'follower', 9, [conflicting], 4, snap(4, 2))],
      ]),
    ).toEqual([null, null, null, null]);
    // The same index and term with another command after the snapshot: caught.
    const twin = { ...log[4]!, command: { ...log[4]!.command!, seq: 99 } };
    expect(
      checkViews(logMatching, [
        [node('S1', 'follower', 2, upTo(5), 4)],
        [node('S2', 'follower', 2, [twin], 4, snap(4, 2))],
      ]),
    ).toEqual([null, expect.stringContaining('at index 5')]);
  });

  it('Leader Append-Only: a leader compacting its own applied entries overwrites nothing', () => {
    expect(
      checkViews(leaderAppendOnly, [
        [node('S1', 'leader', 2, upTo(5), 4)],
        [node('S1', 'leader', 2, after(4, 5), 4, snap(4, 2))],
        [node('S1', 'leader', 2, [], 5, snap(5, 2))],
      ]),
    ).toEqual([null, null, null]);
    expect(
      checkViews(leaderAppendOnly, [
        [node('S1', 'leader', 2, upTo(5), 4)],
        [node('S1', 'leader', 2, [], 4, snap(4, 2))],
      ]),
    ).toEqual([null, expect.stringContaining('entry 5 was')]);
  });

  it('Leader Completeness: a snapshot holds the committed prefix; a committed entry after it must be there', () => {
    expect(
      checkViews(leaderCompleteness, [
        [node('S2', 'follower', 2, upTo(5), 5)],
        [node('S1', 'leader', 3, after(4, 5), 4, snap(4, 2))],
      ]),
    ).toEqual([null, null]);
    expect(
      checkViews(leaderCompleteness, [
        [node('S2', 'follower', 2, upTo(5), 5)],
        [node('S1', 'leader', 3, [], 4, snap(4, 2))],
      ]),
    ).toEqual([null, expect.stringContaining('lacks committed entry 5')]);
  });

  it('State Machine Safety: installing a snapshot applies its prefix; a different entry after it is caught', () => {
    const other = logOfTerms([1, 1, 2, 2, 3])[4]!;
    expect(
      checkViews(stateMachineSafety, [
        [node('S1', 'leader', 2, upTo(5), 5)],
        [node('S2', 'follower', 2, [], 4, snap(4, 2))],
        [node('S2', 'follower', 2, after(4, 5), 5, snap(4, 2))],
      ]),
    ).toEqual([null, null, null]);
    expect(
      checkViews(stateMachineSafety, [
        [node('S1', 'leader', 2, upTo(5), 5)],
        [node('S2', 'follower', 3, [other], 5, snap(4, 2))],
      ]),
    ).toEqual([null, expect.stringContaining('at index 5')]);
  });

  it('Committed Entries Kept: compaction keeps what it covers; dropping a committed entry after it is caught', () => {
    expect(
      checkViews(committedKept, [
        [node('S1', 'follower', 2, upTo(5), 5)],
        [node('S1', 'follower', 2, after(3, 5), 5, snap(3, 2))],
        [node('S1', 'follower', 2, [], 5, snap(5, 2))],
        [node('S1', 'follower', 3, after(5), 5, snap(5, 2))],
      ]),
    ).toEqual([null, null, null, null]);
    expect(
      checkViews(committedKept, [
        [node('S1', 'follower', 2, upTo(5), 5)],
        [node('S1', 'follower', 2, after(3, 4), 4, snap(3, 2))],
      ]),
    ).toEqual([null, expect.stringContaining('removed entry 5')]);
  });

  it('Commit Index Within Log: the snapshot counts as log', () => {
    expect(checkViews(commitWithinLog, [[node('S1', 'follower', 2, [], 4, snap(4, 2))]])).toEqual([
      null,
    ]);
    expect(
      checkViews(commitWithinLog, [[node('S1', 'follower', 2, after(4, 5), 6, snap(4, 2))]]),
    ).toEqual(['S1 has commitIndex 6 but its log ends at index 5']);
  });
});
