/**
 * The five safety properties of Figure 3, checked after every simulator event. Each check is
 * incremental: it looks only at the node the event touched (events that touch none changed no
 * protocol state) and keeps a small plain-data memory between events.
 *
 * An entry is identified by its term and its command's client+seq ("3/c1#7", "3/noop"):
 * client+seq names one client operation, and a leader creates one entry per term and index.
 *
 * With log compaction (§7) a log holds only the entries after its snapshot: the checks
 * compare indexes a log still holds, and treat a snapshot as what it is — the committed
 * prefix up to lastIncludedIndex, applied. A server takes its snapshot an event after the
 * apply that made it due (snapshot.ts), so every committed entry has been seen in some log.
 *
 * Election Safety, Leader Append-Only and Log Matching are here; the checks of committed and
 * applied entries are in invariantsCommit.ts, what they share in invariantsCore.ts.
 */
import type { Blame, InvariantChecker, NodeId } from '../../types';
import { blameOf, entryId, touchedState } from './invariantsCore';
import {
  commitWithinLog,
  committedKept,
  leaderCompleteness,
  stateMachineSafety,
} from './invariantsCommit';
import { entryAt, lastLogIndex, snapshotIndex, termAt } from './log';
import type { LogEntry, RaftState } from './types';

export { entryId } from './invariantsCore';
export { commitWithinLog, committedKept, leaderCompleteness, stateMachineSafety };

interface ElectionMemory {
  leaderOfTerm: Record<number, NodeId>;
  /** The event at which each term's first leader was seen (its election). */
  electedAt: Record<number, number>;
  blame: Blame | null;
}

/** §5.2 Election Safety: at most one leader can be elected in a given term. */
export const electionSafety: InvariantChecker<RaftState, unknown> = {
  name: 'Election Safety',
  touchedOnly: true,
  initialMemory: (): ElectionMemory => ({ leaderOfTerm: {}, electedAt: {}, blame: null }),
  check(view, memory) {
    const s = touchedState(view);
    if (s === null) return null;
    const m = memory as ElectionMemory;
    // A blame left by an earlier problem is not this one's.
    if (m.blame) m.blame = null;
    if (s.role !== 'leader') return null;
    const known = m.leaderOfTerm[s.currentTerm];
    if (known === undefined) {
      m.leaderOfTerm[s.currentTerm] = s.id;
      m.electedAt[s.currentTerm] = view.eventId;
      return null;
    }
    if (known === s.id) return null;
    // The two elections: the first leader's, and this one.
    m.blame = { related: [m.electedAt[s.currentTerm] ?? view.eventId], nodes: [known, s.id] };
    return `${known} and ${s.id} were both leader in term ${s.currentTerm}`;
  },
  blame: blameOf,
};

interface AppendOnlyMemory {
  leaders: Record<NodeId, { term: number; length: number; last: LogEntry | null }>;
}

/**
 * §5.3 Leader Append-Only: a leader never overwrites or deletes entries in its log; it only
 * appends. While a node leads a term we remember its log length and last entry, and check
 * that the entry is still where it was.
 */
export const leaderAppendOnly: InvariantChecker<RaftState, unknown> = {
  name: 'Leader Append-Only',
  touchedOnly: true,
  initialMemory: (): AppendOnlyMemory => ({ leaders: {} }),
  check(view, memory) {
    const s = touchedState(view);
    if (s === null) return null;
    const m = memory as AppendOnlyMemory;
    if (s.role !== 'leader') {
      if (m.leaders[s.id] !== undefined) delete m.leaders[s.id];
      return null;
    }
    const before = m.leaders[s.id];
    const length = lastLogIndex(s);
    // §7: an entry the leader compacted into its own snapshot was applied, not overwritten.
    if (before !== undefined && before.term === s.currentTerm && before.length > snapshotIndex(s)) {
      const was = entryAt(s, before.length);
      // Entries are immutable and shared, so "still there" is "the same object".
      if (was !== before.last) {
        return (
          `leader ${s.id} of term ${s.currentTerm} changed its log: entry ${before.length} was ` +
          `${before.last === null ? 'nothing' : entryId(before.last)}, now ${was === undefined ? 'gone' : entryId(was)}`
        );
      }
    }
    if (before !== undefined && before.term === s.currentTerm && before.length === length) {
      return null;
    }
    const last = entryAt(s, length);
    m.leaders[s.id] = { term: s.currentTerm, length, last: last ?? null };
    return null;
  },
};

interface LogMatchingMemory {
  /** Per index (0-based): "|<entryId><<prevTerm>|…", one variant per term seen there. */
  known: string[];
  /** Per node: the entries of its log when last checked (entries are immutable). */
  mirror: Record<NodeId, LogEntry[]>;
  /** Per node: the index before its mirror's first entry (its snapshot's, §7). */
  mirrorFrom: Record<NodeId, number>;
}

/**
 * §5.3 Log Matching: if two logs contain an entry with the same index and term, the logs are
 * identical in all entries up through that index. Equivalently (by induction on the index):
 * every (index, term) ever seen in any log names one entry and one previous term. We keep
 * that table, plus a mirror of each node's log to find the part that changed.
 *
 * Memory is arrays of strings and shared entry objects, not a dictionary keyed by index:
 * it is copied into every history keyframe, and arrays copy an order of magnitude faster.
 */
export const logMatching: InvariantChecker<RaftState, unknown> = {
  name: 'Log Matching',
  touchedOnly: true,
  initialMemory: (): LogMatchingMemory => ({ known: [], mirror: {}, mirrorFrom: {} }),
  check(view, memory) {
    const s = touchedState(view);
    if (s === null) return null;
    const m = memory as LogMatchingMemory;
    const mirror = (m.mirror[s.id] ??= []);
    const log = s.log;
    const n = log.length;
    const offset = snapshotIndex(s);
    const was = m.mirrorFrom[s.id] ?? 0;
    if (was === offset && n === mirror.length && log[n - 1] === mirror[n - 1]) return null;
    if (was !== offset) {
      // §7: a snapshot replaced a prefix; what it covers was checked when it was logged.
      const drop = offset - was;
      if (drop > 0 && drop < mirror.length) mirror.splice(0, drop);
      else mirror.length = 0;
      m.mirrorFrom[s.id] = offset;
    }
    // Entries still identical to the mirror (scanning back from the end of the common part)
    // are unchanged; everything after them is checked.
    let from = Math.min(n, mirror.length);
    while (from > 0 && log[from - 1] !== mirror[from - 1]) from--;
    mirror.length = from;
    for (let i = from; i < n; i++) {
      const e = log[i]!;
      const id = entryId(e);
      const k = offset + i; // the entry's index, less one
      const prevTerm = i === 0 ? termAt(s, offset) : log[i - 1]!.term;
      const value = `${id}<${prevTerm}`;
      const slot = m.known[k] ?? '|';
      const at = slot.indexOf(`|${e.term}/`);
      if (at < 0) m.known[k] = `${slot}${value}|`;
      else {
        const seen = slot.slice(at + 1, slot.indexOf('|', at + 1));
        if (seen !== value) {
          return (
            `${s.id} holds ${id} after a term-${prevTerm} entry at index ${k + 1}, but another ` +
            `log holds ${seen.replace('<', ' after a term-')} entry there`
          );
        }
      }
      mirror.push(e);
    }
    return null;
  },
};

export const raftCheckers: InvariantChecker<RaftState, unknown>[] = [
  electionSafety,
  leaderAppendOnly,
  logMatching,
  leaderCompleteness,
  stateMachineSafety,
  commitWithinLog,
  committedKept,
];
