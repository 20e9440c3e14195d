/**
 * Small readers over a Raft log, with the paper's 1-based indexes (Figure 2: "first index
 * is 1"). Index 0 is the empty prefix, whose term is 0.
 */
import { describeKvCommand } from '../../kv/stateMachine';
import type { LogEntry, RaftCommand, RaftPersistent } from './types';

export function lastLogIndex(s: RaftPersistent): number {
  return s.log.length;
}

export function lastLogTerm(s: RaftPersistent): number {
  return s.log.length === 0 ? 0 : s.log[s.log.length - 1]!.term;
}

/** Term of the entry at `index`; 0 for index 0; -1 when the log has no such entry. */
export function termAt(s: RaftPersistent, index: number): number {
  if (index === 0) return 0;
  return s.log[index - 1]?.term ?? -1;
}

/**
 * §5.4.1, the election restriction: a candidate's log is at least as up-to-date as ours when
 * its last term is higher, or the last terms are equal and its log is at least as long.
 */
export function isAtLeastAsUpToDate(
  s: RaftPersistent,
  lastIndex: number,
  lastTerm: number,
): boolean {
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
