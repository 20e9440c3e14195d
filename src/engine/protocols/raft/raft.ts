/**
 * Raft as a protocol module: one entry point per kind of input, dispatching to the handlers
 * named after the paper (election.ts, replication.ts, stateMachine.ts), and the projections
 * the CLI and the lab read (summary, view.ts). State is plain data; every effect goes
 * through the context.
 */
import type { NodeRead, ProtocolModule } from '../../protocol';
import type { ProtocolContext } from '../../types';
import { raftConfig } from './config';
import { mutated, RAFT_MUTANTS, withRaftMutations } from './mutants';
import { describeRaftMessage } from './describe';
import { startNewElection } from './election';
import { raftCheckers } from './invariants';
import { lastLogIndex, snapshotIndex } from './log';
import { stepMessage } from './step';
import { sendHeartbeats } from './replication';
import { handleClientRequest } from './clients';
import { onCheckQuorumTimer } from './checkQuorum';
import { startPreVote } from './prevote';
import { onTransferTimer, transferLeadership } from './transfer';
import {
  CHECK_QUORUM_TIMER,
  ELECTION_TIMER,
  HEARTBEAT_TIMER,
  resetElectionTimer,
  TRANSFER_TIMER,
} from './timers';
import type { RaftConfig, RaftMessage, RaftPersistent, RaftState } from './types';
import { compactIfDue, restoreStateMachine } from './snapshot';
import { raftDetail, raftView } from './view';
import { changeConfiguration, configurationInForce, refuseChange } from './membership';
import { membershipCheckers } from './membershipInvariants';
import {
  adoptConfiguration,
  bootstrapOf,
  byServerId,
  describeEntry,
  isVoter,
  latestConfiguration,
} from './membershipLog';
import type { RaftDetail, RaftView } from './view';
import { stateMachineReplicas } from '../../kv/replicas';

export { DEFAULT_RAFT_CONFIG } from './config';

/** A node starting from its persistent state with fresh volatile state (Figure 2). */
function freshState(
  ctx: ProtocolContext<RaftMessage>,
  config: RaftConfig,
  p: RaftPersistent,
): RaftState {
  const state: RaftState = {
    id: ctx.self,
    peers: [],
    // §4.1: set from the log and the bootstrap configuration below (membershipLog.ts).
    members: [],
    configIndex: 0,
    bootstrap: bootstrapOf(p, ctx.self, ctx.peers).sort(byServerId),
    config,
    currentTerm: p.currentTerm,
    votedFor: p.votedFor,
    log: p.log.slice(), // entries are immutable (see freezeEntry): share them
    snapshot: p.snapshot, // frozen too (snapshot.ts)
    role: 'follower',
    leaderId: null,
    commitIndex: 0,
    lastApplied: 0,
    votesGranted: [],
    leaderContactAt: -1,
    recentlyActive: {},
    transferee: null,
    pendingReads: [],
    round: 0,
    rounds: [],
    leaseFrom: -1,
    nextIndex: {},
    matchIndex: {},
    kv: {},
    sessions: {},
    waiting: {},
  };
  // §7: a restarted server's state machine starts from its snapshot.
  if (p.snapshot !== null) restoreStateMachine(state, p.snapshot);
  const inForce = latestConfiguration(state, lastLogIndex(state), state.bootstrap!);
  adoptConfiguration(state, inForce.index, inForce.members);
  resetElectionTimer(state, ctx);
  return state;
}

type RaftRead = NodeRead<RaftState, RaftPersistent>;

/**
 * What a restarted node reads back from stable storage: everything (Figure 2), unless a mutant
 * forgets part of it — `forget-vote-on-restart` votedFor, `forget-term-on-restart` currentTerm
 * (and, with it, the vote of that term: a vote belongs to its term).
 */
function forgetOnRestart(config: RaftConfig, p: RaftPersistent): RaftPersistent {
  if (mutated(config, 'forget-term-on-restart')) return { ...p, currentTerm: 0, votedFor: null };
  if (mutated(config, 'forget-vote-on-restart')) return { ...p, votedFor: null };
  return p;
}

export const raftModule: ProtocolModule<
  RaftState,
  RaftMessage,
  RaftPersistent,
  RaftConfig,
  RaftView,
  RaftDetail
