/**
 * Choosing the distinguished proposer and its phase 1 (Paxos Made Simple §3): a candidate
 * sends one prepare covering every slot from its commit point on; each acceptor promises and
 * reports what it accepted in those slots; with a majority of promises the candidate leads,
 * re-proposes in every open slot the value of the highest ballot reported there (§2.2 P2c),
 * and fills the slots no one reported with no-ops, so that later slots can apply (§3: "the
 * leader ... proposes a special 'no-op' command that leaves the state unchanged").
 */
import { isMajorityOf } from '../../../quorum';
import type { NodeId, ProtocolContext } from '../../../types';
import { promise } from '../acceptor';
import { compareBallots, copyBallot, formatBallot, sameBallot } from '../ballot';
import type { Ballot } from '../ballot';
import { recordProposal } from '../core';
import type { AcceptedEntry } from '../core';
import { mutated } from '../mutants';
import { proposeHere, clusterSize, sendAccept, sendHeartbeats } from './replication';
import { resetRoleState, stepDown } from './roles';
import { armLeaderTimer, HEARTBEAT_TIMER, stopLeaderTimer } from './timers';
import type {
  Command,
  MultiMessage,
  MultiState,
  NackMsg,
  PrepareMsg,
  PromiseMsg,
  SlotCommand,
} from './types';

type Ctx = ProtocolContext<MultiMessage>;

/**
 * The leader timer fired (or the "timeout" action): run phase 1 with a ballot above every
 * round this node has used, promised or been refused with. Its own acceptor promises first.
 */
export function startCandidacy(state: MultiState, ctx: Ctx): void {
  if (!state.proposer) return;
  if (state.role === 'leader') ctx.cancelTimer(HEARTBEAT_TIMER);
  // The timer armed below is the wait before the next candidacy, if this one fails too.
  state.failures++;
  resetRoleState(state);
  state.role = 'candidate';
  state.leaderId = null;
  state.round = Math.max(state.round, state.promised?.round ?? 0) + 1;
  state.version++;
  const ballot: Ballot = { round: state.round, node: state.id };
  state.ballot = ballot;
  promise(state, ballot);
  state.prepareFrom = state.commit;
  state.promises = [state.id];
  state.recovered = state.accepted.slice(state.prepareFrom);
  armLeaderTimer(state, ctx);
  ctx.note(`runs phase 1 with ${formatBallot(ballot)} for slots from ${state.prepareFrom}`);
  if (isMajorityOf(1, clusterSize(state))) {
    becomeLeader(state, ctx);
    return;
  }
  for (const peer of state.peers) {
    ctx.send(peer, { type: 'prepare', ballot: copyBallot(ballot), from: state.prepareFrom });
  }
}

/**
 * Phase 1(b) at an acceptor: promise and report what it accepted from `from` on, or refuse. A
 * leader or candidate promising a higher ballot has lost to it and steps down.
 */
export function handlePrepare(state: MultiState, from: NodeId, m: PrepareMsg, ctx: Ctx): void {
  // A retransmitted prepare of the ballot already promised is answered again, nothing more.
  const higher = compareBallots(m.ballot, state.promised) > 0;
  if (!promise(state, m.ballot)) {
    ctx.send(from, {
      type: 'nack',
      ballot: copyBallot(m.ballot),
      promised: copyBallot(state.promised!),
    });
    return;
  }
  if (higher) stepDown(state, ctx);
  const accepted: PromiseMsg['accepted'] = [];
  for (let slot = m.from; slot < state.accepted.length; slot++) {
    const e = state.accepted[slot];
    if (e) accepted.push({ slot, ballot: copyBallot(e.ballot), command: e.value });
  }
  ctx.send(from, { type: 'promise', ballot: copyBallot(m.ballot), accepted });
}

/** A candidate collects promises for its ballot, keeping the highest proposal per slot. */
export function handlePromise(state: MultiState, from: NodeId, m: PromiseMsg, ctx: Ctx): void {
  if (state.role !== 'candidate' || !sameBallot(m.ballot, state.ballot)) return;
  if (state.promises.includes(from)) return; // a duplicate
  state.promises.push(from);
  // Mutant `ignore-accepted-in-promise`: the proposals the promise reports are not read (P2c).
  const reported = mutated(state.config, 'ignore-accepted-in-promise') ? [] : m.accepted;
  for (const a of reported) {
    const i = a.slot - state.prepareFrom;
    if (i < 0) continue;
    const known = state.recovered[i] ?? null;
    if (known === null || compareBallots(a.ballot, known.ballot) > 0) {
      while (state.recovered.length < i) state.recovered.push(null);
      state.recovered[i] = Object.freeze({ ballot: copyBallot(a.ballot), value: a.command });
    }
  }
  if (isMajorityOf(state.promises.length, clusterSize(state))) becomeLeader(state, ctx);
}

/**
 * A majority promised: lead. Every slot from prepareFrom to the last one reported is proposed
 * again with this ballot — the highest reported value, or a no-op where none was reported —
 * except slots this node already knows chosen. New commands go after them.
 */
function becomeLeader(state: MultiState, ctx: Ctx): void {
  state.role = 'leader';
  state.leaderId = state.id;
  state.failures = 0;
  stopLeaderTimer(state, ctx);
  const from = state.prepareFrom;
  state.nextSlot = Math.max(from + state.recovered.length, state.chosen.length);
  const entries: SlotCommand[] = [];
  let noops = 0;
  for (let slot = from; slot < state.nextSlot; slot++) {
    if (state.chosen[slot] != null) continue;
    const known: AcceptedEntry<Command> | null = state.recovered[slot - from] ?? null;
    const command = known === null ? null : known.value;
    if (known === null) {
      noops++;
      recordProposal(state, ctx.now(), slot, null);
    }
    entries.push({ slot, command });
    proposeHere(state, slot, command, ctx);
  }
  state.recovered = [];
  ctx.note(
    `leads with ${formatBallot(state.ballot)}: re-proposes ${entries.length - noops} open slot(s), ` +
      `fills ${noops} gap(s) with no-ops`,
  );
  if (entries.length > 0) for (const peer of state.peers) sendAccept(state, peer, entries, ctx);
  sendHeartbeats(state, ctx, false);
}

/**
 * A refusal: someone promised a higher ballot. Any refusal, even of an older ballot, tells a
 * round to go above next time; one of the current ballot also deposes it.
 */
export function handleNack(state: MultiState, from: NodeId, m: NackMsg, ctx: Ctx): void {
  if (m.promised.round > state.round) {
    state.round = m.promised.round;
    state.version++;
  }
  if (state.role === 'follower' || !sameBallot(m.ballot, state.ballot)) return;
  ctx.note(`${from} refused ${formatBallot(m.ballot)}: it promised ${formatBallot(m.promised)}`);
  stepDown(state, ctx);
}
