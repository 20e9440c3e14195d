/**
 * The learner (Paxos Made Simple §2.3, "Learning a Chosen Value"): every acceptor reports each
 * acceptance to every learner, and a learner learns a value once a majority of acceptors
 * report accepting the same ballot. Acceptances of different ballots are not added up: two
 * minorities of different ballots choose nothing.
 */
import { isMajorityOf } from '../../../quorum';
import type { NodeId, ProtocolContext } from '../../../types';
import type { Ballot } from '../ballot';
import { copyBallot, formatBallot, sameBallot } from '../ballot';
import { learn } from '../core';
import { RETRY_TIMER } from './timers';
import type { PaxosMessage, PaxosState } from './types';

/**
 * How many ballots a learner keeps counts for. More can only appear in a long duel, where
 * the oldest ballots' acceptors have mostly moved on; dropping them costs liveness at worst
 * (a later ballot re-proposes the same value), never safety.
 */
const MAX_TALLIES = 32;

export function clusterSize(state: PaxosState): number {
  return state.peers.length + 1;
}

/** An acceptor `from` (possibly this node's own) reports it accepted `value` in `ballot`. */
export function hearAccepted(
  state: PaxosState,
  from: NodeId,
  ballot: Ballot,
  value: string,
  ctx: ProtocolContext<PaxosMessage>,
): void {
  if (state.chosen[0] != null) return;
  let tally = state.votes.find((t) => sameBallot(t.ballot, ballot));
  if (tally === undefined) {
    tally = { ballot: copyBallot(ballot), value, by: [] };
    state.votes.push(tally);
    if (state.votes.length > MAX_TALLIES) state.votes.shift();
  }
  // A duplicated report counts once.
  if (!tally.by.includes(from)) tally.by.push(from);
  if (!isMajorityOf(tally.by.length, clusterSize(state))) return;
  learn(state, 0, tally.value);
  state.votes = [];
  ctx.note(`learns ${tally.value}: a majority accepted ${formatBallot(ballot)}`);
  if (state.proposer) {
    state.phase = 'learned';
    ctx.cancelTimer(RETRY_TIMER);
  }
}
