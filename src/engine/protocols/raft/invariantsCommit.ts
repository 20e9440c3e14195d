/**
 * The checks of committed and applied entries (Figure 3's Leader Completeness and State
 * Machine Safety, and two of Figure 2's bounds), beside invariants.ts. Committed entries are
 * recorded as any node's commitIndex first covers them (invariantsCore.ts).
 */
import type { Blame, InvariantChecker, NodeId } from '../../types';
import {
  blameOf,
  commitBlame,
  entryId,
  noteCommitEvents,
  recordCommitted,
  touchedState,
  UNKNOWN,
} from './invariantsCore';
import { entryAt, lastLogIndex, snapshotIndex } from './log';
import type { LogEntry, RaftState } from './types';

interface CompletenessMemory {
  committed: string[];
  committedTerm: number[];
  checked: Record<NodeId, { term: number; upTo: number }>;
  committedAt: number[];
  committedBy: NodeId[];
  blame: Blame | null;
}

/**
 * §5.4 Leader Completeness: an entry committed in a term is present in the logs of the
 * leaders of all higher terms. Committed entries are recorded when some node's commitIndex
 * first covers them, with that node's term (an upper bound on the term they committed in,
 * which keeps the check sound). A leader is checked against every entry recorded at or
 * below its term, each entry once per leader and term.
 */
export const leaderCompleteness: InvariantChecker<RaftState, unknown> = {
  name: 'Leader Completeness',
  touchedOnly: true,
  initialMemory: (): CompletenessMemory => ({
    committed: [],
    committedTerm: [],
    checked: {},
    committedAt: [],
    committedBy: [],
    blame: null,
  }),
  check(view, memory) {
    const s = touchedState(view);
    if (s === null) return null;
    const m = memory as CompletenessMemory;
    // A blame left by an earlier problem is not this one's.
    if (m.blame) m.blame = null;
    recordCommitted(s, m);
    noteCommitEvents(s, m, view.eventId);
    if (s.role !== 'leader') return null;
    let c = m.checked[s.id];
    if (c === undefined || c.term !== s.currentTerm)
      c = m.checked[s.id] = { term: s.currentTerm, upTo: 0 };
    // §7: the committed prefix the leader's snapshot covers, it holds.
    for (let i = Math.max(c.upTo, snapshotIndex(s)); i < m.committed.length; i++) {
      if (m.committedTerm[i]! > s.currentTerm || m.committed[i] === UNKNOWN) continue;
      const have = entryAt(s, i + 1);
      if (have === undefined || entryId(have) !== m.committed[i]) {
        c.upTo = i;
        m.blame = commitBlame(m, i, s.id);
        return (
          `leader ${s.id} of term ${s.currentTerm} lacks committed entry ${i + 1} ` +
          `(${m.committed[i]}); it holds ${have === undefined ? 'nothing' : entryId(have)} there`
        );
      }
    }
    if (c.upTo !== m.committed.length) c.upTo = m.committed.length;
    return null;
  },
  blame: blameOf,
};

interface AppliedMemory {
  applied: string[];
  checked: Record<NodeId, number>;
  /** Per index: the event and the server of the apply `applied` records. */
  appliedAt: number[];
  appliedBy: NodeId[];
  blame: Blame | null;
}

/**
 * §5.4.3 State Machine Safety: if a server has applied a log entry at a given index, no
 * other server ever applies a different entry at that index. We keep the sequence of applied
 * entries and check each node's newly applied entries against it (from scratch after a
 * restart, when it replays its log).
 */
export const stateMachineSafety: InvariantChecker<RaftState, unknown> = {
  name: 'State Machine Safety',
  touchedOnly: true,
  initialMemory: (): AppliedMemory => ({
    applied: [],
    checked: {},
    appliedAt: [],
    appliedBy: [],
    blame: null,
  }),
  check(view, memory) {
    const s = touchedState(view);
    if (s === null) return null;
    const m = memory as AppliedMemory;
    if (m.blame) m.blame = null;
    const checked = m.checked[s.id];
    let from = Math.min(checked ?? 0, s.lastApplied);
    // §7: up to its snapshot a server applied the snapshot, not entry by entry.
    from = Math.max(from, snapshotIndex(s));
    while (m.applied.length < from) m.applied.push(UNKNOWN);
    for (; from < s.lastApplied; from++) {
      const e = entryAt(s, from + 1);
      const id = e === undefined ? 'nothing' : entryId(e);
      if (from === m.applied.length || m.applied[from] === UNKNOWN) {
        m.applied[from] = id;
        m.appliedAt[from] = view.eventId;
        m.appliedBy[from] = s.id;
      } else if (m.applied[from] !== id) {
        m.checked[s.id] = from + 1;
        // The two applies: the other server's, and this one.
        const at = m.appliedAt[from];
        const by = m.appliedBy[from];
        m.blame = {
          related: at === undefined ? [] : [at],
          nodes: by === undefined ? [s.id] : [by, s.id],
        };
        return `${s.id} applied ${id} at index ${from + 1}, where another server applied ${m.applied[from]}`;
      }
    }
    if (checked !== from) m.checked[s.id] = from;
    return null;
  },
  blame: blameOf,
};

