/**
 * Every message enters here. Figure 2, "Rules for Servers / All Servers": a message with a
 * higher term makes the receiver adopt that term and become a follower — handled once, as
 * etcd's raft `Step` does, before the message goes to its handler.
 */
import type { Envelope, ProtocolContext } from '../../types';
import { handleRequestVoteReply, handleRequestVoteRequest } from './election';
import { handleAppendEntriesReply, handleAppendEntriesRequest } from './replication';
import { handlePreVote, handlePreVoteReply, heardFromLeaderLately } from './prevote';
import { becomeFollower } from './roles';
import { handleTimeoutNow } from './transfer';
import { handleInstallSnapshot, handleInstallSnapshotReply } from './installSnapshot';
import type { RaftMessage, RaftState } from './types';

export function stepMessage(
  state: RaftState,
  msg: Envelope<RaftMessage>,
  ctx: ProtocolContext<RaftMessage>,
): void {
  const m = msg.payload;
  // The payload's fields are read once each: payloads come in many shapes, so every read
  // of one is a slow lookup.
  const type = m.type;
  const term = m.term;
  // PreVote (§9.6) changes nobody's term: its messages skip the higher-term rule.
  if (type === 'PreVote' || type === 'PreVoteReply') {
    if (m.type === 'PreVote') return handlePreVote(state, msg.from, m, ctx);
    if (m.type === 'PreVoteReply') return handlePreVoteReply(state, msg.from, m, ctx);
  }
  if (
    term > state.currentTerm &&
    m.type === 'RequestVote' &&
    !m.transfer &&
    inLeaderLease(state, ctx)
  ) {
    // §4.2.3 with checkQuorum: a follower that heard from its leader within the minimum
    // election timeout ignores the request — term included — so a server that cannot hear
    // the leader cannot depose it.
    ctx.note(`ignores RequestVote from ${msg.from} for term ${term}: heard from a leader lately`);
    return;
  }
  if (term > state.currentTerm) {
    // Only AppendEntries and InstallSnapshot come from the term's leader; a vote request
    // does not name one.
    const fromLeader = type === 'AppendEntries' || type === 'InstallSnapshot';
    becomeFollower(state, term, fromLeader ? msg.from : null, ctx);
    // A reply from a newer term answers a request of an older one: nothing more to do.
    if (
      type === 'RequestVoteReply' ||
      type === 'AppendEntriesReply' ||
      type === 'InstallSnapshotReply'
    )
      return;
  }
  switch (m.type) {
    case 'RequestVote':
      return handleRequestVoteRequest(state, msg.from, m, ctx);
    case 'RequestVoteReply':
      return handleRequestVoteReply(state, msg.from, m, ctx);
    case 'AppendEntries':
      return handleAppendEntriesRequest(state, msg.from, m, ctx);
    case 'AppendEntriesReply':
      return handleAppendEntriesReply(state, msg.from, m, ctx);
    case 'TimeoutNow':
      return handleTimeoutNow(state, msg.from, m, ctx);
    case 'InstallSnapshot':
      return handleInstallSnapshot(state, msg.from, m, ctx);
    case 'InstallSnapshotReply':
      return handleInstallSnapshotReply(state, msg.from, m, ctx);
  }
}

/** The lease is a checkQuorum rule; a leader's own lease is its leadership. */
function inLeaderLease(state: RaftState, ctx: ProtocolContext<RaftMessage>): boolean {
  return state.config.checkQuorum && state.leaderId !== null && heardFromLeaderLately(state, ctx);
}
