/**
 * The client interface (§8): followers redirect to the leader they know; the leader logs a
 * command once per term and answers it when it has applied (stateMachine.ts).
 */
import type { ClientRequest, ProtocolContext } from '../../types';
import { entryAt, lastLogIndex } from './log';
import { handleRead } from './reads';
import {
  advanceCommitIndex,
  appendToLeaderLog,
  broadcastAppendEntries,
  sendAppendEntries,
} from './replication';
import { response } from './stateMachine';
import type { RaftMessage, RaftState } from './types';

type Ctx = ProtocolContext<RaftMessage>;

/**
 * A client request. Followers and candidates redirect to the leader they know (§8). The
 * leader answers a command already applied from the session table, waits for one it already
 * logged in its term, and otherwise appends it and sends it to every caught-up follower.
 */
export function handleClientRequest(state: RaftState, req: ClientRequest, ctx: Ctx): void {
  if (state.role !== 'leader') {
    ctx.reply(req, { ok: false, error: 'not_leader', redirect: state.leaderId });
    return;
  }
  if (state.transferee !== null) {
    // §3.10: a leader handing over takes no new requests; the client may try the new leader.
    ctx.reply(req, { ok: false, error: 'transferring', redirect: state.transferee });
    return;
  }
  // §6.4: a get may be answered without a log entry (reads.ts).
  if (handleRead(state, req, ctx, () => broadcastAppendEntries(state, ctx))) return;
  const session = state.sessions[req.client];
  if (session !== undefined && req.seq <= session.seq) {
    if (req.seq === session.seq) ctx.reply(req, response(req, session.result));
    return;
  }
  // Already logged in this term: it commits with this leader's log, and is answered then.
  // One logged in an earlier term is logged again instead: without a no-op, an old-term entry
  // commits only below a current-term one (§5.4.2), and the retry may be the only one coming.
  // If both copies commit, the session table applies it once.
  for (let i = lastLogIndex(state); i > state.lastApplied; i--) {
    const e = entryAt(state, i)!;
    if (e.term !== state.currentTerm) break;
    if (e.command !== null && e.command.client === req.client && e.command.seq === req.seq) return;
  }
  const index = appendToLeaderLog(state, req);
  state.waiting[index] = { client: req.client, seq: req.seq, op: { ...req.op } };
  for (const peer of state.peers) {
    if (state.nextIndex[peer] === index) sendAppendEntries(state, peer, ctx);
  }
  advanceCommitIndex(state, ctx);
}
