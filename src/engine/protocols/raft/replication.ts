/**
 * Log replication (§5.3) and commitment (§5.4.2): AppendEntries and its reply, nextIndex
 * back-off, matchIndex, and the leader's commit rule.
 */
import type { NodeId, ProtocolContext } from '../../types';
import {
  copyCommand,
  entryAt,
  freezeEntry,
  lastLogIndex,
  snapshotIndex,
  termAt,
  truncateAfter,
} from './log';
import { sendInstallSnapshot } from './snapshot';
import { markActive } from './checkQuorum';
import { followLogConfiguration, stepDownIfRemoved } from './membershipLog';
import { transferProgress } from './transfer';
import { localNow, onRoundAck, startRound } from './reads';
import { mutated } from './mutants';
import { becomeFollower, isMajority } from './roles';
import { applyCommittedEntries } from './stateMachine';
import { HEARTBEAT_TIMER, resetElectionTimer, setLocalTimer } from './timers';
import type {
  AppendEntries,
  AppendEntriesReply,
  LogEntry,
  RaftCommand,
  RaftMessage,
  RaftState,
} from './types';

type Ctx = ProtocolContext<RaftMessage>;

/** A heartbeat's entries. Frozen: a message's entries are never changed, only read. */
const NO_ENTRIES = Object.freeze([]) as unknown as LogEntry[];

/**
 * The leader appends an entry of its current term (Leader Append-Only: it never rewrites).
 * Entries are frozen at birth: messages, followers' logs, persisted logs and history
 * keyframes then share one object per entry instead of copying it at every hop.
 */
export function appendToLeaderLog(state: RaftState, command: RaftCommand | null): number {
  state.log.push(
    freezeEntry({
      term: state.currentTerm,
      command: command === null ? null : copyCommand(command),
    }),
  );
  return lastLogIndex(state);
}

/**
 * Sends one peer the entries from its nextIndex on (at most `maxEntriesPerMessage`), with the
 * entry just before them for the consistency check. With nothing to send it is a heartbeat.
 */
export function sendAppendEntries(state: RaftState, peer: NodeId, ctx: Ctx): void {
  const last = lastLogIndex(state);
  const next = Math.min(Math.max(state.nextIndex[peer] ?? last + 1, 1), last + 1);
  // §7: the entries this follower needs next are compacted away: it gets the snapshot.
  if (state.snapshot !== null && next <= state.snapshot.lastIncludedIndex) {
    sendInstallSnapshot(state, peer, state.snapshot, ctx);
    return;
  }
  const prevLogIndex = next - 1;
  const upTo = Math.min(last, prevLogIndex + state.config.maxEntriesPerMessage);
  // Entries prevLogIndex+1…upTo, all held (past the snapshot, checked above); a heartbeat
  // shares one frozen empty list.
  const offset = snapshotIndex(state);
  const entries =
    upTo > prevLogIndex ? state.log.slice(prevLogIndex - offset, upTo - offset) : NO_ENTRIES;
  const msg: AppendEntries = {
    type: 'AppendEntries',
    term: state.currentTerm,
    leaderId: state.id,
    prevLogIndex,
    prevLogTerm: termAt(state, prevLogIndex),
    entries,
    leaderCommit: state.commitIndex,
  };
  if (state.round > 0) msg.round = state.round;
  ctx.send(peer, msg);
}

export function broadcastAppendEntries(state: RaftState, ctx: Ctx): void {
  for (const peer of state.peers) sendAppendEntries(state, peer, ctx);
}

/** §5.2: the leader's heartbeat, which also carries whatever each follower still lacks. */
export function sendHeartbeats(state: RaftState, ctx: Ctx): void {
  if (state.role !== 'leader') return;
  // Each heartbeat is a round: its acknowledgements confirm reads and renew the lease (§6.4).
  startRound(state, ctx);
  broadcastAppendEntries(state, ctx);
  setLocalTimer(state, ctx, HEARTBEAT_TIMER, state.config.heartbeatInterval);
}

