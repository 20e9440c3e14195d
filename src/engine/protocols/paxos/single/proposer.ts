/**
 * The proposer (Paxos Made Simple §2.2–2.3): phase 1 finds a ballot a majority promised and the
 * highest-numbered proposal any of them accepted; phase 2 asks them to accept that proposal's
 * value, or the proposer's own when there is none (P2c). A refusal abandons the attempt (§2.4);
 * the retry timer starts the next one with a higher ballot.
 *
 * A proposer's own acceptor answers directly, before any message leaves: the roles of one node
 * share its memory, so there is nothing to wait for.
 */
import { isMajorityOf } from '../../../quorum';
import type { NodeId, ProtocolContext } from '../../../types';
import { promise } from '../acceptor';
import { compareBallots, copyBallot, formatBallot, sameBallot } from '../ballot';
import type { Ballot } from '../ballot';
import { recordProposal } from '../core';
import { mutated } from '../mutants';
import { acceptHere } from './acceptor';
import { clusterSize } from './learner';
import { armRetry } from './timers';
import type { NackMsg, PaxosMessage, PaxosState, PromiseMsg } from './types';

type Ctx = ProtocolContext<PaxosMessage>;

/**
 * §2.3 phase 1(a): choose a ballot above every round this node has used, promised or been
 * refused with, and send a prepare to every acceptor (any majority that answers will do).
 * The ballot's round goes to stable storage first, so a restarted proposer never reuses it.
 */
export function startBallot(state: PaxosState, ctx: Ctx): void {
  if (!state.proposer || state.phase === 'learned') return;
  if (state.ballot !== null) state.failures++;
  state.round = Math.max(state.round, state.promised?.round ?? 0) + 1;
  state.version++;
  const ballot: Ballot = { round: state.round, node: state.id };
  state.ballot = ballot;
  state.phase = 'preparing';
  state.promises = [];
  state.highest = null;
  state.value = null;
  armRetry(state, ctx);
  ctx.note(`starts ballot ${formatBallot(ballot)}`);
  // The round is above every promise this acceptor made, so its own promise always holds.
  promise(state, ballot);
  const own = state.accepted[0] ?? null;
  onPromise(state, state.id, ballot, own, ctx);
  if (state.phase !== 'preparing') return;
  for (const peer of state.peers) ctx.send(peer, { type: 'prepare', ballot: copyBallot(ballot) });
}

/** A promise for `ballot` from acceptor `from`, with what it accepted so far. */
export function handlePromise(state: PaxosState, from: NodeId, m: PromiseMsg, ctx: Ctx): void {
  onPromise(state, from, m.ballot, m.accepted, ctx);
}

function onPromise(
  state: PaxosState,
  from: NodeId,
  ballot: Ballot,
  accepted: { ballot: Ballot; value: string } | null,
  ctx: Ctx,
): void {
  // Promises for an earlier attempt, or after phase 1 is over, change nothing.
  if (state.phase !== 'preparing' || !sameBallot(ballot, state.ballot)) return;
  if (state.promises.includes(from)) return; // a duplicate
  state.promises.push(from);
  // Mutant `ignore-accepted-in-promise`: the reported proposal is not read (P2c).
  if (mutated(state.config, 'ignore-accepted-in-promise')) accepted = null;
  if (accepted !== null && compareBallots(accepted.ballot, state.highest?.ballot ?? null) > 0) {
    state.highest = { ballot: copyBallot(accepted.ballot), value: accepted.value };
  }
  if (isMajorityOf(state.promises.length, clusterSize(state))) startPhase2(state, ctx);
}

/**
 * §2.3 phase 2(a): the value is that of the highest-numbered proposal among the promises, or,
 * if they report none, any value: the proposer's own. Its own acceptor accepts first; if it
 * has meanwhile promised a higher ballot, the attempt is already lost and nothing is sent.
 */
function startPhase2(state: PaxosState, ctx: Ctx): void {
  const ballot = state.ballot!;
  const value = state.highest?.value ?? state.ownValue;
  state.phase = 'accepting';
  state.value = value;
  if (state.highest === null) {
    if (!state.proposals.some((p) => p.value === value)) {
      recordProposal(state, ctx.now(), 0, value);
    }
    ctx.note(`proposes its own value ${value} in ${formatBallot(ballot)}`);
  } else {
    ctx.note(
      `adopts ${value}, accepted in ${formatBallot(state.highest.ballot)}, for ${formatBallot(ballot)}`,
    );
  }
  if (!acceptHere(state, ballot, value, ctx)) {
    abandon(state, state.promised!);
    return;
  }
  if (state.phase !== 'accepting') return; // a one-node cluster has learned already
  for (const peer of state.peers) {
    ctx.send(peer, { type: 'accept', ballot: copyBallot(ballot), value });
  }
}

/**
 * A refusal: an acceptor promised a higher ballot. Any refusal, even of an older attempt, tells
 * a round to go above next time; one of the current attempt also abandons it (§2.4).
 */
export function handleNack(state: PaxosState, from: NodeId, m: NackMsg, ctx: Ctx): void {
  const current = state.phase === 'preparing' || state.phase === 'accepting';
  if (!current || !sameBallot(m.ballot, state.ballot)) {
    noteRound(state, m.promised);
    return;
  }
  ctx.note(`abandons ${formatBallot(m.ballot)}: ${from} promised ${formatBallot(m.promised)}`);
  abandon(state, m.promised);
}

function noteRound(state: PaxosState, promised: Ballot): void {
  if (promised.round > state.round) {
    state.round = promised.round;
    state.version++;
  }
}

function abandon(state: PaxosState, promised: Ballot): void {
  state.phase = 'waiting';
  noteRound(state, promised);
}
