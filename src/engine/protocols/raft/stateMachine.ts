/**
 * The replicated key-value state machine (§8): committed entries apply in log order; a
 * session table (last seq and result per client) makes a retried command apply once; the
 * leader answers a client once its entry has applied.
 */
import type { ClientResponse, ProtocolContext } from '../../types';
import type { RaftCommand, RaftMessage, RaftState } from './types';

type Ctx = ProtocolContext<RaftMessage>;

/** The answer a command earns, or null when it must not be answered (a stale duplicate). */
type Outcome = { result: string | null } | null;

export function response(cmd: RaftCommand, result: string | null): ClientResponse {
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
