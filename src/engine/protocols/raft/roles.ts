/**
 * Role transitions every handler shares (Figure 2, "Rules for Servers"): stepping down to
 * follower, and what only a leader or a candidate keeps. Below election and replication, so
 * neither imports the other for them.
 */
import { isMajorityOf } from '../../quorum';
import type { NodeId, ProtocolContext } from '../../types';
import { CHECK_QUORUM_TIMER, HEARTBEAT_TIMER, resetElectionTimer, TRANSFER_TIMER } from './timers';
import { mutated } from './mutants';
import type { RaftMessage, RaftState } from './types';

type Ctx = ProtocolContext<RaftMessage>;

/** Voting members of the configuration in force (§4.1; `peers` are the others). */
export function clusterSize(state: RaftState): number {
  return state.members.length;
}

/**
 * A strict majority of the configuration in force. `count` includes this server, which counts
 * only while it is a member: a leader removing itself does not count itself (§4.2.2).
 */
export function isMajority(state: RaftState, count: number): boolean {
  const self = state.members.includes(state.id) ? 0 : 1;
  return isMajorityOf(count - self, clusterSize(state));
}

/** Clears what only a leader or a candidate keeps. */
export function resetRoleState(state: RaftState): void {
  state.votesGranted = [];
  state.nextIndex = {};
  state.matchIndex = {};
  // Requests a deposed leader accepted are not answered: their entries may still commit
  // under the next leader, so "failed" would be a lie. Clients time out and retry.
  state.waiting = {};
  state.recentlyActive = {};
  state.transferee = null;
  // Reads not answered yet are dropped with leadership: their clients time out and retry.
  state.pendingReads = [];
  state.rounds = [];
  state.leaseFrom = -1;
}

/**
 * Figure 2, "All servers": a node that sees a higher term adopts it and becomes a follower;
 * a candidate that meets the leader of its own term also steps back (§5.2). The vote is
 * cleared only when the term changes.
 */
export function becomeFollower(
  state: RaftState,
  term: number,
  leaderId: NodeId | null,
  ctx: Ctx,
): void {
  const wasLeader = state.role === 'leader';
  if (term > state.currentTerm) {
    state.currentTerm = term;
    state.votedFor = null;
  }
  // Mutant `leader-steps-down-never`: the term is taken, the leadership kept.
  if (wasLeader && mutated(state.config, 'leader-steps-down-never')) return;
  if (state.role !== 'follower') ctx.note(`steps down to follower in term ${state.currentTerm}`);
  state.role = 'follower';
  state.leaderId = leaderId;
  resetRoleState(state);
  if (wasLeader) {
    ctx.cancelTimer(HEARTBEAT_TIMER);
    ctx.cancelTimer(CHECK_QUORUM_TIMER);
    ctx.cancelTimer(TRANSFER_TIMER);
    // A leader runs no election timer; a follower must.
    resetElectionTimer(state, ctx);
  }
}
