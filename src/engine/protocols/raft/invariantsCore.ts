/**
 * What the Raft checkers (invariants.ts, invariantsCommit.ts) share: how an entry is named,
 * the node an event touched, and the record of committed entries with when and by whom each
 * was first seen committed.
 *
 * Every checker has its own `check` function, not a closure from one shared factory: a closure
 * shares its code (and the engine's type feedback) with its siblings, so with eight checkers
 * every call and every memory read in it saw eight shapes, which cost more than the checks.
 */
import type { Blame, CheckView, NodeId } from '../../types';
import { entryAt, lastLogIndex } from './log';
import type { LogEntry, RaftState } from './types';

/**
 * Names of frozen entries, made once: an entry is named by every checker at every node that
 * holds it, and a frozen entry (every entry the protocol makes, log.ts) never changes.
 */
const names = new WeakMap<LogEntry, string>();

export function entryId(e: LogEntry): string {
  const known = names.get(e);
  if (known !== undefined) return known;
  // A configuration entry (§4.1) is named by its members: it is no no-op.
  const id =
    e.config !== undefined
      ? `${e.term}/config:${e.config.join(',')}`
      : e.command === null
        ? `${e.term}/noop`
        : `${e.term}/${e.command.client}#${e.command.seq}`;
  if (Object.isFrozen(e)) names.set(e, id);
  return id;
}

/**
 * A committed or applied index whose entry no check saw before it was compacted: matches
 * anything. Never expected (see invariants.ts); kept so that a gap cannot shift indexes.
 */
export const UNKNOWN = '?';

/**
 * The state of the node the event touched when it is up, else null: only that node's protocol
 * state changed (an event that touches none changed no protocol state).
 */
export function touchedState(view: CheckView<RaftState>): RaftState | null {
  const id = view.touched;
  if (id === null) return null;
  const nodes = view.nodes;
  const at = view.touchedIndex;
  if (at !== undefined) {
    const n = nodes[at];
    return n === undefined || !n.up ? null : n.state;
  }
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.id === id) return n.up ? n.state : null;
  }
  return null;
}

/** The blame a checker's memory keeps (`blame`: set with a problem, cleared at each check). */
export interface Blamed {
  blame: Blame | null;
}

export function blameOf(memory: unknown): Blame | null {
  return (memory as Blamed).blame ?? null;
}

/** Records the entries `s`'s commitIndex newly covers, with its term (see the users). */
export function recordCommitted(
  s: RaftState,
  m: { committed: string[]; committedTerm: number[] },
): void {
  const committed = m.committed;
  if (committed.length >= s.commitIndex) return;
  const last = lastLogIndex(s);
  for (let i = committed.length; i < s.commitIndex && i < last; i++) {
    const e = entryAt(s, i + 1);
    committed.push(e === undefined ? UNKNOWN : entryId(e));
    m.committedTerm.push(s.currentTerm);
  }
}

/** When, and by whom, each entry `recordCommitted` recorded was first seen committed. */
export interface CommitEvents {
  committed: string[];
  committedAt: number[];
  committedBy: NodeId[];
}

export function noteCommitEvents(s: RaftState, m: CommitEvents, eventId: number): void {
  while (m.committedAt.length < m.committed.length) {
    m.committedAt.push(eventId);
    m.committedBy.push(s.id);
  }
}

/** The commit of committed entry `i` (0-based) and the leader that lacks or drops it. */
export function commitBlame(m: CommitEvents, i: number, node: NodeId): Blame {
  const at = m.committedAt[i];
  const by = m.committedBy[i];
  return { related: at === undefined ? [] : [at], nodes: by === undefined ? [node] : [by, node] };
}
