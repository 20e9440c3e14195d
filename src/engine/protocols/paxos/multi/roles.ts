/**
 * Role transitions shared by phase 1 and phase 2: "the highest ballot wins" — a leader or
 * candidate that meets a higher ballot (a prepare it promised, an accept or heartbeat of a
 * higher leader, a refusal) steps down to follower; a follower that hears the leader of a
 * ballot it has not outlived follows it.
 */
import type { NodeId, ProtocolContext } from '../../../types';
import { formatBallot } from '../ballot';
import { armLeaderTimer, HEARTBEAT_TIMER } from './timers';
import type { MultiMessage, MultiState } from './types';

type Ctx = ProtocolContext<MultiMessage>;

/** Clears what only a candidate or a leader keeps. */
export function resetRoleState(state: MultiState): void {
  state.promises = [];
  state.recovered = [];
  // Requests a deposed leader proposed are not answered: their slots may still be chosen
  // under the next leader, which answers them then. Clients time out and retry meanwhile.
  state.acks = {};
}

function becomeFollower(state: MultiState, leader: NodeId | null, ctx: Ctx): void {
  if (state.role !== 'follower') {
    ctx.note(`steps down from ${formatBallot(state.ballot)}: a higher ballot exists`);
    if (state.role === 'leader') ctx.cancelTimer(HEARTBEAT_TIMER);
    state.role = 'follower';
    state.ballot = null;
    resetRoleState(state);
  }
  state.leaderId = leader;
  armLeaderTimer(state, ctx);
}

/** A higher ballot is about (a prepare we promised, a refusal): follow no one until it leads. */
export function stepDown(state: MultiState, ctx: Ctx): void {
  becomeFollower(state, null, ctx);
}

/** A message of the current leader (its ballot at or above our promise): follow it. */
export function followLeader(state: MultiState, leader: NodeId, ctx: Ctx): void {
  state.failures = 0;
  becomeFollower(state, leader, ctx);
}
