/**
 * Raft as a Protocol for the simulator: one entry point per kind of input, dispatching to
 * the handlers named after the paper (election.ts, replication.ts, stateMachine.ts).
 * State is plain data; every effect goes through the context.
 */
import type { Scenario } from '../../scenario';
import type { ProtocolEntry } from '../../simulator';
import type { NodeSummary, Protocol, ProtocolContext } from '../../types';
import { handleRequestVoteReply, handleRequestVoteRequest, startNewElection } from './election';
import { raftCheckers } from './invariants';
import { describeCommand } from './log';
import {
  handleAppendEntriesReply,
  handleAppendEntriesRequest,
  sendHeartbeats,
} from './replication';
import { handleClientRequest } from './stateMachine';
import { ELECTION_TIMER, HEARTBEAT_TIMER, resetElectionTimer } from './timers';
import type { LogEntry, RaftConfig, RaftMessage, RaftPersistent, RaftState } from './types';

export const DEFAULT_RAFT_CONFIG: RaftConfig = {
  electionTimeout: { min: 150, max: 300 },
  heartbeatInterval: 50,
  maxEntriesPerMessage: 64,
  fastBackoff: true,
  noopOnElection: true,
};

/** A node starting from its persistent state with fresh volatile state (Figure 2). */
function freshState(
  ctx: ProtocolContext<RaftMessage>,
  config: RaftConfig,
  p: RaftPersistent,
): RaftState {
  const state: RaftState = {
    id: ctx.self,
    peers: [...ctx.peers],
    config,
    currentTerm: p.currentTerm,
    votedFor: p.votedFor,
    log: p.log.slice(), // entries are immutable (see freezeEntry): share them
    role: 'follower',
    leaderId: null,
    commitIndex: 0,
    lastApplied: 0,
    votesGranted: [],
    nextIndex: {},
    matchIndex: {},
    electionDeadline: 0,
    electionTimeoutDrawn: 0,
    kv: {},
    sessions: {},
    waiting: {},
  };
  resetElectionTimer(state, ctx);
  return state;
}

function summarizeLog(log: LogEntry[]): NodeSummary['log'] {
  return log.map((e) => ({ term: e.term, command: describeCommand(e.command) }));
}

export const raftProtocol: Protocol<RaftState, RaftMessage, RaftPersistent, RaftConfig> = {
  name: 'raft',
  defaultConfig: () => structuredClone(DEFAULT_RAFT_CONFIG),
  init: (ctx, config) => freshState(ctx, config, { currentTerm: 0, votedFor: null, log: [] }),
  onMessage(state, msg, ctx) {
    const m = msg.payload;
    switch (m.type) {
      case 'RequestVote':
        return handleRequestVoteRequest(state, msg.from, m, ctx);
      case 'RequestVoteReply':
        return handleRequestVoteReply(state, msg.from, m, ctx);
      case 'AppendEntries':
        return handleAppendEntriesRequest(state, msg.from, m, ctx);
      case 'AppendEntriesReply':
        return handleAppendEntriesReply(state, msg.from, m, ctx);
    }
  },
  onTimer(state, timer, ctx) {
    if (timer === ELECTION_TIMER && state.role !== 'leader') startNewElection(state, ctx);
    else if (timer === HEARTBEAT_TIMER) sendHeartbeats(state, ctx);
  },
  onClientRequest: (state, req, ctx) => handleClientRequest(state, req, ctx),
  /** Figure 2: currentTerm, votedFor and log are on stable storage before any reply is sent. */
  persistent: (state) => ({
    currentTerm: state.currentTerm,
    votedFor: state.votedFor,
    log: state.log.slice(),
  }),
  onRecover: (ctx, config, persisted) => freshState(ctx, config, persisted),
  /** The "timeout" action: start an election now, whatever the role (a leader too). */
  onForceTimeout: (state, ctx) => startNewElection(state, ctx),
  summarize: (state) => ({
    role: state.role,
    term: state.currentTerm,
    commitIndex: state.commitIndex,
    log: summarizeLog(state.log),
  }),
  summarizePersisted: (p) => ({
    role: 'down',
    term: p.currentTerm,
    commitIndex: 0,
    log: summarizeLog(p.log),
  }),
  status: (state) => ({ role: state.role, term: state.currentTerm }),
  messageKind: (m) => m.type,
};

export const raftEntry: ProtocolEntry<RaftState, RaftMessage, RaftPersistent, RaftConfig> = {
  protocol: raftProtocol,
  checkers: raftCheckers,
  config: (scenario: Scenario) => structuredClone(scenario.raft),
};
