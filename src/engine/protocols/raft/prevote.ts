/**
 * PreVote (Ongaro, "Consensus: Bridging Theory and Practice", 2014, §9.6). A server whose
 * election timer fires first asks every peer whether it could win at the next term, without
 * raising its own term or voting: a peer says yes only if the asker's log is at least as
 * up-to-date as its own (§5.4.1) and it has not heard from a leader within the minimum
 * election timeout. Only with a majority of yeses does the real election start. So a server
 * that cannot hear the leader (a deaf follower, one cut off in a minority) keeps its term,
 * and does not depose a working leader when it comes back.
 */
import type { NodeId, ProtocolContext } from '../../types';
import { startNewElection } from './election';
import { isAtLeastAsUpToDate, lastLogIndex, lastLogTerm } from './log';
import { localNow } from './reads';
import { becomeFollower, isMajority, resetRoleState } from './roles';
import { HEARTBEAT_TIMER, resetElectionTimer } from './timers';
import type { PreVote, PreVoteReply, RaftMessage, RaftState } from './types';

type Ctx = ProtocolContext<RaftMessage>;

/** Heard from a leader within the minimum election timeout (a leader hears itself). */
export function heardFromLeaderLately(state: RaftState, ctx: Ctx): boolean {
  if (state.role === 'leader') return true;
  return (
    state.leaderContactAt >= 0 &&
    localNow(state, ctx) - state.leaderContactAt < state.config.electionTimeout.min
  );
}

/** The election timer fired with preVote on: a pre-vote round instead of a new term. */
export function startPreVote(state: RaftState, ctx: Ctx): void {
  if (state.role === 'leader') ctx.cancelTimer(HEARTBEAT_TIMER);
  resetRoleState(state);
  state.role = 'pre-candidate';
  state.leaderId = null;
  state.votesGranted = [state.id];
  resetElectionTimer(state, ctx);
  ctx.note(`asks whether it could win term ${state.currentTerm + 1} (pre-vote)`);
  if (isMajority(state, state.votesGranted.length)) {
    startNewElection(state, ctx);
    return;
  }
  const ask: PreVote = {
    type: 'PreVote',
    term: state.currentTerm + 1,
    candidateId: state.id,
    lastLogIndex: lastLogIndex(state),
    lastLogTerm: lastLogTerm(state),
  };
  for (const peer of state.peers) ctx.send(peer, { ...ask });
}

/** A pre-vote request: answered without touching this node's term, vote or timer. */
export function handlePreVote(state: RaftState, from: NodeId, req: PreVote, ctx: Ctx): void {
  const granted =
    req.term > state.currentTerm &&
    !heardFromLeaderLately(state, ctx) &&
    isAtLeastAsUpToDate(state, req.lastLogIndex, req.lastLogTerm);
  const reply: PreVoteReply = {
    type: 'PreVoteReply',
    term: granted ? req.term : state.currentTerm,
    voteGranted: granted,
  };
  ctx.send(from, reply);
}

/**
 * A pre-vote answer. A refusal from a higher term is news of that term (Figure 2's rule for
 * all servers); a yes for the term asked about counts; a majority starts the real election.
 */
export function handlePreVoteReply(
  state: RaftState,
  from: NodeId,
  reply: PreVoteReply,
  ctx: Ctx,
): void {
  if (!reply.voteGranted) {
    if (reply.term > state.currentTerm) becomeFollower(state, reply.term, null, ctx);
    return;
  }
  if (state.role !== 'pre-candidate' || reply.term !== state.currentTerm + 1) return;
  if (!state.peers.includes(from)) return; // §4.1: only members' answers count
  if (!state.votesGranted.includes(from)) state.votesGranted.push(from);
  if (isMajority(state, state.votesGranted.length)) startNewElection(state, ctx);
}
