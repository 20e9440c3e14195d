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
 */
import type { Blame, InvariantChecker, NodeId } from '../../types';
import { entryAt, lastLogIndex, snapshotIndex, termAt } from './log';
import type { LogEntry, RaftState } from './types';

export function entryId(e: LogEntry): string {
  // A configuration entry (§4.1) is named by its members: it is no no-op.
  if (e.config !== undefined) return `${e.term}/config:${e.config.join(',')}`;
  return e.command === null ? `${e.term}/noop` : `${e.term}/${e.command.client}#${e.command.seq}`;
}

/**
 * A committed or applied index whose entry no check saw before it was compacted: matches
 * anything. Never expected (see the module comment); kept so that a gap cannot shift indexes.
 */
const UNKNOWN = '?';

/** Records the entries `s`'s commitIndex newly covers, with its term (see the users). */
function recordCommitted(s: RaftState, m: { committed: string[]; committedTerm: number[] }): void {
  const last = lastLogIndex(s);
  for (let i = m.committed.length; i < s.commitIndex && i < last; i++) {
    const e = entryAt(s, i + 1);
    m.committed.push(e === undefined ? UNKNOWN : entryId(e));
    m.committedTerm.push(s.currentTerm);
  }
}

/**
 * A checker's memory may keep `blame`: set with a problem, the earlier events (ids from the
 * check view) and the nodes behind it, which the violation report carries.
 */
interface Blamed {
  blame?: Blame | null;
}

/** When, and by whom, each entry `recordCommitted` recorded was first seen committed. */
interface CommitEvents {
  committed: string[];
  committedAt: number[];
  committedBy: NodeId[];
}

function noteCommitEvents(s: RaftState, m: CommitEvents, eventId: number): void {
  while (m.committedAt.length < m.committed.length) {
    m.committedAt.push(eventId);
    m.committedBy.push(s.id);
  }
}

/** The commit of committed entry `i` (0-based) and the leader that lacks or drops it. */
function commitBlame(m: CommitEvents, i: number, node: NodeId): Blame {
  const at = m.committedAt[i];
  const by = m.committedBy[i];
  return { related: at === undefined ? [] : [at], nodes: by === undefined ? [node] : [by, node] };
}

function checker<K extends object>(
  name: string,
  initialMemory: () => K,
  checkNode: (s: RaftState, memory: K, eventId: number) => string | null,
): InvariantChecker<RaftState, unknown> {
  return {
    name,
    initialMemory,
    check(view, memory) {
      // Only the node the event touched: no other protocol state changed.
      if (view.touched === null) return null;
      for (const n of view.nodes) {
        if (n.state === null || !n.up || view.touched !== n.id) continue;
        // A blame left by an earlier problem is not this one's.
        if ((memory as Blamed).blame) (memory as Blamed).blame = null;
        return checkNode(n.state, memory as K, view.eventId);
      }
      return null;
    },
    blame: (memory) => (memory as Blamed).blame ?? null,
  };
}

/** §5.2 Election Safety: at most one leader can be elected in a given term. */
export const electionSafety = checker(
  'Election Safety',
  () => ({
    leaderOfTerm: {} as Record<number, NodeId>,
    /** The event at which each term's first leader was seen (its election). */
    electedAt: {} as Record<number, number>,
    blame: null as Blame | null,
  }),
  (s, m, eventId) => {
    if (s.role !== 'leader') return null;
    const known = m.leaderOfTerm[s.currentTerm];
    if (known === undefined) {
      m.leaderOfTerm[s.currentTerm] = s.id;
      m.electedAt[s.currentTerm] = eventId;
      return null;
    }
    if (known === s.id) return null;
    // The two elections: the first leader's, and this one.
    m.blame = { related: [m.electedAt[s.currentTerm] ?? eventId], nodes: [known, s.id] };
    return `${known} and ${s.id} were both leader in term ${s.currentTerm}`;
  },
);

/**
 * §5.3 Leader Append-Only: a leader never overwrites or deletes entries in its log; it only
 * appends. While a node leads a term we remember its log length and last entry, and check
 * that the entry is still where it was.
 */
export const leaderAppendOnly = checker(
  'Leader Append-Only',
  () => ({
    leaders: {} as Record<NodeId, { term: number; length: number; last: LogEntry | null }>,
  }),
  (s, m) => {
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
    m.leaders[s.id] = {
      term: s.currentTerm,
      length,
      last: last ?? null,
    };
    return null;
  },
);

