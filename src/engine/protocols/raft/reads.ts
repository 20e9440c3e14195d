/**
 * Reads without log entries (Ongaro 2014, §6.4). With `reads: "readIndex"` the leader notes
 * its commit index as the read index, confirms it is still the leader by a heartbeat round a
 * majority acknowledges, and answers once it has applied up to the read index (§6.4 steps
 * 1–4). It does so only once it has committed an entry of its own term (the no-op, §8);
 * before that a get goes through the log. With `reads: "lease"` (§6.4.1) a round a majority
 * acknowledged also starts a lease of one minimum election timeout, read on the leader's own
 * clock: within it the leader answers at once. The followers keep their side with
 * checkQuorum's rule (they ignore RequestVote while they hear a leader), so the lease is safe
 * as long as clocks agree on how long an election timeout is — `clockDrift` shows what
 * happens when one does not.
 */
import { getEntry } from '../../kv/stateMachine';
import type { ClientRequest, NodeId, ProtocolContext } from '../../types';
import { termAt } from './log';
import { isMajority } from './roles';
import { clockDriftOf } from './timers';
import type { RaftMessage, RaftState } from './types';

type Ctx = ProtocolContext<RaftMessage>;

/** Rounds kept for acknowledgements: older ones can no longer decide anything new. */
const ROUNDS_KEPT = 8;

/** This node's clock: virtual time run faster or slower by its drift. */
export function localNow(state: RaftState, ctx: Ctx): number {
  return ctx.now() * (1 + clockDriftOf(state));
}

/** A new heartbeat round: the leader's next AppendEntries carry it. */
export function startRound(state: RaftState, ctx: Ctx): void {
  if (state.config.reads === 'log') return;
  state.round++;
  state.rounds.push({ round: state.round, sentAt: localNow(state, ctx), acks: [state.id] });
  if (state.rounds.length > ROUNDS_KEPT) state.rounds.shift();
  settle(state, ctx);
}

/** A follower answered an AppendEntries of round `round`: it followed us then (or later). */
export function onRoundAck(state: RaftState, from: NodeId, round: number, ctx: Ctx): void {
  if (state.role !== 'leader' || state.config.reads === 'log') return;
  if (!state.peers.includes(from)) return; // §4.1: only members' acknowledgements count
  for (const r of state.rounds) {
    if (r.round <= round && !r.acks.includes(from)) r.acks.push(from);
  }
  settle(state, ctx);
}

/** Rounds that reached a majority confirm the reads waiting on them and renew the lease. */
function settle(state: RaftState, ctx: Ctx): void {
  let confirmed = 0;
  for (const r of state.rounds) {
    if (!isMajority(state, r.acks.length)) continue;
    confirmed = Math.max(confirmed, r.round);
    state.leaseFrom = Math.max(state.leaseFrom, r.sentAt);
  }
  for (const read of state.pendingReads) if (read.round <= confirmed) read.confirmed = true;
  serveReads(state, ctx);
}

function leaseHolds(state: RaftState, ctx: Ctx): boolean {
  return (
    state.config.reads === 'lease' &&
    state.leaseFrom >= 0 &&
    localNow(state, ctx) - state.leaseFrom < state.config.electionTimeout.min
  );
}

/**
 * A get at the leader: answered here without a log entry when the read mode allows; false
 * when it must go through the log (mode "log", a put, or no entry of this term committed).
 */
export function handleRead(
  state: RaftState,
  req: ClientRequest,
  ctx: Ctx,
  broadcast: () => void,
): boolean {
  if (state.config.reads === 'log' || req.op.type !== 'get') return false;
  if (termAt(state, state.commitIndex) !== state.currentTerm) return false;
  if (leaseHolds(state, ctx)) {
    state.pendingReads.push({ req, readIndex: state.commitIndex, round: 0, confirmed: true });
    serveReads(state, ctx);
    return true;
  }
  startRound(state, ctx);
  state.pendingReads.push({
    req,
    readIndex: state.commitIndex,
    round: state.round,
    confirmed: isMajority(state, 1),
  });
  broadcast();
  serveReads(state, ctx);
  return true;
}

/** Confirmed reads whose read index has applied are answered from the state machine. */
export function serveReads(state: RaftState, ctx: Ctx): void {
  if (state.pendingReads.length === 0) return;
  const waiting = [];
  for (const read of state.pendingReads) {
    if (!read.confirmed || read.readIndex > state.lastApplied) {
      waiting.push(read);
      continue;
    }
    const key = read.req.op.key;
    ctx.reply(read.req, { ok: true, value: getEntry(state.kv, key) ?? null });
  }
  state.pendingReads = waiting;
}
