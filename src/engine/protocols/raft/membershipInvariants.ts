/**
 * The safety rule of single-server membership changes (dissertation §4.1), checked after
 * every event beside Figure 3's five properties: every configuration entry a leader appends
 *
 * - differs from the configuration before it in its log by exactly one server (so any
 *   majority of the one overlaps any majority of the other), and
 * - comes after the previous configuration entry is committed and after the leader committed
 *   an entry of its own term (the §4.1 errata: one change at a time).
 *
 * Checked on the leader that appends, incrementally: each leader's own-term entries once.
 * "Committed before the append" is read as the leader's commitIndex now, capped below the
 * new entry — an over-approximation that can miss a violation but never raise a false one.
 */
import type { InvariantChecker, NodeId } from '../../types';
import { touchedState } from './invariantsCore';
import { entryAt, lastLogIndex, termAt } from './log';
import { latestConfiguration } from './membershipLog';
import type { RaftState } from './types';

interface Memory {
  /** Per leader: the term it leads and the last index checked in it. */
  leaders: Record<NodeId, { term: number; upTo: number }>;
}

function changedServers(a: readonly NodeId[], b: readonly NodeId[]): number {
  let n = 0;
  for (const x of a) if (!b.includes(x)) n++;
  for (const x of b) if (!a.includes(x)) n++;
  return n;
}

/** What is wrong with the configuration entry at `index` of leader `s`, or null. */
export function configEntryProblem(s: RaftState, index: number): string | null {
  const e = entryAt(s, index);
  if (e?.config === undefined || e.term !== s.currentTerm) return null;
  const prev = latestConfiguration(s, index - 1, s.bootstrap ?? []);
  const diff = changedServers(prev.members, e.config);
  if (diff !== 1) {
    return (
      `leader ${s.id} of term ${s.currentTerm} changed ${diff} servers at once at entry ${index}: ` +
      `{${prev.members.join(', ')}} → {${e.config.join(', ')}}`
    );
  }
  const committed = Math.min(s.commitIndex, index - 1);
  if (prev.index > committed) {
    return (
      `leader ${s.id} of term ${s.currentTerm} appended configuration entry ${index} before ` +
      `the previous one (entry ${prev.index}) was committed`
    );
  }
  if (termAt(s, committed) !== s.currentTerm) {
    return (
      `leader ${s.id} appended configuration entry ${index} before committing an entry of ` +
      `its term ${s.currentTerm}`
    );
  }
  return null;
}

export const singleServerChanges: InvariantChecker<RaftState, unknown> = {
  name: 'Single-Server Changes',
  touchedOnly: true,
  initialMemory: (): Memory => ({ leaders: {} }),
  check(view, memory) {
    const s = touchedState(view);
    if (s === null) return null;
    const m = memory as Memory;
    if (s.role !== 'leader') {
      if (m.leaders[s.id] !== undefined) delete m.leaders[s.id];
      return null;
    }
    const last = lastLogIndex(s);
    let c = m.leaders[s.id];
    if (c === undefined || c.term !== s.currentTerm) {
      // Entries of this term start after the last entry of an earlier term.
      let start = last;
      while (start > 0 && termAt(s, start) === s.currentTerm) start--;
      c = m.leaders[s.id] = { term: s.currentTerm, upTo: start };
    }
    for (let i = c.upTo + 1; i <= last; i++) {
      const problem = configEntryProblem(s, i);
      if (problem !== null) {
        c.upTo = i;
        return problem;
      }
    }
    if (c.upTo !== last) c.upTo = last;
    return null;
  },
};

export const membershipCheckers: readonly InvariantChecker<RaftState, unknown>[] = [
  singleServerChanges,
];
