/**
 * The invariant checkers must fire on a broken cluster and stay quiet on a healthy one.
 * Views are built by hand so that every violation can be produced on purpose.
 */
import { describe, expect, it } from 'vitest';
import type { CheckView } from '../../types';
import {
  commitWithinLog,
  committedKept,
  electionSafety,
  leaderAppendOnly,
  leaderCompleteness,
  logMatching,
  stateMachineSafety,
} from './invariants';
import { checkViews, logOfTerms, TestNode } from './testkit';
import type { LogEntry, RaftRole, RaftState } from './types';

function node(
  id: string,
  role: RaftRole,
  term: number,
  log: LogEntry[],
  commitIndex = 0,
): RaftState {
  const s = new TestNode(id, 3, {}, { currentTerm: term, log }).state;
  s.role = role;
  s.commitIndex = commitIndex;
  s.lastApplied = commitIndex;
  return s;
}

it('checkers skip events that changed no protocol state', () => {
  const memory = electionSafety.initialMemory();
  const twoLeaders = [node('S1', 'leader', 2, []), node('S2', 'leader', 2, [])];
  const view = (touched: string | null): CheckView<RaftState> => ({
    nodes: twoLeaders.map((s) => ({ id: s.id, up: true, state: s })),
    time: 0,
    eventId: 0,
    touched,
  });
  expect(electionSafety.check(view(null), memory)).toBeNull();
  expect(electionSafety.check(view('S1'), memory)).toBeNull();
  expect(electionSafety.check(view('S2'), memory)).toBe('S1 and S2 were both leader in term 2');
});

describe('Election Safety (§5.2)', () => {
  it('fires when two nodes lead the same term, even at different moments', () => {
    const r = checkViews(electionSafety, [
      [node('S1', 'leader', 2, [])],
      [node('S2', 'leader', 2, [])],
    ]);
    expect(r[0]).toBeNull();
    expect(r[1]).toBe('S1 and S2 were both leader in term 2');
  });
  it('is quiet for successive leaders of different terms', () => {
    expect(
      checkViews(electionSafety, [[node('S1', 'leader', 2, [])], [node('S2', 'leader', 3, [])]]),
    ).toEqual([null, null]);
  });
});

