/**
 * Raft's plain-data state and messages, named after Figure 2 of the paper
 * (Ongaro & Ousterhout, "In Search of an Understandable Consensus Algorithm", 2014).
 * The UI renders exactly these fields; the protocol code lives beside this file.
 */
import type { ClientRequest, KvOp, NodeId } from '../../types';

export type RaftRole = 'follower' | 'candidate' | 'leader';

/** A log entry. `command` is null for the no-op a new leader appends (§8). */
export interface LogEntry {
  term: number;
  command: RaftCommand | null;
}

/** A client operation as it travels through the log; client+seq make retries idempotent. */
export interface RaftCommand {
  client: string;
  seq: number;
  op: KvOp;
}

/** Figure 2, "Persistent state on all servers": survives crash and restart. */
export interface RaftPersistent {
  currentTerm: number;
  votedFor: NodeId | null;
  /** log[0] is entry index 1 (the paper's indexes start at 1). */
  log: LogEntry[];
}

export interface RaftConfig {
  electionTimeout: { min: number; max: number };
  heartbeatInterval: number;
  maxEntriesPerMessage: number;
  /** Follower reports the conflicting term's first index so the leader skips a whole term. */
  fastBackoff: boolean;
  /** A new leader appends a no-op of its term so earlier entries can commit (§8). */
  noopOnElection: boolean;
}

export interface RaftState extends RaftPersistent {
  id: NodeId;
  peers: NodeId[];
  config: RaftConfig;
  role: RaftRole;
  /** Who this node believes leads the current term, for client redirects. */
  leaderId: NodeId | null;
  commitIndex: number;
  lastApplied: number;
  /** Candidate: peers that granted their vote this term (self included). */
  votesGranted: NodeId[];
  /** Leader: next log index to send to each peer (Figure 2, volatile state on leaders). */
  nextIndex: Record<NodeId, number>;
  /** Leader: highest index known replicated on each peer. */
  matchIndex: Record<NodeId, number>;
  /** The replicated key-value state machine (applied entries only). */
  kv: Record<string, string>;
  /** Last applied seq per client, and its result, to answer retries without re-applying. */
  sessions: Record<string, { seq: number; result: string | null }>;
  /** Leader: client requests waiting for their entry to apply, by log index. */
  waiting: Record<number, ClientRequest>;
}

export interface RequestVote {
  type: 'RequestVote';
  term: number;
  candidateId: NodeId;
  lastLogIndex: number;
  lastLogTerm: number;
}

export interface RequestVoteReply {
  type: 'RequestVoteReply';
  term: number;
  voteGranted: boolean;
}

export interface AppendEntries {
  type: 'AppendEntries';
  term: number;
  leaderId: NodeId;
  prevLogIndex: number;
  prevLogTerm: number;
  entries: LogEntry[];
  leaderCommit: number;
}

export interface AppendEntriesReply {
  type: 'AppendEntriesReply';
  term: number;
  success: boolean;
  /** On success: the last index the follower now matches. */
  matchIndex: number;
  /** Fast back-off hints (§5.3 "optimization"): the conflicting term and its first index. */
  conflictTerm: number | null;
  conflictIndex: number;
}

export type RaftMessage = RequestVote | RequestVoteReply | AppendEntries | AppendEntriesReply;
