/**
 * The replicated key-value state machine and the client interface (§8): committed entries
 * apply in log order; a session table (last seq and result per client) makes a retried
 * command apply once; the leader answers a client once its entry has applied.
 */
import type { ClientRequest, ClientResponse, ProtocolContext } from '../../types';
import { lastLogIndex } from './log';
import { appendToLeaderLog, sendAppendEntries, advanceCommitIndex } from './replication';
import type { RaftCommand, RaftMessage, RaftState } from './types';

type Ctx = ProtocolContext<RaftMessage>;

/** The answer a command earns, or null when it must not be answered (a stale duplicate). */
type Outcome = { result: string | null } | null;

function response(cmd: RaftCommand, result: string | null): ClientResponse {
  return cmd.op.type === 'get' ? { ok: true, value: result } : { ok: true };
}

/**
 * Applies one command. A command whose seq the client's session has already reached was
 * applied before (a retry logged twice): it changes nothing; the latest one is answered
 * from the session, an older one not at all (its client has moved on).
 */
export function applyCommand(state: RaftState, cmd: RaftCommand): Outcome {
  const session = state.sessions[cmd.client];
  if (session !== undefined && cmd.seq <= session.seq) {
    return cmd.seq === session.seq ? { result: session.result } : null;
  }
  let result: string | null = null;
  if (cmd.op.type === 'put') state.kv[cmd.op.key] = cmd.op.value;
  else result = state.kv[cmd.op.key] ?? null;
  state.sessions[cmd.client] = { seq: cmd.seq, result };
  return { result };
}

/** Figure 2, "All servers": while commitIndex > lastApplied, apply log[++lastApplied]. */
export function applyCommittedEntries(state: RaftState, ctx: Ctx): void {
  while (state.lastApplied < state.commitIndex) {
    const index = ++state.lastApplied;
    const entry = state.log[index - 1]!;
    delete state.waiting[index];
    if (entry.command === null) continue;
    const outcome = applyCommand(state, entry.command);
    // Only the leader answers; it may answer requests taken by an earlier leader too.
    if (outcome !== null && state.role === 'leader') {
      ctx.reply(entry.command, response(entry.command, outcome.result));
    }
  }
}

/**
 * A client request. Followers and candidates redirect to the leader they know (§8). The
 * leader answers a command already applied from the session table, waits for one it already
 * logged in its term, and otherwise appends it and sends it to every caught-up follower.
 */
export function handleClientRequest(state: RaftState, req: ClientRequest, ctx: Ctx): void {
  if (state.role !== 'leader') {
    ctx.reply(req, { ok: false, error: 'not_leader', leaderHint: state.leaderId });
    return;
  }
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
    const e = state.log[i - 1]!;
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
