/** How the lab and the trace name and draw each Raft message. */
import type { MessageInfo } from '../../protocol';
import type { RaftMessage } from './types';

export function describeRaftMessage(m: RaftMessage): MessageInfo {
  switch (m.type) {
    case 'RequestVote':
      return { cls: 'vote-request', epoch: m.term, label: 'RequestVote' };
    case 'RequestVoteReply':
      return m.voteGranted
        ? { cls: 'vote-granted', epoch: m.term, label: 'vote granted' }
        : { cls: 'vote-denied', epoch: m.term, label: 'vote denied' };
    case 'PreVote':
      return { cls: 'prevote-request', epoch: m.term, label: 'PreVote' };
    case 'PreVoteReply':
      return m.voteGranted
        ? { cls: 'prevote-granted', epoch: m.term, label: 'pre-vote granted' }
        : { cls: 'prevote-denied', epoch: m.term, label: 'pre-vote denied' };
    case 'TimeoutNow':
      return { cls: 'timeout-now', epoch: m.term, label: 'TimeoutNow' };
    case 'AppendEntries':
      return m.entries.length > 0
        ? { cls: 'append', epoch: m.term, label: `AppendEntries ×${m.entries.length}` }
        : { cls: 'heartbeat', epoch: m.term, label: 'heartbeat' };
    case 'InstallSnapshot':
      // §7: the whole snapshot in one message; its label names the index it covers.
      return {
        cls: 'install-snapshot',
        epoch: m.term,
        label: `InstallSnapshot ≤ ${m.snapshot.lastIncludedIndex}`,
      };
    case 'InstallSnapshotReply':
      return { cls: 'snapshot-ok', epoch: m.term, label: 'snapshot installed' };
    case 'AppendEntriesReply':
      return m.success
        ? { cls: 'append-ok', epoch: m.term, label: 'append ok' }
        : { cls: 'append-fail', epoch: m.term, label: 'append rejected' };
  }
}
