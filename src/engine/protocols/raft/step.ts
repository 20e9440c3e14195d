/**
 * Every message enters here. Figure 2, "Rules for Servers / All Servers": a message with a
 * higher term makes the receiver adopt that term and become a follower — handled once, as
 * etcd's raft `Step` does, before the message goes to its handler.
 */
import type { Envelope, ProtocolContext } from '../../types';
import { handleRequestVoteReply, handleRequestVoteRequest } from './election';
import { handleAppendEntriesReply, handleAppendEntriesRequest } from './replication';
import { becomeFollower } from './roles';
import type { RaftMessage, RaftState } from './types';

export function stepMessage(
  state: RaftState,
  msg: Envelope<RaftMessage>,
  ctx: ProtocolContext<RaftMessage>,
): void {
  const m = msg.payload;
  if (m.term > state.currentTerm) {
    // Only AppendEntries comes from the term's leader; a vote request does not name one.
    becomeFollower(state, m.term, m.type === 'AppendEntries' ? msg.from : null, ctx);
    // A reply from a newer term answers a request of an older one: nothing more to do.
    if (m.type === 'RequestVoteReply' || m.type === 'AppendEntriesReply') return;
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
  }
}
