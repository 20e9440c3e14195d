/** Timer names and the election timer's randomized reset (§5.2). */
import type { ProtocolContext } from '../../types';
import type { RaftMessage, RaftState } from './types';

export const ELECTION_TIMER = 'election';
export const HEARTBEAT_TIMER = 'heartbeat';
/** Leader with checkQuorum: every minimum election timeout, count who was heard from. */
export const CHECK_QUORUM_TIMER = 'check-quorum';
/** Leader: a leadership transfer not done within an election timeout is abandoned (§3.10). */
export const TRANSFER_TIMER = 'transfer';

/**
 * §5.2: each reset draws a fresh timeout uniformly from [min, max] from the node's own seeded
 * stream, so split votes resolve and runs replay exactly.
 */
export function resetElectionTimer(state: RaftState, ctx: ProtocolContext<RaftMessage>): void {
  const { min, max } = state.config.electionTimeout;
  setLocalTimer(state, ctx, ELECTION_TIMER, min + ctx.random() * (max - min));
}

/**
 * Arms a timer of `ms` by this node's own clock: a clock that runs slow (negative
 * `clockDrift`) takes longer in real time (§6.4.1: the lease's safety rests on clocks).
 */
export function setLocalTimer(
  state: RaftState,
  ctx: ProtocolContext<RaftMessage>,
  name: string,
  ms: number,
): void {
  ctx.setTimer(name, ms / (1 + clockDriftOf(state)));
}

/** Leaders run no election timer. */
export function stopElectionTimer(ctx: ProtocolContext<RaftMessage>): void {
  ctx.cancelTimer(ELECTION_TIMER);
}

/**
 * This node's clock drift (0: none). Drifts are numbers (the schema checks them) and
 * Object.prototype holds none, so reading the key and keeping only a number gives what an
 * own-key lookup (getEntry) gives, without a call at every timer and every clock reading.
 */
export function clockDriftOf(state: RaftState): number {
  const drifts = state.config.clockDrift;
  // Most runs set no drift: an empty table needs no lookup by id (a hash lookup, at every
  // timer and clock reading); an empty object's key enumeration is all but free.
  for (const _ in drifts) {
    const drift = drifts[state.id];
    return typeof drift === 'number' ? drift : 0;
  }
  return 0;
}