> = {
  name: 'raft',
  title: 'Raft',
  epochName: 'term',
  config: raftConfig,
  routing: 'redirect',
  timeoutTimer: ELECTION_TIMER,
  checkers: [...raftCheckers, ...membershipCheckers],
  explore: {
    timing: { duration: 4000, from: 200, gap: 250, settle: 1500 },
    // §8's no-op makes earlier-term entries commit below it, which hides Figure 8: half the
    // schedules run without it.
    section: ({ timeout, coin }) => ({ noopOnElection: coin, electionTimeout: timeout }),
  },
  mutants: RAFT_MUTANTS,
  withMutations: withRaftMutations,
  init: (ctx, config) =>
    freshState(ctx, config, { currentTerm: 0, votedFor: null, log: [], snapshot: null }),
  // §7: a snapshot that came due at the last event is taken before the next (snapshot.ts).
  onMessage: (state, msg, ctx) => {
    compactIfDue(state, ctx);
    stepMessage(state, msg, ctx);
  },
  onTimer(state, timer, ctx) {
    compactIfDue(state, ctx);
    // A leader runs no election timer (stopElectionTimer), so the election timer reaches a
    // leader only as the "timeout" action: then, too, it starts an election.
    // With preVote, a follower or pre-candidate asks first (§9.6); the "timeout" action on a
    // leader, or a candidate whose election went nowhere, goes straight to a new term.
    if (timer === ELECTION_TIMER && !isVoter(state)) {
      // §4.1: a server outside the configuration (removed, or added but not yet told by its
      // log) starts no election; the timer keeps running for when its log makes it a member.
      resetElectionTimer(state, ctx);
    } else if (timer === ELECTION_TIMER) {
      const ask =
        state.config.preVote && (state.role === 'follower' || state.role === 'pre-candidate');
      if (ask) startPreVote(state, ctx);
      else startNewElection(state, ctx);
    } else if (timer === HEARTBEAT_TIMER) sendHeartbeats(state, ctx);
    else if (timer === CHECK_QUORUM_TIMER) onCheckQuorumTimer(state, ctx);
    else if (timer === TRANSFER_TIMER) onTransferTimer(state, ctx);
  },
  onClientRequest: (state, req, ctx) => {
    compactIfDue(state, ctx);
    handleClientRequest(state, req, ctx);
  },
  transferLeadership: (state, to, ctx) => transferLeadership(state, to, ctx),
  membership: {
    refuse: refuseChange,
    change: changeConfiguration,
    // §4.2: a new server starts empty and in no configuration; its log will tell it.
    join: (ctx, config) =>
      freshState(ctx, config, {
        currentTerm: 0,
        votedFor: null,
        log: [],
        snapshot: null,
        bootstrap: [],
      }),
    inForce: configurationInForce,
  },
  /** Figure 2: currentTerm, votedFor and log are on stable storage before any reply is sent. */
  persistent: (state) => ({
    currentTerm: state.currentTerm,
    votedFor: state.votedFor,
    log: state.log.slice(),
    snapshot: state.snapshot,
    ...(state.bootstrap === undefined ? {} : { bootstrap: state.bootstrap }),
  }),
  onRecover: (ctx, config, persisted) =>
    freshState(ctx, config, forgetOnRestart(config, persisted)),
  observe: (s) => ({
    role: s.role,
    epoch: s.currentTerm,
    leads: s.role === 'leader',
    campaigns: s.role === 'candidate' || s.role === 'pre-candidate',
  }),
  persistedEpoch: (p) => p.currentTerm,
  kind: (m) => m.type,
  describe: describeRaftMessage,
  summary: (n: RaftRead) => {
    const log = n.state?.log ?? n.persisted?.log ?? [];
    const held = n.state ?? n.persisted;
    return {
      role: n.state ? n.state.role : 'down',
      term: n.state?.currentTerm ?? n.persisted?.currentTerm ?? 0,
      commitIndex: n.state?.commitIndex ?? 0,
      // §7: the log below holds the entries after this index (0: no snapshot).
      snapshotIndex: held ? snapshotIndex(held) : 0,
      log: log.map((e) => ({ term: e.term, command: describeEntry(e) })),
    };
  },
  // A re-election after a heal, then a heartbeat or two to carry the commit index.
  settleTime: (c) => 3 * c.electionTimeout.max,
  // Servers outside the configuration in force (removed ones) no longer replicate the store.
  replicaValues: (nodes) => {
    const { members } = configurationInForce(nodes);
    return stateMachineReplicas(
      nodes.filter((n) => members.includes(n.id)),
      (s) => s.kv,
    );
  },
  view: raftView,
  detail: raftDetail,
};
