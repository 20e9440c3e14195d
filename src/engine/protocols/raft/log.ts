/**
 * Small readers over a Raft log, with the paper's 1-based global indexes (Figure 2: "first
 * index is 1"). Index 0 is the empty prefix, whose term is 0. With log compaction (§7) the
 * entries up to the snapshot's lastIncludedIndex are gone and `log[0]` is the entry after
 * it: every index goes through these helpers, so the rest of the code never sees the offset.
 */
import { describeKvCommand } from '../../kv/stateMachine';
import type { LogEntry, RaftCommand, RaftPersistent } from './types';

type LogHolder = Pick<RaftPersistent, 'log' | 'snapshot'>;

/** The last index the snapshot covers (0 without one): the log's offset. */
export function snapshotIndex(s: LogHolder): number {
  return s.snapshot === null ? 0 : s.snapshot.lastIncludedIndex;
}

/** The first index still held as a log entry. */
export function firstLogIndex(s: LogHolder): number {
  return snapshotIndex(s) + 1;
}

export function lastLogIndex(s: LogHolder): number {
  return snapshotIndex(s) + s.log.length;
}

export function lastLogTerm(s: LogHolder): number {
  if (s.log.length > 0) return s.log[s.log.length - 1]!.term;
  return s.snapshot === null ? 0 : s.snapshot.lastIncludedTerm;
}

/**
 * Term of the entry at `index`; 0 for index 0, the snapshot's lastIncludedTerm at its
 * lastIncludedIndex; -1 when the log has no such entry (past its end, or compacted).
 */
export function termAt(s: LogHolder, index: number): number {
  const offset = snapshotIndex(s);
  if (index > offset) return s.log[index - 1 - offset]?.term ?? -1;
  if (index === offset) return s.snapshot === null ? 0 : s.snapshot.lastIncludedTerm;
  return -1;
}

/** The entry at `index`, or undefined when it is past the end or compacted into the snapshot. */
export function entryAt(s: LogHolder, index: number): LogEntry | undefined {
  const offset = snapshotIndex(s);
  return index > offset ? s.log[index - 1 - offset] : undefined;
}

/** Deletes the entries after `index` (Figure 2, AppendEntries step 3). */
export function truncateAfter(s: LogHolder, index: number): void {
  s.log.length = Math.max(0, index - snapshotIndex(s));
}

/**
 * §5.4.1, the election restriction: a candidate's log is at least as up-to-date as ours when
 * its last term is higher, or the last terms are equal and its log is at least as long.
 */
export function isAtLeastAsUpToDate(s: LogHolder, lastIndex: number, lastTerm: number): boolean {
  const myTerm = lastLogTerm(s);
  return lastTerm > myTerm || (lastTerm === myTerm && lastIndex >= lastLogIndex(s));
}

export function copyCommand(c: RaftCommand): RaftCommand {
  return { client: c.client, seq: c.seq, op: { ...c.op } };
}

/** Makes an entry immutable, command and op included: from here on it is shared, never copied. */
export function freezeEntry(e: LogEntry): LogEntry {
  if (e.command !== null) {
    Object.freeze(e.command.op);
    Object.freeze(e.command);
  }
  return Object.freeze(e);
}

/** A command in words, as every log-based protocol spells it. */
export const describeCommand: (c: RaftCommand | null) => string = describeKvCommand;
