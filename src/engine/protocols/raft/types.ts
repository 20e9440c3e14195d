/**
 * Raft's plain-data state and messages, named after Figure 2 of the paper
 * (Ongaro & Ousterhout, "In Search of an Understandable Consensus Algorithm", 2014).
 * The UI renders exactly these fields; the protocol code lives beside this file.
 */
import type { ClientRequest, KvOp, NodeId } from '../../types';
import type { RaftMutation } from './mutants';

/** `pre-candidate`: asking whether it could win before it raises its term (PreVote, §9.6). */
export type RaftRole = 'follower' | 'pre-candidate' | 'candidate' | 'leader';

/** A log entry. `command` is null for the no-op a new leader appends (§8). */
export interface LogEntry {
  term: number;
  command: RaftCommand | null;
  /**
   * Dissertation §4.1: a configuration entry (command null) holding the new configuration's
   * voting members, in force at each server from the moment it is in its log (membership.ts).
   */
  config?: readonly NodeId[];
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
  /**
   * The entries after the snapshot: log[0] is index `snapshot.lastIncludedIndex + 1` (index 1
   * without a snapshot; the paper's indexes start at 1). Read it through log.ts's helpers.
   */
  log: LogEntry[];
  /** §7: the state machine up to lastIncludedIndex, which replaces that prefix of the log. */
  snapshot: RaftSnapshot | null;
  /**
   * §4: the configuration before the log's first entry — the initial cluster, or [] for a
   * server that joined at run time (add-server). Absent: the initial cluster (self + peers).
   */
  bootstrap?: readonly NodeId[];
}

/**
 * §7 (Figure 12): a snapshot of the state machine — the kv store and the client sessions —
 * as of lastIncludedIndex, with that entry's term for the consistency check of the entry
 * after it. Frozen once taken: live state, messages and keyframes share it.
 */
export interface RaftSnapshot {
  lastIncludedIndex: number;
  lastIncludedTerm: number;
  kv: Record<string, string>;
  sessions: Record<string, { seq: number; result: string | null }>;
  /**
   * The configuration in force at lastIncludedIndex (Figure 12 "latest config"; dissertation
   * §5.1): it becomes the server's bootstrap, the configuration before its log's first entry.
   */
  members: readonly NodeId[];
}

export interface RaftConfig {
  electionTimeout: { min: number; max: number };
  heartbeatInterval: number;
  maxEntriesPerMessage: number;
  /** Follower reports the conflicting term's first index so the leader skips a whole term. */
  fastBackoff: boolean;
  /** A new leader appends a no-op of its term so earlier entries can commit (§8). */
  noopOnElection: boolean;
  /**
   * Dissertation §9.6: before an election a node asks whether it could win (PreVote), at the
   * term it would use, without raising its own; peers that heard from a leader lately say no.
   */
  preVote: boolean;
  /**
   * Dissertation §6.2 (and etcd): a leader that has not heard from a majority within an
   * election timeout steps down; a follower that heard from a leader within the minimum
   * election timeout ignores RequestVote (the leader lease, §4.2.3), so a server that cannot
   * hear the leader cannot depose it.
   */
  checkQuorum: boolean;
  /**
   * §6.4: how a get is answered. `log`: it goes through the log like a put. `readIndex`: the
   * leader notes its commit index, confirms it still leads with one heartbeat round, and
   * answers once it has applied that far. `lease`: the leader answers at once while its lease
   * holds (a heartbeat round a majority acknowledged, less than the minimum election timeout
   * ago by its own clock) — safe only with bounded clock drift (§6.4.1).
   */
  reads: 'log' | 'readIndex' | 'lease';
  /**
   * How much faster each node's clock runs than real time (0.1: 10 % fast, −0.5: half speed).
   * The lease rules read these clocks; a leader whose clock runs slow holds its lease too long.
   */
  clockDrift: Record<NodeId, number>;
  /**
   * §7 log compaction: a server that has applied this many entries beyond its last snapshot
   * takes a new one and discards the entries it covers. 0: never.
   */
  snapshotEvery: number;
  /**
   * Rules switched off (mutants.ts; the scenario's `mutations`, never its `raft` section).
   * Absent: the protocol as the paper gives it.
   */
  mutations?: readonly RaftMutation[];
}

