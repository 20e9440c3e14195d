/**
 * The five safety properties of Figure 3, checked after every simulator event. Each check is
 * incremental: it looks only at the node the event touched (events that touch none changed no
 * protocol state) and keeps a small plain-data memory between events.
 *
 * An entry is identified by its term and its command's client+seq ("3/c1#7", "3/noop"):
 * client+seq names one client operation, and a leader creates one entry per term and index.
 */
import type { InvariantChecker, NodeId } from '../../types';
import type { LogEntry, RaftState } from './types';

export function entryId(e: LogEntry): string {
  return e.command === null ? `${e.term}/noop` : `${e.term}/${e.command.client}#${e.command.seq}`;
}

function checker<K>(
  name: string,
  initialMemory: () => K,
  checkNode: (s: RaftState, memory: K) => string | null,
): InvariantChecker<RaftState, unknown> {
  return {
    name,
    initialMemory,
    check(view, memory) {
      // Only the node the event touched: no other protocol state changed.
      if (view.touched === null) return null;
      for (const n of view.nodes) {
        if (n.state === null || !n.up || view.touched !== n.id) continue;
        return checkNode(n.state, memory as K);
      }
      return null;
    },
  };
}

/** §5.2 Election Safety: at most one leader can be elected in a given term. */
export const electionSafety = checker(
  'Election Safety',
  () => ({ leaderOfTerm: {} as Record<number, NodeId> }),
  (s, m) => {
    if (s.role !== 'leader') return null;
    const known = m.leaderOfTerm[s.currentTerm];
    if (known === undefined) {
      m.leaderOfTerm[s.currentTerm] = s.id;
      return null;
    }
    return known === s.id ? null : `${known} and ${s.id} were both leader in term ${s.currentTerm}`;
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
    const length = s.log.length;
    if (before !== undefined && before.term === s.currentTerm && before.length > 0) {
      const was = s.log[before.length - 1];
      // Entries are immutable and shared, so "still there" is "the same object".
      if (was !== before.last) {
        return (
          `leader ${s.id} of term ${s.currentTerm} changed its log: entry ${before.length} was ` +
          `${before.last === null ? 'nothing' : entryId(before.last)}, now ${was === undefined ? 'gone' : entryId(was)}`
        );
      }
      if (before.length === length) return null;
    }
    const last = s.log[length - 1];
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
  }),
  (s, m) => {
    const mirror = (m.mirror[s.id] ??= []);
    const log = s.log;
    const n = log.length;
    if (n === mirror.length && log[n - 1] === mirror[n - 1]) return null;
    // Entries still identical to the mirror (scanning back from the end of the common part)
    // are unchanged; everything after them is checked.
    let from = Math.min(n, mirror.length);
    while (from > 0 && log[from - 1] !== mirror[from - 1]) from--;
    mirror.length = from;
    for (let i = from; i < n; i++) {
      const e = log[i]!;
      const id = entryId(e);
      const prevTerm = i === 0 ? 0 : log[i - 1]!.term;
      const value = `${id}<${prevTerm}`;
      const slot = m.known[i] ?? '|';
      const at = slot.indexOf(`|${e.term}/`);
      if (at < 0) m.known[i] = `${slot}${value}|`;
      else {
        const seen = slot.slice(at + 1, slot.indexOf('|', at + 1));
        if (seen !== value) {
          return (
            `${s.id} holds ${id} after a term-${prevTerm} entry at index ${i + 1}, but another ` +
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
  }),
  (s, m) => {
    for (let i = m.committed.length; i < s.commitIndex && i < s.log.length; i++) {
      m.committed.push(entryId(s.log[i]!));
      m.committedTerm.push(s.currentTerm);
    }
    if (s.role !== 'leader') return null;
    let c = m.checked[s.id];
    if (c === undefined || c.term !== s.currentTerm)
      c = m.checked[s.id] = { term: s.currentTerm, upTo: 0 };
    for (let i = c.upTo; i < m.committed.length; i++) {
      if (m.committedTerm[i]! > s.currentTerm) continue;
      const have = s.log[i];
      if (have === undefined || entryId(have) !== m.committed[i]) {
        c.upTo = i;
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
  () => ({ applied: [] as string[], checked: {} as Record<NodeId, number> }),
  (s, m) => {
    let from = Math.min(m.checked[s.id] ?? 0, s.lastApplied);
    for (; from < s.lastApplied; from++) {
      const e = s.log[from];
      const id = e === undefined ? 'nothing' : entryId(e);
      if (from === m.applied.length) m.applied.push(id);
      else if (m.applied[from] !== id) {
        m.checked[s.id] = from + 1;
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
    s.commitIndex > s.log.length
      ? `${s.id} has commitIndex ${s.commitIndex} but only ${s.log.length} entries`
      : null,
);

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
    /** Per node: how many committed entries its log has held, and the last of them. */
    held: {} as Record<NodeId, { count: number; last: LogEntry }>,
  }),
  (s, m) => {
    for (let i = m.committed.length; i < s.commitIndex && i < s.log.length; i++) {
      m.committed.push(entryId(s.log[i]!));
      m.committedTerm.push(s.currentTerm);
    }
    const before = m.held[s.id];
    let count = before?.count ?? 0;
    // Logs change only at their end and entries are immutable, shared objects: the prefix is
    // intact exactly when its last entry is still the same object (O(1) per event).
    if (before !== undefined && s.log[count - 1] !== before.last) {
      let keep = 0;
      while (
        keep < count &&
        s.log[keep] !== undefined &&
        entryId(s.log[keep]!) === m.committed[keep]
      ) {
        keep++;
      }
      if (m.committedTerm[keep]! <= s.currentTerm) {
        const e = s.log[keep];
        delete m.held[s.id];
        return (
          `${s.id} (term ${s.currentTerm}) removed entry ${keep + 1} (${m.committed[keep]}), ` +
          `committed by term ${m.committedTerm[keep]}; it holds ${e === undefined ? 'nothing' : entryId(e)} there`
        );
      }
      count = keep;
    }
    while (
      count < m.committed.length &&
      count < s.log.length &&
      entryId(s.log[count]!) === m.committed[count]
    ) {
      count++;
    }
    if (count > 0) m.held[s.id] = { count, last: s.log[count - 1]! };
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
