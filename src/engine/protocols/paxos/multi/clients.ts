/**
 * The client interface (Paxos Made Simple §3; the same contract as every log-based protocol here): a node that is
 * not the leader refuses with the leader it knows; the leader answers a request its session
 * table already settled, waits for one already proposed, and otherwise proposes it in the next
 * free slot. Reads go through the log like writes, so every answer is linearizable.
 */
import { copyKvCommand, sessionAnswer } from '../../../kv/stateMachine';
import type { ClientRequest, ProtocolContext } from '../../../types';
import { recordProposal } from '../core';
import { proposeHere, sendAccept } from './replication';
import type { MultiMessage, MultiState } from './types';

type Ctx = ProtocolContext<MultiMessage>;

function freezeCommand(c: ClientRequest): ClientRequest {
  const cmd = copyKvCommand(c);
  Object.freeze(cmd.op);
  return Object.freeze(cmd);
}

/** A slot from `applied` on holding this client's request: it is proposed already. */
function proposedAlready(state: MultiState, req: ClientRequest): boolean {
  for (let slot = state.applied; slot < state.nextSlot; slot++) {
    const v = state.chosen[slot]?.value ?? state.accepted[slot]?.value ?? null;
    if (v !== null && v.client === req.client && v.seq === req.seq) return true;
  }
  return false;
}

export function handleClientRequest(state: MultiState, req: ClientRequest, ctx: Ctx): void {
  if (state.role !== 'leader') {
    ctx.reply(req, { ok: false, error: 'not_leader', redirect: state.leaderId });
    return;
  }
  const settled = sessionAnswer(state, req);
  if (settled === 'stale') return;
  if (settled !== null) {
    ctx.reply(req, settled);
    return;
  }
  // Proposed already (a retry, or re-proposed from an earlier leader): answered once applied.
  if (proposedAlready(state, req)) return;
  const slot = state.nextSlot++;
  const cmd = freezeCommand(req);
  recordProposal(state, ctx.now(), slot, cmd);
  proposeHere(state, slot, cmd, ctx);
  for (const peer of state.peers) sendAccept(state, peer, [{ slot, command: cmd }], ctx);
}
