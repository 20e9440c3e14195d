/**
 * Multi-Paxos (`"protocol": "multi-paxos"`) as a ProtocolModule: one entry point per kind of
 * input, dispatching to phase 1 (election.ts), phase 2 (replication.ts), learning and applying
 * (learning.ts) and the client interface (clients.ts). State is plain data; every effect goes
 * through the context.
 */
import type { ProtocolModule } from '../../../protocol';
import { describeKvCommand } from '../../../kv/stateMachine';
import type { ProtocolContext } from '../../../types';
import { formatBallot } from '../ballot';
import { checkPaxosConfig, isProposer, paxosConfigSchema } from '../config';
import type { PaxosConfig } from '../config';
import { copyStable, emptyStable, firstUnchosen } from '../core';
import { paxosCheckers } from '../invariants';
import { PAXOS_MUTANTS, readBackStable, withPaxosMutations } from '../mutants';
import { nodeReport, proposedReport, stableOf } from '../report';
import { handleClientRequest } from './clients';
import { handleNack, handlePrepare, handlePromise, startCandidacy } from './election';
import { advance, handleCatchUp, handleChosen } from './learning';
import { handleAccept, handleAccepted, handleHeartbeat, sendHeartbeats } from './replication';
import { armLeaderTimer, HEARTBEAT_TIMER, LEADER_TIMER } from './timers';
import type { Command, MultiMessage, MultiPersistent, MultiState, SlotCommand } from './types';
import type { MultiPaxosDetail, MultiPaxosView } from './view';
import { multiPaxosDetail, multiPaxosView } from './view';
import { stateMachineReplicas } from '../../../kv/replicas';

type Ctx = ProtocolContext<MultiMessage>;

/**
 * A node from its stable storage with fresh volatile state: a follower that re-applies its
 * chosen prefix (the store and sessions are rebuilt from the log) and waits for a leader.
 */
function freshState(ctx: Ctx, config: PaxosConfig, p: MultiPersistent): MultiState {
  const state: MultiState = {
    id: ctx.self,
    ...copyStable(p),
    kv: {},
    sessions: {},
    peers: [...ctx.peers],
    config,
    proposer: isProposer(config, ctx.self),
    role: 'follower',
    ballot: null,
    leaderId: null,
    commit: 0,
    applied: 0,
    promises: [],
    prepareFrom: 0,
    recovered: [],
    nextSlot: 0,
    acks: {},
    failures: 0,
    leaderDeadline: 0,
    leaderDrawn: 0,
  };
  state.commit = firstUnchosen(state);
  advance(state, ctx);
  armLeaderTimer(state, ctx);
  return state;
}

function slots(entries: readonly SlotCommand[]): string {
  if (entries.length === 0) return 'nothing';
  const first = entries[0]!.slot;
  const last = entries.at(-1)!.slot;
  return first === last ? `#${first}` : `#${first}…#${last}`;
}

function label(m: MultiMessage): string {
  switch (m.type) {
    case 'prepare':
      return `Prepare ${formatBallot(m.ballot)} from #${m.from}`;
    case 'promise':
      return `Promise ${formatBallot(m.ballot)}: ${m.accepted.length} accepted`;
    case 'accept':
      return `Accept ${formatBallot(m.ballot)} ${slots(m.entries)}`;
    case 'accepted':
      return `Accepted ${formatBallot(m.ballot)} ${slots(m.slots.map((slot) => ({ slot, command: null })))}`;
    case 'nack':
      return `Nack ${formatBallot(m.ballot)}: promised ${formatBallot(m.promised)}`;
    case 'heartbeat':
      return `Heartbeat ${formatBallot(m.ballot)} commit #${m.commit}`;
    case 'catch-up':
      return `Catch-up from #${m.from}`;
    case 'chosen':
      return `Chosen ${slots(m.entries)}`;
  }
}

const show = (c: Command) => describeKvCommand(c);

export const multiPaxosModule: ProtocolModule<
  MultiState,
  MultiMessage,
  MultiPersistent,
  PaxosConfig,
  MultiPaxosView,
  MultiPaxosDetail
> & { readonly section: string } = {
  name: 'multi-paxos',
  /** Its scenario section is `paxos`, shared with single-decree Paxos (see the report). */
  section: 'paxos',
  title: 'Multi-Paxos',
  epochName: 'ballot',
  config: { schema: paxosConfigSchema, check: checkPaxosConfig },
  routing: 'redirect',
  timeoutTimer: LEADER_TIMER,
  checkers: paxosCheckers<MultiState, Command>(show),
  explore: {
    timing: { duration: 4000, from: 200, gap: 250, settle: 1500 },
    section: ({ timeout }) => ({ leaderTimeout: timeout }),
  },
  mutants: PAXOS_MUTANTS,
  withMutations: withPaxosMutations,

  init: (ctx, config) => freshState(ctx, config, emptyStable()),
  onMessage(state, msg, ctx) {
    const m = msg.payload;
    switch (m.type) {
      case 'prepare':
        return handlePrepare(state, msg.from, m, ctx);
      case 'promise':
        return handlePromise(state, msg.from, m, ctx);
      case 'accept':
        return handleAccept(state, msg.from, m, ctx);
      case 'accepted':
        return handleAccepted(state, msg.from, m, ctx);
      case 'nack':
        return handleNack(state, msg.from, m, ctx);
      case 'heartbeat':
        return handleHeartbeat(state, msg.from, m, ctx);
      case 'catch-up':
        return handleCatchUp(state, msg.from, m, ctx);
      case 'chosen':
        return handleChosen(state, m, ctx);
    }
  },
  onTimer(state, timer, ctx) {
    // The leader timer reaches a leader only as the "timeout" action: it runs phase 1 again.
    if (timer === LEADER_TIMER) startCandidacy(state, ctx);
    else if (timer === HEARTBEAT_TIMER) sendHeartbeats(state, ctx);
  },
  onClientRequest: (state, req, ctx) => handleClientRequest(state, req, ctx),
  persistent: (state) => copyStable(state),
  onRecover: (ctx, config, persisted) => freshState(ctx, config, readBackStable(config, persisted)),

  observe: (s) => ({
    role: s.role,
    epoch: s.promised?.round ?? 0,
    leads: s.role === 'leader',
    campaigns: s.role === 'candidate',
    // Two nodes may both believe they lead in one round: the ballot's node breaks the tie.
    rank: s.promised ? Number(s.promised.node.slice(1)) : 0,
  }),
  persistedEpoch: (p) => p.promised?.round ?? 0,
  kind: (m) => m.type,
  describe: (m) => ({
    cls: m.type,
    epoch: 'ballot' in m ? m.ballot.round : null,
    label: label(m),
  }),

  summary: (n) => {
    const live = n.up ? n.state : null;
    return nodeReport(stableOf(n), live ? live.role : 'down', live?.ballot ?? null, show);
  },
  /** A leader's ballot is its own: (epoch, node). */
  leaderRecord: (time, epoch, node) => ({ time, ballot: { round: epoch ?? 0, node }, node }),
  runSummary: (nodes) => ({ proposed: proposedReport(nodes, show) }),
  // A re-election after a heal, then a heartbeat or two to carry the commit index.
  settleTime: (c) => 3 * c.leaderTimeout.max,
  replicaValues: (nodes) => stateMachineReplicas(nodes, (s) => s.kv),
  view: multiPaxosView,
  detail: multiPaxosDetail,
};
