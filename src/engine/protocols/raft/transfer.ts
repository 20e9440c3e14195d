/**
 * Leadership transfer (Ongaro 2014, §3.10). The leader stops taking client requests, brings
 * the target's log up to date, then sends it TimeoutNow; the target starts an election at
 * once — its RequestVote marked as a transfer, so the leader lease (checkQuorum) does not
 * hold it back — and, having the most up-to-date log and the first word, almost always wins.
 * A transfer that has not happened within an election timeout is abandoned and the leader
 * takes requests again.
 */
import type { NodeId, ProtocolContext } from '../../types';
import { startNewElection } from './election';
import { lastLogIndex } from './log';
import { sendAppendEntries } from './replication';
import { setLocalTimer, TRANSFER_TIMER } from './timers';
import type { RaftMessage, RaftState, TimeoutNow } from './types';

type Ctx = ProtocolContext<RaftMessage>;

/** The `transfer` action on the leader. */
export function transferLeadership(state: RaftState, to: NodeId, ctx: Ctx): void {
  if (state.role !== 'leader') return;
  if (to === state.id) {
    ctx.note('is already the leader: nothing to transfer');
    return;
  }
  if (!state.peers.includes(to)) return;
  state.transferee = to;
  setLocalTimer(state, ctx, TRANSFER_TIMER, state.config.electionTimeout.max);
  ctx.note(`hands leadership to ${to} (§3.10): takes no new requests meanwhile`);
  if ((state.matchIndex[to] ?? 0) >= lastLogIndex(state)) sendTimeoutNow(state, to, ctx);
  else sendAppendEntries(state, to, ctx);
}

/** After a reply from `peer`: its log caught up with the leader's, so the transfer goes on. */
export function transferProgress(state: RaftState, peer: NodeId, ctx: Ctx): void {
  if (state.transferee !== peer || state.role !== 'leader') return;
  if ((state.matchIndex[peer] ?? 0) >= lastLogIndex(state)) sendTimeoutNow(state, peer, ctx);
}

function sendTimeoutNow(state: RaftState, to: NodeId, ctx: Ctx): void {
  const m: TimeoutNow = { type: 'TimeoutNow', term: state.currentTerm };
  ctx.send(to, m);
}

/** TimeoutNow from the leader of our term: start an election now, skipping PreVote. */
export function handleTimeoutNow(state: RaftState, from: NodeId, m: TimeoutNow, ctx: Ctx): void {
  if (m.term !== state.currentTerm || state.role === 'leader') return;
  ctx.note(`told by ${from} to time out now (leadership transfer)`);
  startNewElection(state, ctx, { transfer: true });
}

export function onTransferTimer(state: RaftState, ctx: Ctx): void {
  if (state.role !== 'leader' || state.transferee === null) return;
  ctx.note(`gives up handing leadership to ${state.transferee}`);
  state.transferee = null;
}
