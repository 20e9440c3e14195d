/**
 * Leader election (§5.2, §5.4.1): role transitions, the election timeout, RequestVote and
 * its reply. Handlers are named after the paper's rules and messages and take the node's
 * plain-data state plus the context through which every effect goes.
 */
import type { NodeId, ProtocolContext } from '../../types';
import { isAtLeastAsUpToDate, lastLogIndex, lastLogTerm } from './log';
import { advanceCommitIndex, appendToLeaderLog, broadcastAppendEntries } from './replication';
import { markActive, startQuorumChecks } from './checkQuorum';
import { mutated } from './mutants';
import { isVoter } from './membershipLog';
import { isMajority, resetRoleState } from './roles';
import { HEARTBEAT_TIMER, resetElectionTimer, setLocalTimer, stopElectionTimer } from './timers';
import type { RaftMessage, RaftState, RequestVote, RequestVoteReply } from './types';

type Ctx = ProtocolContext<RaftMessage>;

/**
 * §5.2: on election timeout a follower (or a candidate whose election went nowhere) starts a
 * new election: next term, vote for itself, reset the timer, ask every peer for its vote.
 */
export function startNewElection(
  state: RaftState,
  ctx: Ctx,
  opts: { transfer?: boolean } = {},
): void {
  // §4.1: a server outside the configuration starts no election (not even on TimeoutNow).
  if (!isVoter(state)) return;
  if (state.role === 'leader') ctx.cancelTimer(HEARTBEAT_TIMER);
  resetRoleState(state);
  state.role = 'candidate';
  state.currentTerm++;
  state.votedFor = state.id;
  state.votesGranted = [state.id];
  state.leaderId = null;
  resetElectionTimer(state, ctx);
  ctx.note(`starts an election for term ${state.currentTerm}`);
  if (isMajority(state, state.votesGranted.length)) {
    becomeLeader(state, ctx);
    return;
  }
  const request: RequestVote = {
    type: 'RequestVote',
    term: state.currentTerm,
    candidateId: state.id,
    lastLogIndex: lastLogIndex(state),
    lastLogTerm: lastLogTerm(state),
    ...(opts.transfer ? { transfer: true as const } : {}),
  };
  for (const peer of state.peers) ctx.send(peer, { ...request });
}

/**
 * RequestVote receiver (Figure 2): grant at most one vote per term (§5.2), and only to a
 * candidate whose log is at least as up-to-date as ours (§5.4.1). Granting resets the timer.
 */
export function handleRequestVoteRequest(
  state: RaftState,
  from: NodeId,
  req: RequestVote,
  ctx: Ctx,
): void {
  let granted = false;
  // Mutants: `vote-twice-per-term` drops the one-vote rule, `no-election-restriction` the
  // up-to-date check.
  const free =
    state.votedFor === null ||
    state.votedFor === req.candidateId ||
    mutated(state.config, 'vote-twice-per-term');
  const upToDate =
    mutated(state.config, 'no-election-restriction') ||
    isAtLeastAsUpToDate(state, req.lastLogIndex, req.lastLogTerm);
  if (req.term === state.currentTerm && free && upToDate) {
    granted = true;
    if (state.votedFor === null) ctx.note(`votes for ${req.candidateId} in term ${req.term}`);
    state.votedFor = req.candidateId;
    resetElectionTimer(state, ctx);
  }
  ctx.send(from, { type: 'RequestVoteReply', term: state.currentTerm, voteGranted: granted });
}

/** A candidate counts votes of its current term; a majority makes it leader (§5.2). */
export function handleRequestVoteReply(
  state: RaftState,
  from: NodeId,
  reply: RequestVoteReply,
  ctx: Ctx,
): void {
  markActive(state, from);
  if (state.role !== 'candidate' || reply.term !== state.currentTerm || !reply.voteGranted) return;
  // A duplicated reply must not count twice; a server outside the configuration not at all.
  if (!state.peers.includes(from)) return;
  if (!state.votesGranted.includes(from)) state.votesGranted.push(from);
  if (isMajority(state, state.votesGranted.length)) becomeLeader(state, ctx);
}

/**
 * §5.3: a new leader sets nextIndex just past its log and matchIndex to 0 for every peer,
 * stops its election timer, asserts itself with AppendEntries at once and every heartbeat.
 * §8: it appends a no-op of its own term so that earlier entries can commit (§5.4.2).
 */
export function becomeLeader(state: RaftState, ctx: Ctx): void {
  state.role = 'leader';
  state.leaderId = state.id;
  const next = lastLogIndex(state) + 1;
  for (const peer of state.peers) {
    state.nextIndex[peer] = next;
    state.matchIndex[peer] = 0;
  }
  stopElectionTimer(ctx);
  ctx.note(`becomes leader of term ${state.currentTerm}`);
  if (state.config.noopOnElection) appendToLeaderLog(state, null);
  broadcastAppendEntries(state, ctx);
  setLocalTimer(state, ctx, HEARTBEAT_TIMER, state.config.heartbeatInterval);
  startQuorumChecks(state, ctx);
  advanceCommitIndex(state, ctx);
}
