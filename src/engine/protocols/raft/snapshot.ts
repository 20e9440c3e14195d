/**
 * Log compaction (§7, Figure 12; dissertation ch. 5): a server that has applied
 * `snapshotEvery` entries beyond its last snapshot writes its state machine — the kv store
 * and the client sessions — as of lastApplied into a snapshot, with lastIncludedIndex and
 * lastIncludedTerm, and discards the log entries the snapshot covers. The snapshot is
 * persistent state: a restarted server restores its state machine from it.
 *
 * The snapshot is taken at the server's next event after the apply that made it due, not in
 * the same step: real servers snapshot in the background after applying (§5.1.2 of the
 * dissertation), and the cluster-wide checkers (invariants.ts) then see every committed entry
 * in some log before it is compacted away.
 */
import { deepFreeze } from '../../history/snapshot';
import type { NodeId, ProtocolContext } from '../../types';
import { snapshotIndex, termAt } from './log';
import { adoptConfiguration, latestConfiguration } from './membershipLog';
import type { InstallSnapshot, RaftMessage, RaftSnapshot, RaftState } from './types';

type Ctx = ProtocolContext<RaftMessage>;

/** A frozen snapshot of `state`'s state machine as of lastApplied (shared, never copied). */
export function snapshotOf(state: RaftState): RaftSnapshot {
  const snapshot: RaftSnapshot = {
    lastIncludedIndex: state.lastApplied,
    lastIncludedTerm: termAt(state, state.lastApplied),
    kv: { ...state.kv },
    sessions: { ...state.sessions },
    members: latestConfiguration(state, state.lastApplied, bootstrapOfState(state)).members,
  };
  deepFreeze(snapshot);
  return snapshot;
}

/** Whether `state` has applied `snapshotEvery` entries beyond its snapshot. O(1), no allocation. */
export function snapshotDue(state: RaftState): boolean {
  const every = state.config.snapshotEvery;
  return every > 0 && state.lastApplied - snapshotIndex(state) >= every;
}

/**
 * Takes a snapshot up to lastApplied and discards the entries it covers, when one is due.
 * Called first thing at every event of the server (raft.ts).
 */
export function compactIfDue(state: RaftState, ctx: Ctx): void {
  if (!snapshotDue(state)) return;
  const from = snapshotIndex(state);
  const snapshot = snapshotOf(state);
  state.log = state.log.slice(snapshot.lastIncludedIndex - from);
  state.snapshot = snapshot;
  // The configuration before the log's first entry is now the snapshot's (§4.1 reads it on a
  // restart; the one in force does not change: it is the same log).
  state.bootstrap = snapshot.members;
  ctx.note(
    `takes a snapshot up to index ${snapshot.lastIncludedIndex} (term ` +
      `${snapshot.lastIncludedTerm}) and discards entries ${from + 1}…${snapshot.lastIncludedIndex}`,
  );
}

/** The configuration before the log's first entry (live states always carry one). */
function bootstrapOfState(state: RaftState): readonly NodeId[] {
  return state.bootstrap ?? [state.id, ...state.peers];
}

/**
 * After InstallSnapshot replaced a prefix of the log (or all of it): the snapshot's
 * configuration is the one before the log's first entry, and the one in force is the newest
 * in what is left of the log, or the snapshot's.
 */
export function adoptSnapshotConfiguration(state: RaftState, snapshot: RaftSnapshot): void {
  state.bootstrap = snapshot.members;
  const inForce = latestConfiguration(state, Number.MAX_SAFE_INTEGER, snapshot.members);
  adoptConfiguration(state, inForce.index, inForce.members);
}

/**
 * Resets the state machine from a snapshot (a restart, or InstallSnapshot's step 8): the kv
 * store and sessions become the snapshot's, and everything up to its lastIncludedIndex counts
 * as committed and applied. Copies: the snapshot is frozen and shared.
 */
export function restoreStateMachine(state: RaftState, snapshot: RaftSnapshot): void {
  state.kv = { ...snapshot.kv };
  state.sessions = { ...snapshot.sessions };
  state.lastApplied = snapshot.lastIncludedIndex;
  state.commitIndex = Math.max(state.commitIndex, snapshot.lastIncludedIndex);
}

/**
 * The leader's side of InstallSnapshot (Figure 13): its current snapshot, to a follower that
 * needs entries it has compacted — its nextIndex is at or below lastIncludedIndex. The whole
 * snapshot goes in one message (no chunking: the lab's messages have no size limit).
 */
export function sendInstallSnapshot(
  state: RaftState,
  peer: NodeId,
  snapshot: RaftSnapshot,
  ctx: Ctx,
): void {
  const msg: InstallSnapshot = {
    type: 'InstallSnapshot',
    term: state.currentTerm,
    leaderId: state.id,
    snapshot,
  };
  ctx.send(peer, msg);
}
