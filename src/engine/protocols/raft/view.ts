/**
 * Raft as the lab shows it: a small, structured-cloneable projection of every node (the
 * cluster view, the log matrix) and the details of one (the inspector). Crashed nodes show
 * what they persisted (term, vote, log); what the cluster committed is shown beside it.
 */
import type { NodeRead, ViewRequest } from '../../protocol';
import { entryAt, firstLogIndex, lastLogIndex, snapshotIndex } from './log';
import { configurationInForce } from './membership';
import { describeEntry } from './membershipLog';
import type { RaftPersistent, RaftState } from './types';

/** How many log indexes (ending at the window's end) the view carries per node. */
export const LOG_WINDOW = 40;
/** How many of the newest log entries the inspector lists. */
const DETAIL_ENTRIES = 30;

export interface RaftNodeView {
  votedFor: string | null;
  leaderId: string | null;
  /** The node's own commitIndex (0 while crashed: it is volatile state). */
  commitIndex: number;
  lastApplied: number;
  /** The last log index (snapshot included: §7 keeps the paper's global indexes). */
  logLength: number;
  /**
   * Terms of log entries `logStart … logStart + logTerms.length - 1` (1-based indexes); only
   * entries the log still holds, so logStart is past the snapshot.
   */
  logStart: number;
  logTerms: number[];
  /** §7: the last index and term the node's snapshot covers (0 and 0: none). */
  snapshotIndex: number;
  snapshotTerm: number;
  /** Candidate: peers that granted their vote (self included). */
  votes: string[];
}

export interface RaftView {
  /** Index-aligned with the snapshot's nodes. */
  nodes: RaftNodeView[];
  /** The longest log of any node (persisted logs of crashed nodes included). */
  longest: number;
  /** The highest commitIndex any up node knows: what the cluster committed. */
  clusterCommit: number;
  /** §4: the configuration in force (membership.ts) and the quorum it needs. */
  configuration?: { members: string[]; quorum: number };
}

export interface RaftDetail {
  /** The newest entries, with their commands spelled out. */
  log: { index: number; term: number; command: string }[];
  nextIndex: Record<string, number> | null;
  matchIndex: Record<string, number> | null;
  kvSize: number;
  /** True when the node is down and this is what it persisted. */
  persisted: boolean;
}

type RaftRead = NodeRead<RaftState, RaftPersistent>;

const EMPTY: Pick<RaftPersistent, 'log' | 'snapshot'> = { log: [], snapshot: null };

/** What the node holds of its log: live, or as persisted while it is down. */
function logOf(n: RaftRead): Pick<RaftPersistent, 'log' | 'snapshot'> {
  return n.state ?? n.persisted ?? EMPTY;
}

export function raftView(nodes: readonly RaftRead[], req: ViewRequest): RaftView {
  let longest = 0;
  let clusterCommit = 0;
  for (const n of nodes) {
    longest = Math.max(longest, lastLogIndex(logOf(n)));
    if (n.up && n.state) clusterCommit = Math.max(clusterCommit, n.state.commitIndex);
  }
  const end = req.windowEnd ?? longest;
  const start = Math.max(1, end - LOG_WINDOW + 1);
  return {
    nodes: nodes.map((n) => {
      const log = logOf(n);
      const s = n.up ? n.state : null;
      const from = Math.max(start, firstLogIndex(log));
      const logTerms: number[] = [];
      for (let idx = from; idx <= Math.min(lastLogIndex(log), end); idx++)
        logTerms.push(entryAt(log, idx)!.term);
      return {
        votedFor: s?.votedFor ?? n.persisted?.votedFor ?? null,
        leaderId: s?.leaderId ?? null,
        commitIndex: s?.commitIndex ?? 0,
        lastApplied: s?.lastApplied ?? 0,
        logLength: lastLogIndex(log),
        logStart: from,
        logTerms,
        snapshotIndex: snapshotIndex(log),
        snapshotTerm: log.snapshot?.lastIncludedTerm ?? 0,
        votes: s?.role === 'candidate' || s?.role === 'pre-candidate' ? [...s.votesGranted] : [],
      };
    }),
    longest,
    clusterCommit,
    configuration: configurationInForce(nodes),
  };
}

export function raftDetail(n: RaftRead): RaftDetail {
  const log = logOf(n);
  const s = n.up ? n.state : null;
  const entries: RaftDetail['log'] = [];
  const last = lastLogIndex(log);
  for (let idx = Math.max(firstLogIndex(log), last - DETAIL_ENTRIES + 1); idx <= last; idx++) {
    const e = entryAt(log, idx)!;
    entries.push({ index: idx, term: e.term, command: describeEntry(e) });
  }
  const leads = s?.role === 'leader';
  return {
    log: entries,
    nextIndex: leads ? { ...s.nextIndex } : null,
    matchIndex: leads ? { ...s.matchIndex } : null,
    kvSize: s ? Object.keys(s.kv).length : 0,
    persisted: s === null,
  };
}