/**
 * Figure 2's bound: commitIndex never passes the end of the node's own log (a node commits
 * only entries it holds).
 */
export const commitWithinLog: InvariantChecker<RaftState, unknown> = {
  name: 'Commit Index Within Log',
  touchedOnly: true,
  initialMemory: () => ({}),
  check(view) {
    const s = touchedState(view);
    if (s === null || s.commitIndex <= lastLogIndex(s)) return null;
    return `${s.id} has commitIndex ${s.commitIndex} but its log ends at index ${lastLogIndex(s)}`;
  },
};

/** Whether `s` holds committed entry `k + 1` (0-based `k`) as a log entry. */
function holdsCommitted(s: RaftState, committed: readonly string[], k: number): boolean {
  const e = entryAt(s, k + 1);
  return e !== undefined && (committed[k] === UNKNOWN || entryId(e) === committed[k]);
}

interface KeptMemory {
  committed: string[];
  committedTerm: number[];
  /**
   * Per node: how many committed entries its log (or snapshot) has held, and the last of
   * them — null when the snapshot covers it (§7: a snapshot never goes back).
   */
  held: Record<NodeId, { count: number; last: LogEntry | null }>;
  committedAt: number[];
  committedBy: NodeId[];
  blame: Blame | null;
}

/**
 * A committed entry is never removed by a server that should have it (§5.4). Committed
 * entries are recorded as any node's commitIndex first covers them, with that node's term —
 * an upper bound on the term they committed in, which keeps the check sound. A server may
 * still drop an entry committed in a term above its own: a stale leader of an older term
 * need not hold it (Leader Completeness speaks of earlier terms only) and can make its
 * followers truncate it, while a majority of newer terms keeps it. An entry committed by the
 * server's own term or an earlier one must stay. Each node's count of committed entries it
 * has held may shrink only that way.
 */
export const committedKept: InvariantChecker<RaftState, unknown> = {
  name: 'Committed Entries Kept',
  touchedOnly: true,
  initialMemory: (): KeptMemory => ({
    committed: [],
    committedTerm: [],
    held: {},
    committedAt: [],
    committedBy: [],
    blame: null,
  }),
  check(view, memory) {
    const s = touchedState(view);
    if (s === null) return null;
    const m = memory as KeptMemory;
    if (m.blame) m.blame = null;
    recordCommitted(s, m);
    noteCommitEvents(s, m, view.eventId);
    const offset = snapshotIndex(s);
    const before = m.held[s.id];
    let count = before?.count ?? 0;
    // Logs change only at their end and entries are immutable, shared objects: the prefix is
    // intact exactly when its last entry is still the same object (O(1) per event). The
    // snapshot's prefix is intact by construction.
    if (before !== undefined && count > offset && entryAt(s, count) !== before.last) {
      let keep = Math.min(offset, count);
      while (keep < count && holdsCommitted(s, m.committed, keep)) keep++;
      if (m.committedTerm[keep]! <= s.currentTerm) {
        const e = entryAt(s, keep + 1);
        delete m.held[s.id];
        m.blame = commitBlame(m, keep, s.id);
        return (
          `${s.id} (term ${s.currentTerm}) removed entry ${keep + 1} (${m.committed[keep]}), ` +
          `committed by term ${m.committedTerm[keep]}; it holds ${e === undefined ? 'nothing' : entryId(e)} there`
        );
      }
      count = keep;
    }
    // §7: a snapshot holds the committed prefix it covers.
    if (count < offset) count = Math.min(offset, m.committed.length);
    const last = lastLogIndex(s);
    while (count < m.committed.length && count < last && holdsCommitted(s, m.committed, count))
      count++;
    if (count > 0) {
      const lastHeld = entryAt(s, count) ?? null;
      // Unchanged (most events): no new record.
      if (before === undefined || before.count !== count || before.last !== lastHeld)
        m.held[s.id] = { count, last: lastHeld };
    } else if (before !== undefined) delete m.held[s.id];
    return null;
  },
  blame: blameOf,
};