describe('Leader Append-Only (§5.3)', () => {
  it('fires when a leader rewrites or drops an entry of its own log', () => {
    const a = node('S1', 'leader', 2, logOfTerms([1, 2]));
    const b = node('S1', 'leader', 2, logOfTerms([1]));
    const c = node('S1', 'leader', 2, logOfTerms([1, 1]));
    expect(checkViews(leaderAppendOnly, [[a], [b]])[1]).toMatch(
      /changed its log: entry 2 was 2\/c#2, now gone/,
    );
    expect(checkViews(leaderAppendOnly, [[a], [c]])[1]).toMatch(/entry 2 was 2\/c#2, now 1\/c#2/);
  });
  it('is quiet when a leader appends, and when a follower truncates', () => {
    const a = node('S1', 'leader', 2, logOfTerms([1, 2]));
    // The same entries (entries are immutable and shared), one more appended.
    const b = node('S1', 'leader', 2, [...a.log, ...logOfTerms([1, 2, 2]).slice(2)]);
    const c = node('S1', 'follower', 3, a.log.slice(0, 1));
    expect(checkViews(leaderAppendOnly, [[a], [b], [c]])).toEqual([null, null, null]);
  });
});

describe('Log Matching (§5.3)', () => {
  it('fires when two logs hold the same index and term with different histories', () => {
    const a = node('S1', 'follower', 3, logOfTerms([1, 1, 3]));
    const b = node('S2', 'follower', 3, logOfTerms([1, 2, 3]));
    expect(checkViews(logMatching, [[a, b]])[0]).toMatch(
      /S2 holds 3\/c#3 after a term-2 entry at index 3/,
    );
  });
  it('fires when the same index and term name different commands', () => {
    const a = node('S1', 'follower', 1, [{ term: 1, command: null }]);
    const b = node('S2', 'follower', 1, logOfTerms([1]));
    expect(checkViews(logMatching, [[a, b]])[0]).toMatch(/index 1/);
  });
  it('is quiet for divergent suffixes in different terms, and after a repair', () => {
    const a = node('S1', 'follower', 3, logOfTerms([1, 1, 2]));
    const b = node('S2', 'follower', 3, logOfTerms([1, 1, 3, 3]));
    const repaired = node('S1', 'follower', 3, logOfTerms([1, 1, 3, 3]));
    expect(
      checkViews(logMatching, [
        [a, b],
        [repaired, b],
      ]),
    ).toEqual([null, null]);
  });
});

describe('Leader Completeness (§5.4)', () => {
  it('fires when a leader of a later term lacks a committed entry', () => {
    const committer = node('S1', 'leader', 2, logOfTerms([1, 2]), 2);
    const stale = node('S2', 'leader', 3, logOfTerms([1]));
    expect(checkViews(leaderCompleteness, [[committer], [stale]])[1]).toMatch(
      /leader S2 of term 3 lacks committed entry 2 \(2\/c#2\)/,
    );
  });
  it('is quiet for a stale leader of an earlier term', () => {
    const committer = node('S1', 'follower', 3, logOfTerms([1, 3]), 2);
    const old = node('S2', 'leader', 2, logOfTerms([1]));
    expect(checkViews(leaderCompleteness, [[committer], [old]])).toEqual([null, null]);
  });
});

describe('State Machine Safety (§5.4.3)', () => {
  it('fires when two servers apply different entries at one index', () => {
    const a = node('S1', 'follower', 2, logOfTerms([1, 1]), 2);
    const b = node('S2', 'follower', 2, logOfTerms([1, 2]), 2);
    expect(checkViews(stateMachineSafety, [[a], [b]])[1]).toMatch(
      /S2 applied 2\/c#2 at index 2, where another server applied 1\/c#2/,
    );
  });
  it('re-checks a restarted node as it re-applies its log', () => {
    const a = node('S1', 'follower', 2, logOfTerms([1, 1]), 2);
    const restarted = node('S1', 'follower', 2, logOfTerms([1, 2]), 0);
    const reapplied = node('S1', 'follower', 2, logOfTerms([1, 2]), 2);
    expect(checkViews(stateMachineSafety, [[a], [restarted], [reapplied]])[2]).toMatch(
      /S1 applied 2\/c#2 at index 2/,
    );
  });
});

describe('the whole-log invariants', () => {
  it('commitIndex never passes the end of the log', () => {
    expect(checkViews(commitWithinLog, [[node('S1', 'follower', 1, logOfTerms([1]), 1)]])).toEqual([
      null,
    ]);
    expect(checkViews(commitWithinLog, [[node('S1', 'follower', 1, logOfTerms([1]), 2)]])).toEqual([
      'S1 has commitIndex 2 but its log ends at index 1',
    ]);
  });

  it('a committed entry, once a node holds it, is never removed', () => {
    const log = logOfTerms([1, 1, 2]);
    const leader = node('S1', 'leader', 2, log, 2);
    const follower = node('S2', 'follower', 2, log.slice(), 0);
    // A follower may drop an uncommitted entry (index 3)…
    const dropsUncommitted = node('S2', 'follower', 2, log.slice(0, 2), 0);
    // …but not a committed one (index 2).
    const dropsCommitted = node('S2', 'follower', 2, log.slice(0, 1), 0);
    expect(
      checkViews(committedKept, [
        [leader, follower],
        [leader, dropsUncommitted],
        [leader, dropsCommitted],
      ]),
    ).toEqual([
      null,
      null,
      'S2 (term 2) removed entry 2 (1/c#2), committed by term 2; it holds nothing there',
    ]);
  });

  it('a follower of an older term may drop what a newer term committed (a stale leader)', () => {
    // Term 3 committed entry 2; a term-2 leader lacking it makes a term-2 follower drop it.
    const newer = node('S1', 'leader', 3, logOfTerms([1, 3]), 2);
    const follower = node('S2', 'follower', 2, logOfTerms([1, 3]), 0);
    const dropped = node('S2', 'follower', 2, logOfTerms([1]), 0);
    expect(
      checkViews(committedKept, [
        [newer, follower],
        [newer, dropped],
      ]),
    ).toEqual([null, null]);
  });

  it('a lagging follower that never held the entry is fine', () => {
    const log = logOfTerms([1, 1]);
    const leader = node('S1', 'leader', 1, log, 2);
    const lagging = node('S2', 'follower', 1, log.slice(0, 1), 0);
    expect(
      checkViews(committedKept, [
        [leader, lagging],
        [leader, lagging],
      ]),
    ).toEqual([null, null]);
  });
});