export interface RaftState extends RaftPersistent {
  id: NodeId;
  /** The other voting members of the configuration in force (§4.1: the latest in the log). */
  peers: NodeId[];
  /**
   * §4.1: the configuration in force — the latest in the log, committed or not — and the
   * index of the entry that holds it (0: the bootstrap configuration). membershipLog.ts.
   */
  members: NodeId[];
  configIndex: number;
  config: RaftConfig;
  role: RaftRole;
  /** Who this node believes leads the current term, for client redirects. */
  leaderId: NodeId | null;
  commitIndex: number;
  lastApplied: number;
  /** Candidate: peers that granted their vote this term (self included); pre-candidate: pre-votes. */
  votesGranted: NodeId[];
  /** Virtual time this node last heard from a leader of its term (-1: never). Volatile. */
  leaderContactAt: number;
  /** Leader: the server it is handing leadership to (§3.10), or null. Volatile. */
  transferee: NodeId | null;
  /** Leader: gets waiting for their read index to be confirmed and applied (§6.4). */
  pendingReads: PendingRead[];
  /** Leader: heartbeat rounds sent this term, the latest last (for reads and the lease). */
  round: number;
  /** Leader: when (by its own clock) each recent round was sent, and who acknowledged it. */
  rounds: { round: number; sentAt: number; acks: NodeId[] }[];
  /** Leader: its own clock's time the newest majority-acknowledged round was sent, or -1. */
  leaseFrom: number;
  /** Leader with checkQuorum: peers heard from since the last quorum check. */
  recentlyActive: Record<NodeId, true>;
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

/** A get answered without a log entry (§6.4): its read index and the round confirming it. */
export interface PendingRead {
  req: ClientRequest;
  readIndex: number;
  /** The heartbeat round whose majority of acknowledgements confirms leadership. */
  round: number;
  confirmed: boolean;
}

export interface RequestVote {
  type: 'RequestVote';
  term: number;
  candidateId: NodeId;
  lastLogIndex: number;
  lastLogTerm: number;
  /** Sent on the leader's TimeoutNow (§3.10): the leader lease does not hold it back. */
  transfer?: true;
}

/** §3.10: the leader tells an up-to-date follower to start an election at once. */
export interface TimeoutNow {
  type: 'TimeoutNow';
  term: number;
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
  /** The leader's heartbeat round (§6.4 reads and the lease), echoed in the reply. */
  round?: number;
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
  /** The round of the AppendEntries answered. */
  round?: number;
}

/** §9.6: "could I win an election at `term`?" — changes nobody's term or vote. */
export interface PreVote {
  type: 'PreVote';
  /** The term the sender would campaign in: its own plus one. */
  term: number;
  candidateId: NodeId;
  lastLogIndex: number;
  lastLogTerm: number;
}

export interface PreVoteReply {
  type: 'PreVoteReply';
  /** Granted: the term asked about; refused: the voter's own term. */
  term: number;
  voteGranted: boolean;
}

/**
 * §7 (Figure 13): the leader sends a follower that needs entries it has compacted its
 * snapshot instead. The whole snapshot travels in one message (no offset/done chunking).
 */
export interface InstallSnapshot {
  type: 'InstallSnapshot';
  term: number;
  leaderId: NodeId;
  snapshot: RaftSnapshot;
}

export interface InstallSnapshotReply {
  type: 'InstallSnapshotReply';
  term: number;
  /** The snapshot's lastIncludedIndex: the follower now holds everything up to it. */
  lastIncludedIndex: number;
}

export type RaftMessage =
  | InstallSnapshot
  | InstallSnapshotReply
  | RequestVote
  | RequestVoteReply
  | AppendEntries
  | AppendEntriesReply
  | PreVote
  | PreVoteReply
  | TimeoutNow;
