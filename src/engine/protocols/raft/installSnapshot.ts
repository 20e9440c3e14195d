/**
 * InstallSnapshot (§7, Figure 13): a leader whose log no longer holds the entries a follower
 * needs — its nextIndex is at or below the leader's snapshot — sends its snapshot instead.
 * The whole snapshot travels in one message: the lab's messages have no size limit, so
 * Figure 13's chunking (offset, data[] and done) is left out.
 */
import type { NodeId, ProtocolContext } from '../../types';
import { markActive } from './checkQuorum';
import { lastLogIndex, snapshotIndex, termAt } from './log';
import { advanceCommitIndex, heardFromLeader, sendAppendEntries } from './replication';
import { adoptSnapshotConfiguration, restoreStateMachine } from './snapshot';
import { transferProgress } from './transfer';
import type { InstallSnapshot, InstallSnapshotReply, RaftMessage, RaftState } from './types';

type Ctx = ProtocolContext<RaftMessage>;

/**
 * InstallSnapshot receiver (Figure 13):
 * 1. reply immediately if term < currentTerm;
 * 5. save the snapshot, discarding any existing one with a smaller index — one the server
 *    already holds at or past lastIncludedIndex makes the message stale: it changes nothing;
 * 6. if an existing log entry has the same index and term as the snapshot's last included
 *    entry, retain the log entries following it and reply;
 * 7. otherwise discard the entire log;
 * 8. reset the state machine using the snapshot's contents (in step 6 too, when the server
 *    has not yet applied that far: the entries it would have applied are gone).
 */
export function handleInstallSnapshot(
  state: RaftState,
  from: NodeId,
  req: InstallSnapshot,
  ctx: Ctx,
): void {
  const snap = req.snapshot;
  if (req.term < state.currentTerm) {
    reply(state, from, 0, ctx);
    return;
  }
  // Like AppendEntries, it comes from the leader of this term.
  if (!heardFromLeader(state, from, req.term, 'InstallSnapshot', ctx)) return;

  const index = snap.lastIncludedIndex;
  if (index <= snapshotIndex(state)) {
    // Step 5: our own snapshot already covers it.
    reply(state, from, snapshotIndex(state), ctx);
    return;
  }
  const offset = snapshotIndex(state);
  const last = lastLogIndex(state);
  if (index <= last && termAt(state, index) === snap.lastIncludedTerm) {
    // Step 6: the entries after lastIncludedIndex match the leader's (Log Matching): keep them.
    state.log = state.log.slice(index - offset);
    ctx.note(
      `installs ${from}'s snapshot up to ${index}, keeping its entries ${index + 1}…${last}`,
    );
  } else {
    // Step 7.
    state.log = [];
    ctx.note(
      `installs ${from}'s snapshot up to ${index} (term ${snap.lastIncludedTerm})` +
        (last > offset ? `, discarding its log ${offset + 1}…${last}` : ''),
    );
  }
  state.snapshot = snap;
  adoptSnapshotConfiguration(state, snap);
  // Step 8. A server that applied past lastIncludedIndex keeps its state machine: it is the
  // snapshot's plus the entries after it, which State Machine Safety makes the leader's too.
  if (state.lastApplied < index) restoreStateMachine(state, snap);
  reply(state, from, index, ctx);
}

function reply(state: RaftState, to: NodeId, lastIncludedIndex: number, ctx: Ctx): void {
  const m: InstallSnapshotReply = {
    type: 'InstallSnapshotReply',
    term: state.currentTerm,
    lastIncludedIndex,
  };
  ctx.send(to, m);
}

/**
 * The leader's side of the reply: the follower now holds everything up to lastIncludedIndex,
 * so matchIndex and nextIndex move past it (never backwards: replies may come late or twice),
 * and replication goes on with AppendEntries from there.
 */
export function handleInstallSnapshotReply(
  state: RaftState,
  from: NodeId,
  rep: InstallSnapshotReply,
  ctx: Ctx,
): void {
  if (state.role !== 'leader' || rep.term !== state.currentTerm) return;
  markActive(state, from);
  const match = state.matchIndex[from] ?? 0;
  const newMatch = Math.max(match, Math.min(rep.lastIncludedIndex, lastLogIndex(state)));
  state.matchIndex[from] = newMatch;
  state.nextIndex[from] = Math.max(state.nextIndex[from] ?? 0, newMatch + 1);
  advanceCommitIndex(state, ctx);
  if (state.nextIndex[from]! <= lastLogIndex(state)) sendAppendEntries(state, from, ctx);
  // A leadership transfer goes on once its target's log matches (§3.10).
  transferProgress(state, from, ctx);
}