function reply(
  state: RaftState,
  to: NodeId,
  ctx: Ctx,
  round: number | undefined,
  success: boolean,
  matchIndex: number,
  conflictTerm: number | null,
  conflictIndex: number,
): void {
  // Positional fields: no options object per reply (one is sent for every AppendEntries).
  const msg: AppendEntriesReply = {
    type: 'AppendEntriesReply',
    term: state.currentTerm,
    success,
    matchIndex,
    conflictTerm,
    conflictIndex,
  };
  // The leader's round, echoed: this reply acknowledges its leadership as of that round.
  if (round !== undefined) msg.round = round;
  ctx.send(to, msg);
}

/**
 * A request from the leader of the receiver's current term (AppendEntries, InstallSnapshot):
 * a candidate steps back (§5.2; a higher term was already adopted in step.ts), the leader is
 * noted and the election timer restarts. False when the receiver leads this term itself: two
 * leaders in one term break Election Safety (never seen; the checker reports it).
 */
export function heardFromLeader(
  state: RaftState,
  from: NodeId,
  term: number,
  what: string,
  ctx: ProtocolContext<RaftMessage>,
): boolean {
  if (state.role === 'leader' && term === state.currentTerm) {
    ctx.note(`ignores ${what} from ${from}, another leader of term ${term}`);
    return false;
  }
  if (state.role === 'candidate' || state.role === 'pre-candidate') {
    becomeFollower(state, term, from, ctx);
  }
  state.leaderId = from;
  state.leaderContactAt = localNow(state, ctx);
  resetElectionTimer(state, ctx);
  return true;
}

/**
 * AppendEntries receiver (Figure 2, §5.3):
 * 1. reject a stale term;
 * 2. reject when the log has no entry at prevLogIndex whose term is prevLogTerm;
 * 3. delete an existing entry that conflicts with a new one (same index, other term) and all
 *    that follow it — never an entry that agrees, so a stale or duplicated message cannot
 *    shorten the log;
 * 4. append the entries not already in the log;
 * 5. commitIndex = min(leaderCommit, index of the last new entry).
 */
export function handleAppendEntriesRequest(
  state: RaftState,
  from: NodeId,
  req: AppendEntries,
  ctx: Ctx,
): void {
  if (req.term < state.currentTerm) {
    reply(state, from, ctx, req.round, false, 0, null, 0);
    return;
  }
  if (!heardFromLeader(state, from, req.term, 'AppendEntries', ctx)) return;

  const last = lastLogIndex(state);
  if (req.prevLogIndex > last) {
    // Our log is too short: the leader can jump straight past our last entry.
    reply(state, from, ctx, req.round, false, 0, null, last + 1);
    return;
  }
  // §7: entries up to our snapshot are committed, so the leader holds them too (Leader
  // Completeness): below it there is nothing to check, and entries sent again are skipped.
  const offset = snapshotIndex(state);
  const localPrevTerm = termAt(state, req.prevLogIndex);
  if (req.prevLogIndex >= offset && localPrevTerm !== req.prevLogTerm) {
    // Fast back-off hint: the conflicting term and the first index we hold of it.
    let first = req.prevLogIndex;
    while (first > 1 && termAt(state, first - 1) === localPrevTerm) first--;
    reply(state, from, ctx, req.round, false, 0, localPrevTerm, first);
    return;
  }

  let changedFrom = 0;
  for (let k = 0; k < req.entries.length; k++) {
    const index = req.prevLogIndex + 1 + k;
    const entry = req.entries[k]!;
    if (index <= offset) continue;
    const held = entryAt(state, index);
    if (held !== undefined) {
      if (held.term === entry.term) continue;
      // Mutant `no-log-truncation`: the conflicting entry stays (and success is reported).
      if (mutated(state.config, 'no-log-truncation')) continue;
      ctx.note(
        `discards entries ${index}…${lastLogIndex(state)}, which conflict with ${from}'s log`,
      );
      truncateAfter(state, index - 1);
    }
    if (changedFrom === 0) changedFrom = index;
    state.log.push(entry);
  }
  // §4.1: a configuration entry is in force from the moment it is in the log (or out of it).
  if (changedFrom > 0) followLogConfiguration(state, changedFrom);
  const lastNewEntry = req.prevLogIndex + req.entries.length;
  if (req.leaderCommit > state.commitIndex) {
    const commit = Math.min(req.leaderCommit, lastNewEntry);
    if (commit > state.commitIndex) {
      state.commitIndex = commit;
      applyCommittedEntries(state, ctx);
    }
  }
  reply(state, from, ctx, req.round, true, lastNewEntry, null, 0);
}

