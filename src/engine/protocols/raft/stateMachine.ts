/**
 * The replicated key-value state machine (§8): committed entries apply in log order; a
 * session table (last seq and result per client) makes a retried command apply once; the
 * leader answers a client once its entry has applied.
 */
import { applyCommand, response } from '../../kv/stateMachine';
import type { ProtocolContext } from '../../types';
import { entryAt } from './log';
import { serveReads } from './reads';
import type { RaftMessage, RaftState } from './types';

type Ctx = ProtocolContext<RaftMessage>;

// Applying a command and the session table are the neutral kv/stateMachine.ts, shared with
// Multi-Paxos; the client interface re-imports `response` from here.
export { response };

/** Figure 2, "All servers": while commitIndex > lastApplied, apply log[++lastApplied]. */
export function applyCommittedEntries(state: RaftState, ctx: Ctx): void {
  while (state.lastApplied < state.commitIndex) {
    const index = ++state.lastApplied;
    // Never compacted: a snapshot covers applied entries only.
    const entry = entryAt(state, index)!;
    if (state.waiting[index] !== undefined) delete state.waiting[index];
    if (entry.command === null) continue;
    const outcome = applyCommand(state, entry.command);
    // Only the leader answers; it may answer requests taken by an earlier leader too.
    if (outcome !== null && state.role === 'leader') {
      ctx.reply(entry.command, response(entry.command, outcome.result));
    }
  }
  // Reads waiting for their read index to apply (§6.4).
  serveReads(state, ctx);
}
