/**
 * Multi-Paxos's timers. The leader rule (issue 10, documented in docs/scenario-format.md): a
 * node that may lead and hears from no leader for `paxos.leaderTimeout` runs phase 1 with a
 * ballot above every one it has seen; the highest ballot wins, because acceptors refuse every
 * lower one. The leader sends heartbeats every `paxos.heartbeatInterval`.
 */
import type { ProtocolContext } from '../../../types';
import { retryDelay } from '../backoff';
import type { MultiMessage, MultiState } from './types';

export const LEADER_TIMER = 'leader';
export const HEARTBEAT_TIMER = 'heartbeat';

/** (Re)arms the leader timer with the back-off the failed candidacies earned. */
export function armLeaderTimer(state: MultiState, ctx: ProtocolContext<MultiMessage>): void {
  if (!state.proposer) return; // it never campaigns, so it needs no timer
  const { leaderTimeout, backoff } = state.config;
  const drawn = retryDelay(leaderTimeout, backoff, state.failures, () => ctx.random());
  state.leaderDrawn = drawn;
  state.leaderDeadline = ctx.now() + drawn;
  ctx.setTimer(LEADER_TIMER, drawn);
}

/** A leader runs no leader timer. */
export function stopLeaderTimer(state: MultiState, ctx: ProtocolContext<MultiMessage>): void {
  state.leaderDrawn = 0;
  state.leaderDeadline = 0;
  ctx.cancelTimer(LEADER_TIMER);
}
