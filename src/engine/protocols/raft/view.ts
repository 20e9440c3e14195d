/**
 * Raft as the lab shows it: a small, structured-cloneable projection of every node (the
 * cluster view, the log matrix) and the details of one (the inspector). Crashed nodes show
 * what they persisted (term, vote, log); what the cluster committed is shown beside it.
 */
import type { NodeRead, ViewRequest } from '../../protocol';
import { describeCommand } from './log';
import type { LogEntry, RaftPersistent, RaftState } from './types';

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
  logLength: number;
  /** Terms of log entries `logStart … logStart + logTerms.length - 1` (1-based indexes). */
  logStart: number;
  logTerms: number[];
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

function logOf(n: RaftRead): readonly LogEntry[] {
  return n.state?.log ?? n.persisted?.log ?? [];
}

export function raftView(nodes: readonly RaftRead[], req: ViewRequest): RaftView {
  let longest = 0;
  let clusterCommit = 0;
  for (const n of nodes) {
    longest = Math.max(longest, logOf(n).length);
    if (n.up && n.state) clusterCommit = Math.max(clusterCommit, n.state.commitIndex);
  }
  const end = req.windowEnd ?? longest;
  const start = Math.max(1, end - LOG_WINDOW + 1);
  return {
    nodes: nodes.map((n) => {
      const log = logOf(n);
      const s = n.up ? n.state : null;
      const logTerms: number[] = [];
      for (let idx = start; idx <= Math.min(log.length, end); idx++)
        logTerms.push(log[idx - 1]!.term);
      return {
        votedFor: s?.votedFor ?? n.persisted?.votedFor ?? null,
        leaderId: s?.leaderId ?? null,
        commitIndex: s?.commitIndex ?? 0,
        lastApplied: s?.lastApplied ?? 0,
        logLength: log.length,
        logStart: start,
        logTerms,
        votes: s?.role === 'candidate' || s?.role === 'pre-candidate' ? [...s.votesGranted] : [],
      };
    }),
    longest,
    clusterCommit,
  };
}

export function raftDetail(n: RaftRead): RaftDetail {
  const log = logOf(n);
  const s = n.up ? n.state : null;
  const entries: RaftDetail['log'] = [];
  for (let idx = Math.max(1, log.length - DETAIL_ENTRIES + 1); idx <= log.length; idx++) {
    const e = log[idx - 1]!;
    entries.push({ index: idx, term: e.term, command: describeCommand(e.command) });
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
