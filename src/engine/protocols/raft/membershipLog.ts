/**
 * The configuration in force at a server (dissertation §4.1): "a server always uses the
 * latest configuration in its log, regardless of whether the entry is committed". A
 * configuration entry takes effect the moment it is appended and stops the moment it is
 * truncated away; before the log's first configuration entry the bootstrap one holds (the
 * initial cluster, or none at all for a server that joined at run time).
 *
 * The state caches it (`members`, `configIndex`, and `peers` = members but self) so quorum
 * counting stays O(1); every log change calls followLogConfiguration with the first index it
 * touched, which looks only at the entries from there on.
 */
import type { NodeId, ProtocolContext } from '../../types';
import { describeCommand, entryAt, firstLogIndex, lastLogIndex } from './log';
import { becomeFollower } from './roles';
import type { LogEntry, RaftMessage, RaftPersistent, RaftState } from './types';

type Ctx = ProtocolContext<RaftMessage>;

/** Server ids in their natural order (S2 before S10). */
export function byServerId(a: NodeId, b: NodeId): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** An entry's content in words: a configuration, a no-op or a client command. */
export function describeEntry(e: LogEntry): string {
  return e.config !== undefined ? `config {${e.config.join(', ')}}` : describeCommand(e.command);
}

/** The configuration before the log's first entry (see RaftPersistent.bootstrap). */
export function bootstrapOf(p: RaftPersistent, self: NodeId, peers: readonly NodeId[]): NodeId[] {
  return p.bootstrap === undefined ? [self, ...peers] : [...p.bootstrap];
}

/** The latest configuration entry of a log at or below `upTo`: its index and members. */
export function latestConfiguration(
  p: RaftPersistent,
  upTo: number,
  bootstrap: readonly NodeId[],
): { index: number; members: NodeId[] } {
  const first = firstLogIndex(p);
  for (let i = Math.min(upTo, lastLogIndex(p)); i >= first; i--) {
    const e = entryAt(p, i);
    if (e?.config !== undefined) return { index: i, members: [...e.config] };
  }
  return { index: 0, members: [...bootstrap] };
}

/** Whether the server is a voting member of the configuration in force. */
export function isVoter(state: RaftState): boolean {
  return state.members.includes(state.id);
}

/** Makes `members` (held at log index `index`) the configuration in force at `state`. */
export function adoptConfiguration(
  state: RaftState,
  index: number,
  members: readonly NodeId[],
): void {
  const before = state.peers;
  state.members = [...members];
  state.configIndex = index;
  state.peers = members.filter((id) => id !== state.id);
  if (state.role !== 'leader') return;
  // A leader starts replicating to a server new to it from the beginning (its log is empty)
  // and forgets the progress of servers that left.
  for (const peer of state.peers) {
    if (before.includes(peer)) continue;
    state.nextIndex[peer] = 1;
    state.matchIndex[peer] = 0;
  }
  for (const peer of before) {
    if (state.peers.includes(peer)) continue;
    delete state.nextIndex[peer];
    delete state.matchIndex[peer];
  }
}

/**
 * The log changed from index `from` on (entries appended, or truncated and appended): the
 * configuration in force follows — the newest configuration entry among the new ones, or, if
 * the one in force was truncated away, the newest still in the log.
 */
export function followLogConfiguration(state: RaftState, from: number): void {
  const last = lastLogIndex(state);
  if (state.configIndex >= from) {
    // Live states always carry their bootstrap (raft.ts freshState).
    const c = latestConfiguration(state, last, state.bootstrap ?? []);
    adoptConfiguration(state, c.index, c.members);
    return;
  }
  for (let i = last; i >= from; i--) {
    const e: LogEntry | undefined = entryAt(state, i);
    if (e?.config !== undefined) {
      adoptConfiguration(state, i, e.config);
      return;
    }
  }
}

/**
 * §4.2.2: a leader that removed itself manages the cluster until the entry removing it is
 * committed (without counting itself in majorities), then steps down; outside the
 * configuration it starts no election (raft.ts), so a member takes over at its timeout.
 */
export function stepDownIfRemoved(state: RaftState, ctx: Ctx): void {
  if (state.role !== 'leader' || isVoter(state) || state.commitIndex < state.configIndex) return;
  ctx.note(`steps down: the configuration without it is committed (entry ${state.configIndex})`);
  becomeFollower(state, state.currentTerm, null, ctx);
}
