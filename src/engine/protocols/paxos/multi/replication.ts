/**
 * Phase 2 for each slot (Paxos Made Simple §3): the leader proposes a command in the next free
 * slot with its ballot, every acceptor accepts it unless it promised a higher ballot, and the
 * leader learns the slot chosen once a majority accepted. Heartbeats carry the leader's commit
 * point and resend what a peer has not acknowledged, so lost messages only delay.
 */
import type { NodeId, ProtocolContext } from '../../../types';
import { isMajorityOf } from '../../../quorum';
import { accept, raisePromise } from '../acceptor';
import { compareBallots, copyBallot, sameBallot } from '../ballot';
import { mutated } from '../mutants';
import { choose, learnFromLeader } from './learning';
import { followLeader } from './roles';
import { HEARTBEAT_TIMER } from './timers';
import type {
  AcceptedMsg,
  AcceptMsg,
  Command,
  HeartbeatMsg,
  MultiMessage,
  MultiState,
  SlotCommand,
} from './types';

type Ctx = ProtocolContext<MultiMessage>;

/** How many unacknowledged slots one heartbeat resends to a peer. */
export const RESEND_BATCH = 64;

export function clusterSize(state: MultiState): number {
  return state.peers.length + 1;
}

function refuse(state: MultiState, to: NodeId, m: { ballot: AcceptMsg['ballot'] }, ctx: Ctx) {
  ctx.send(to, {
    type: 'nack',
    ballot: copyBallot(m.ballot),
    promised: copyBallot(state.promised!),
  });
}

/**
 * The leader proposes `command` in `slot` with its ballot: its own acceptor accepts at once
 * (its promise is its ballot, or it would have stepped down). Sending is the caller's, so that
 * a new leader sends all its re-proposals in one message per peer.
 */
export function proposeHere(state: MultiState, slot: number, command: Command, ctx: Ctx): void {
  accept(state, state.ballot!, slot, command);
  state.acks[slot] = [state.id];
  if (isMajorityOf(1, clusterSize(state))) {
    delete state.acks[slot];
    choose(state, slot, command, ctx);
  }
}

export function sendAccept(state: MultiState, to: NodeId, entries: SlotCommand[], ctx: Ctx): void {
  ctx.send(to, {
    type: 'accept',
    ballot: copyBallot(state.ballot!),
    entries,
    commit: state.commit,
  });
}

/**
 * Phase 2(b) at an acceptor: accept every entry unless a higher ballot was promised, and
 * acknowledge to the leader; then learn what the leader's commit point tells.
 */
export function handleAccept(state: MultiState, from: NodeId, m: AcceptMsg, ctx: Ctx): void {
  // Mutant `accept-below-promise`: the P1a refusal is skipped.
  const below = mutated(state.config, 'accept-below-promise');
  if (compareBallots(m.ballot, state.promised) < 0 && !below) {
    refuse(state, from, m, ctx);
    return;
  }
  followLeader(state, from, ctx);
  for (const e of m.entries) accept(state, m.ballot, e.slot, e.command, below);
  ctx.send(from, {
    type: 'accepted',
    ballot: copyBallot(m.ballot),
    slots: m.entries.map((e) => e.slot),
  });
  learnFromLeader(state, m.ballot, m.commit, ctx);
}

/** The leader counts acceptances of its ballot; a majority chooses the slot. */
export function handleAccepted(state: MultiState, from: NodeId, m: AcceptedMsg, ctx: Ctx): void {
  if (state.role !== 'leader' || !sameBallot(m.ballot, state.ballot)) return;
  for (const slot of m.slots) {
    const acks = state.acks[slot];
    if (acks === undefined || acks.includes(from)) continue; // chosen already, or a duplicate
    acks.push(from);
    if (!isMajorityOf(acks.length, clusterSize(state))) continue;
    delete state.acks[slot];
    choose(state, slot, state.accepted[slot]!.value, ctx);
  }
}

/**
 * Every heartbeat: tell each peer the commit point, and resend what it has not accepted (not
 * when a new leader has just sent everything it proposed).
 */
export function sendHeartbeats(state: MultiState, ctx: Ctx, resend = true): void {
  if (state.role !== 'leader') return;
  const ballot = state.ballot!;
  const pending = resend ? Object.keys(state.acks).map(Number) : [];
  for (const peer of state.peers) {
    const missing: SlotCommand[] = [];
    for (const slot of pending) {
      if (missing.length === RESEND_BATCH) break;
      if (!state.acks[slot]!.includes(peer)) {
        missing.push({ slot, command: state.accepted[slot]!.value });
      }
    }
    ctx.send(peer, { type: 'heartbeat', ballot: copyBallot(ballot), commit: state.commit });
    if (missing.length > 0) sendAccept(state, peer, missing, ctx);
  }
  ctx.setTimer(HEARTBEAT_TIMER, state.config.heartbeatInterval);
}

/**
 * A heartbeat of a ballot we have not outlived: follow its leader, promise its ballot (so a
 * lower leader still about is refused from now on), learn from its commit point and ask for
 * what we cannot work out. A heartbeat of an outlived ballot is refused, which deposes it.
 */
export function handleHeartbeat(state: MultiState, from: NodeId, m: HeartbeatMsg, ctx: Ctx): void {
  if (compareBallots(m.ballot, state.promised) < 0) {
    refuse(state, from, m, ctx);
    return;
  }
  raisePromise(state, m.ballot);
  followLeader(state, from, ctx);
  if (learnFromLeader(state, m.ballot, m.commit, ctx)) {
    ctx.send(from, { type: 'catch-up', from: state.commit });
  }
}