/**
 * §5.3 Log Matching: if two logs contain an entry with the same index and term, the logs are
 * identical in all entries up through that index. Equivalently (by induction on the index):
 * every (index, term) ever seen in any log names one entry and one previous term. We keep
 * that table, plus a mirror of each node's log to find the part that changed.
 *
 * Memory is arrays of strings and shared entry objects, not a dictionary keyed by index:
 * it is copied into every history keyframe, and arrays copy an order of magnitude faster.
 */
export const logMatching = checker(
  'Log Matching',
  () => ({
    /** Per index (0-based): "|<entryId><<prevTerm>|…", one variant per term seen there. */
    known: [] as string[],
    /** Per node: the entries of its log when last checked (entries are immutable). */
    mirror: {} as Record<NodeId, LogEntry[]>,
    /** Per node: the index before its mirror's first entry (its snapshot's, §7). */
    mirrorFrom: {} as Record<NodeId, number>,
  }),
  (s, m) => {
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
);

/**
 * §5.4 Leader Completeness: an entry committed in a term is present in the logs of the
 * leaders of all higher terms. Committed entries are recorded when some node's commitIndex
 * first covers them, with that node's term (an upper bound on the term they committed in,
 * which keeps the check sound). A leader is checked against every entry recorded at or
 * below its term, each entry once per leader and term.
 */
export const leaderCompleteness = checker(
  'Leader Completeness',
  () => ({
    committed: [] as string[],
    committedTerm: [] as number[],
    checked: {} as Record<NodeId, { term: number; upTo: number }>,
    committedAt: [] as number[],
    committedBy: [] as NodeId[],
    blame: null as Blame | null,
  }),
  (s, m, eventId) => {
    recordCommitted(s, m);
    noteCommitEvents(s, m, eventId);
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
    c.upTo = m.committed.length;
    return null;
  },
);

/**
 * §5.4.3 State Machine Safety: if a server has applied a log entry at a given index, no
 * other server ever applies a different entry at that index. We keep the sequence of applied
 * entries and check each node's newly applied entries against it (from scratch after a
 * restart, when it replays its log).
 */
export const stateMachineSafety = checker(
  'State Machine Safety',
  () => ({
    applied: [] as string[],
    checked: {} as Record<NodeId, number>,
    /** Per index: the event and the server of the apply `applied` records. */
    appliedAt: [] as number[],
    appliedBy: [] as NodeId[],
    blame: null as Blame | null,
  }),
  (s, m, eventId) => {
    let from = Math.min(m.checked[s.id] ?? 0, s.lastApplied);
    // §7: up to its snapshot a server applied the snapshot, not entry by entry.
    from = Math.max(from, snapshotIndex(s));
    while (m.applied.length < from) m.applied.push(UNKNOWN);
    for (; from < s.lastApplied; from++) {
      const e = entryAt(s, from + 1);
      const id = e === undefined ? 'nothing' : entryId(e);
      if (from === m.applied.length || m.applied[from] === UNKNOWN) {
        m.applied[from] = id;
        m.appliedAt[from] = eventId;
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
    m.checked[s.id] = from;
    return null;
  },
);

/**
 * Figure 2's bound: commitIndex never passes the end of the node's own log (a node commits
 * only entries it holds).
 */
export const commitWithinLog = checker(
  'Commit Index Within Log',
  () => ({}),
  (s) =>
    s.commitIndex > lastLogIndex(s)
      ? `${s.id} has commitIndex ${s.commitIndex} but its log ends at index ${lastLogIndex(s)}`
      : null,
);

/** Whether `s` holds committed entry `k + 1` (0-based `k`) as a log entry. */
function holdsCommitted(s: RaftState, committed: readonly string[], k: number): boolean {
  const e = entryAt(s, k + 1);
  return e !== undefined && (committed[k] === UNKNOWN || entryId(e) === committed[k]);
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
export const committedKept = checker(
  'Committed Entries Kept',
  () => ({
    committed: [] as string[],
    committedTerm: [] as number[],
    /**
     * Per node: how many committed entries its log (or snapshot) has held, and the last of
     * them — null when the snapshot covers it (§7: a snapshot never goes back).
     */
    held: {} as Record<NodeId, { count: number; last: LogEntry | null }>,
    committedAt: [] as number[],
    committedBy: [] as NodeId[],
    blame: null as Blame | null,
  }),
  (s, m, eventId) => {
    recordCommitted(s, m);
    noteCommitEvents(s, m, eventId);
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
    if (count > 0) m.held[s.id] = { count, last: entryAt(s, count) ?? null };
    else delete m.held[s.id];
    return null;
  },
);

export const raftCheckers: InvariantChecker<RaftState, unknown>[] = [
  electionSafety,
  leaderAppendOnly,
  logMatching,
  leaderCompleteness,
  stateMachineSafety,
  commitWithinLog,
  committedKept,
];
