/**
 * CheckQuorum (Ongaro 2014, §6.2; etcd's `CheckQuorum`): a leader that has not heard from a
 * majority (itself included) within an election timeout steps down, so that a leader which
 * can send but not receive stops holding its followers quiet with heartbeats. Its companion,
 * the leader lease of §4.2.3 ("disruptive servers"), is in step.ts: a follower that heard from
 * its leader within the minimum election timeout ignores RequestVote.
 */
import type { NodeId, ProtocolContext } from '../../types';
import { becomeFollower, isMajority } from './roles';
import { CHECK_QUORUM_TIMER, setLocalTimer } from './timers';
import type { RaftMessage, RaftState } from './types';

type Ctx = ProtocolContext<RaftMessage>;

/** A new leader starts counting (a no-op without checkQuorum). */
export function startQuorumChecks(state: RaftState, ctx: Ctx): void {
  if (!state.config.checkQuorum) return;
  state.recentlyActive = {};
  setLocalTimer(state, ctx, CHECK_QUORUM_TIMER, state.config.electionTimeout.min);
}

/** The leader heard from `peer` (any reply of its term). */
export function markActive(state: RaftState, peer: NodeId): void {
  // Only members count towards the quorum (§4.1: a server removed meanwhile does not).
  if (state.config.checkQuorum && state.role === 'leader' && state.peers.includes(peer)) {
    state.recentlyActive[peer] = true;
  }
}

export function onCheckQuorumTimer(state: RaftState, ctx: Ctx): void {
  if (state.role !== 'leader' || !state.config.checkQuorum) return;
  const heard = 1 + Object.keys(state.recentlyActive).length;
  state.recentlyActive = {};
  if (!isMajority(state, heard)) {
    ctx.note(`steps down: heard from ${heard} of ${state.peers.length + 1} in an election timeout`);
    becomeFollower(state, state.currentTerm, null, ctx);
    return;
  }
  setLocalTimer(state, ctx, CHECK_QUORUM_TIMER, state.config.electionTimeout.min);
}
