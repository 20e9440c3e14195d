/**
 * Single-server membership changes (Ongaro's dissertation, §4.1–4.3): the add-server and
 * remove-server actions through the protocol seam's `membership` hook.
 *
 * - The leader appends a configuration entry — the old members plus or minus one server —
 *   which is in force at every server as soon as it is in its log, committed or not (§4.1,
 *   membershipLog.ts). Any majority of the old configuration overlaps any majority of the
 *   new one, so no two leaders of one term can be elected across the change.
 * - One change at a time: the leader takes a new change only once the previous
 *   configuration entry is committed, and — the fix to the bug in the dissertation's §4.1
 *   that the raft-dev errata (2015) and etcd describe — only once it has committed an entry
 *   of its own term: otherwise a change appended by an earlier leader that never committed
 *   and one appended now can each have a majority that does not overlap the other's.
 * - A server outside the configuration starts no election (raft.ts); it still answers
 *   RequestVote and AppendEntries, since a server learns of its own addition from its log.
 * - A leader that removes itself steps down once that entry commits (§4.2.2,
 *   membershipLog.ts stepDownIfRemoved), without counting itself in majorities meanwhile.
 * - §4.2.1's catch-up round (a new server replicating as a non-voting learner before it
 *   counts) is NOT done here: the new server votes from the entry that adds it on, so while
 *   it catches up a 3 → 4 change needs 3 of 4 acknowledgements — the availability gap
 *   §4.2.1 describes, visible in the lab as a slower commit right after add-server.
 */
import type { NodeRead } from '../../protocol';
import { majority } from '../../quorum';
import type { NodeId, ProtocolContext } from '../../types';
import { freezeEntry, lastLogIndex, lastLogTerm, termAt } from './log';
import { adoptConfiguration, bootstrapOf, latestConfiguration } from './membershipLog';
import { advanceCommitIndex, broadcastAppendEntries } from './replication';
import type { RaftMessage, RaftPersistent, RaftState } from './types';

type Ctx = ProtocolContext<RaftMessage>;
type Change = { add: NodeId } | { remove: NodeId };

/** Why the leader cannot take `change` now, or null. */
export function refuseChange(state: RaftState, change: Change): string | null {
  if (state.role !== 'leader') return `${state.id} is not the leader`;
  if (state.transferee !== null) return `it is handing leadership to ${state.transferee}`;
  if (state.configIndex > state.commitIndex) {
    return `the previous configuration change (entry ${state.configIndex}) is not committed yet`;
  }
  if (termAt(state, state.commitIndex) !== state.currentTerm) {
    return `it has committed no entry of its own term ${state.currentTerm} yet (§4.1, one change at a time)`;
  }
  if ('add' in change) {
    if (state.members.includes(change.add)) return `${change.add} is already a member`;
    return null;
  }
  if (!state.members.includes(change.remove)) {
    return `${change.remove} is not in the configuration`;
  }
  if (state.members.length === 1) return `${change.remove} is the configuration's last member`;
  return null;
}

/** The leader appends the new configuration, which is in force from now on (§4.1). */
export function changeConfiguration(state: RaftState, change: Change, ctx: Ctx): void {
  const members =
    'add' in change
      ? [...state.members, change.add]
      : state.members.filter((id) => id !== change.remove);
  state.log.push(
    freezeEntry({ term: state.currentTerm, command: null, config: Object.freeze([...members]) }),
  );
  const index = lastLogIndex(state);
  adoptConfiguration(state, index, members);
  ctx.note(
    `appends configuration ${members.join(', ')} at index ${index} (quorum ${majority(members.length)} of ${members.length})`,
  );
  broadcastAppendEntries(state, ctx);
  // A configuration that shrank may be committed by the leader's own copy alone.
  advanceCommitIndex(state, ctx);
}

type RaftRead = NodeRead<RaftState, RaftPersistent>;

/**
 * The configuration in force across the cluster, as the lab shows it: the leader's (the
 * highest term among up leaders); with no leader, the one in the most up-to-date log
 * (§5.4.1's order), crashed servers' persisted logs included.
 */
export function configurationInForce(nodes: readonly RaftRead[]): {
  members: NodeId[];
  quorum: number;
} {
  let leader: RaftState | null = null;
  for (const n of nodes) {
    const s = n.up ? n.state : null;
    if (s?.role === 'leader' && (leader === null || s.currentTerm > leader.currentTerm)) leader = s;
  }
  let members: NodeId[] = [];
  if (leader !== null) members = [...leader.members];
  else {
    let best: RaftRead | null = null;
    for (const n of nodes) {
      if (n.state === null && n.persisted === null) continue;
      if (best === null || moreUpToDate(held(n), held(best))) best = n;
    }
    if (best !== null) {
      const p = held(best);
      members = latestConfiguration(p, lastLogIndex(p), bootstrapOf(p, best.id, [])).members;
    }
  }
  return { members, quorum: majority(members.length) };
}

function held(n: RaftRead): RaftPersistent {
  return (n.state ?? n.persisted)!;
}

/** §5.4.1's order: a higher last term, or the same last term and a longer log. */
function moreUpToDate(a: RaftPersistent, b: RaftPersistent): boolean {
  const ta = lastLogTerm(a);
  const tb = lastLogTerm(b);
  return ta > tb || (ta === tb && lastLogIndex(a) > lastLogIndex(b));
}