/**
 * The leader's side of §5.3: on success advance matchIndex/nextIndex (never backwards: replies
 * may arrive reordered or twice) and try to commit; on failure back nextIndex off — one entry
 * at a time, or past the whole conflicting term with the fast back-off — and retry at once.
 */
export function handleAppendEntriesReply(
  state: RaftState,
  from: NodeId,
  rep: AppendEntriesReply,
  ctx: Ctx,
): void {
  if (state.role !== 'leader' || rep.term !== state.currentTerm) return;
  markActive(state, from);
  if (rep.round !== undefined) onRoundAck(state, from, rep.round, ctx);
  if (state.role !== 'leader') return;
  const last = lastLogIndex(state);
  // Each lookup by peer id is a hash lookup: read each table once, and write only a change
  // (or a peer not in the table yet). Most replies answer a heartbeat and change nothing.
  const heldMatch = state.matchIndex[from];
  const heldNext = state.nextIndex[from];
  const match = heldMatch ?? 0;
  const next = heldNext ?? last + 1;
  if (rep.success) {
    const newMatch = Math.max(match, Math.min(rep.matchIndex, last));
    const newNext = Math.max(next, newMatch + 1);
    if (heldMatch !== newMatch) state.matchIndex[from] = newMatch;
    if (heldNext !== newNext) state.nextIndex[from] = newNext;
    // Nothing new matched: the commit index cannot move (it moved, if it could, at the reply
    // that raised a matchIndex, or when the leader's own log grew — advanced there).
    if (newMatch > match) advanceCommitIndex(state, ctx);
    if (newNext <= last && newMatch > match) sendAppendEntries(state, from, ctx);
    // A leadership transfer goes on once its target's log matches (§3.10).
    transferProgress(state, from, ctx);
    return;
  }
  let target = next - 1;
  if (state.config.fastBackoff) {
    target = rep.conflictIndex;
    if (rep.conflictTerm !== null) {
      // Our last entry of the follower's conflicting term, if we have that term at all.
      for (let i = Math.min(last, next - 1); i >= 1; i--) {
        const t = termAt(state, i);
        if (t === rep.conflictTerm) {
          target = i + 1;
          break;
        }
        if (t < rep.conflictTerm) break;
      }
    }
  }
  const newNext = Math.max(match + 1, Math.min(next, target), 1);
  if (newNext === next && target >= next) return; // A stale reply: nothing learned.
  state.nextIndex[from] = newNext;
  sendAppendEntries(state, from, ctx);
}

/**
 * §5.3/§5.4.2: commitIndex = the highest N with a majority of matchIndex ≥ N and
 * log[N].term == currentTerm. Entries of earlier terms are never committed by counting
 * replicas (Figure 8); they commit indirectly, below an entry of the current term.
 */
export function advanceCommitIndex(state: RaftState, ctx: Ctx): void {
  if (state.role !== 'leader') return;
  // Mutant `commit-previous-term-by-count`: older-term entries commit by counting too.
  const byCount = mutated(state.config, 'commit-previous-term-by-count');
  for (let n = lastLogIndex(state); n > state.commitIndex; n--) {
    // Terms never decrease along a log: below the first older-term entry nothing qualifies.
    if (termAt(state, n) !== state.currentTerm && !byCount) break;
    let replicas = 1;
    for (const peer of state.peers) if ((state.matchIndex[peer] ?? 0) >= n) replicas++;
    if (isMajority(state, replicas)) {
      state.commitIndex = n;
      applyCommittedEntries(state, ctx);
      // §4.2.2: a leader whose removal just committed steps down.
      stepDownIfRemoved(state, ctx);
      return;
    }
  }
}
