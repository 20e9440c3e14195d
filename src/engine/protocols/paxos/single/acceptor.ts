/**
 * The acceptor's side of the messages (Paxos Made Simple §2.3): answer a prepare with a
 * promise or a refusal, and an accept with an acceptance reported to every learner, or a
 * refusal. The rules themselves are ../acceptor.ts, shared with Multi-Paxos.
 */
import type { NodeId, ProtocolContext } from '../../../types';
import { accept, promise } from '../acceptor';
import { copyBallot } from '../ballot';
import type { Ballot } from '../ballot';
import { mutated } from '../mutants';
import { hearAccepted } from './learner';
import type { AcceptMsg, PaxosMessage, PaxosState, PrepareMsg } from './types';

type Ctx = ProtocolContext<PaxosMessage>;

function refuse(state: PaxosState, to: NodeId, ballot: Ballot, ctx: Ctx): void {
  ctx.send(to, { type: 'nack', ballot: copyBallot(ballot), promised: copyBallot(state.promised!) });
}

/** Phase 1(b): promise, reporting the proposal accepted so far (if any), or refuse. */
export function handlePrepare(state: PaxosState, from: NodeId, m: PrepareMsg, ctx: Ctx): void {
  if (!promise(state, m.ballot)) {
    refuse(state, from, m.ballot, ctx);
    return;
  }
  const acc = state.accepted[0] ?? null;
  ctx.send(from, {
    type: 'promise',
    ballot: copyBallot(m.ballot),
    accepted: acc === null ? null : { ballot: copyBallot(acc.ballot), value: acc.value },
  });
}

/**
 * Phase 2(b): accept unless a higher ballot was promised, and tell every learner (this node's
 * own learner directly, the others by message); or refuse.
 */
export function handleAccept(state: PaxosState, from: NodeId, m: AcceptMsg, ctx: Ctx): void {
  if (!acceptHere(state, m.ballot, m.value, ctx)) refuse(state, from, m.ballot, ctx);
}

/** The acceptance itself, also used by a proposer for its own acceptor. */
export function acceptHere(state: PaxosState, ballot: Ballot, value: string, ctx: Ctx): boolean {
  if (!accept(state, ballot, 0, value, mutated(state.config, 'accept-below-promise'))) return false;
  for (const peer of state.peers) {
    ctx.send(peer, { type: 'accepted', ballot: copyBallot(ballot), value });
  }
  hearAccepted(state, state.id, ballot, value, ctx);
  return true;
}
