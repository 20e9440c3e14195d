/**
 * Single-decree Paxos (`"protocol": "paxos"`) as a ProtocolModule: one entry point per kind of
 * input, dispatching to the roles of Paxos Made Simple §2 (proposer.ts, acceptor.ts,
 * learner.ts). State is plain data; every effect goes through the context.
 */
import type { ProtocolModule } from '../../../protocol';
import type { ProtocolContext } from '../../../types';
import { formatBallot } from '../ballot';
import { checkPaxosConfig, isProposer, ownValue, paxosConfigSchema } from '../config';
import type { PaxosConfig } from '../config';
import { copyStable, emptyStable } from '../core';
import { paxosCheckers } from '../invariants';
import { PAXOS_MUTANTS, readBackStable, withPaxosMutations } from '../mutants';
import { nodeReport, proposedReport, stableOf } from '../report';
import { handleAccept, handlePrepare } from './acceptor';
import { hearAccepted } from './learner';
import { handleNack, handlePromise, startBallot } from './proposer';
import { armRetry, RETRY_TIMER } from './timers';
import type { PaxosMessage, PaxosPersistent, PaxosState } from './types';
import type { PaxosDetail, PaxosView } from './view';
import { paxosDetail, paxosView } from './view';

type Ctx = ProtocolContext<PaxosMessage>;

/**
 * A node from its stable storage with fresh volatile state. A proposer that has not learned
 * the value starts a ballot when its retry timer fires: at once on a fresh start, after a drawn
 * retry delay after a restart.
 */
function freshState(ctx: Ctx, config: PaxosConfig, p: PaxosPersistent, fresh: boolean): PaxosState {
  const proposer = isProposer(config, ctx.self);
  const learned = p.chosen[0] != null;
  const state: PaxosState = {
    id: ctx.self,
    ...copyStable(p),
    peers: [...ctx.peers],
    config,
    proposer,
    ownValue: ownValue(config, ctx.self),
    phase: !proposer ? 'idle' : learned ? 'learned' : 'waiting',
    ballot: null,
    promises: [],
    highest: null,
    value: null,
    failures: 0,
    votes: [],
  };
  if (state.phase === 'waiting') armRetry(state, ctx, fresh ? 0 : undefined);
  return state;
}

/** The role the cluster view colours a node by. */
function roleOf(s: PaxosState): string {
  if (s.chosen[0] != null) return 'learner';
  return s.proposer ? 'proposer' : 'acceptor';
}

function label(m: PaxosMessage): string {
  const b = formatBallot(m.ballot);
  switch (m.type) {
    case 'prepare':
      return `Prepare ${b}`;
    case 'promise':
      return m.accepted === null
        ? `Promise ${b}`
        : `Promise ${b}: accepted ${m.accepted.value} in ${formatBallot(m.accepted.ballot)}`;
    case 'accept':
      return `Accept ${b} ${m.value}`;
    case 'accepted':
      return `Accepted ${b} ${m.value}`;
    case 'nack':
      return `Nack ${b}: promised ${formatBallot(m.promised)}`;
  }
}

const show = (v: string) => v;

export const paxosModule: ProtocolModule<
  PaxosState,
  PaxosMessage,
  PaxosPersistent,
  PaxosConfig,
  PaxosView,
  PaxosDetail
> = {
  name: 'paxos',
  title: 'Paxos',
  epochName: 'ballot',
  config: { schema: paxosConfigSchema, check: checkPaxosConfig },
  // Paxos here takes no client commands (each proposer has its value); refusals redirect nowhere.
  // One value is decided, by its proposers: there is no client interface (a request that
  // reaches onClientRequest anyway, from a hand-driven test, is refused).
  routing: 'none',
  timeoutTimer: RETRY_TIMER,
  checkers: paxosCheckers<PaxosState, string>(show),
  // Single-decree Paxos decides within a few round trips: faults come early and close together.
  explore: {
    timing: { duration: 1500, from: 1, gap: 60, settle: 500 },
    section: ({ timeout }) => ({ retryTimeout: timeout }),
  },
  mutants: PAXOS_MUTANTS,
  withMutations: withPaxosMutations,

  init: (ctx, config) => freshState(ctx, config, emptyStable(), true),
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
        return hearAccepted(state, msg.from, m.ballot, m.value, ctx);
      case 'nack':
        return handleNack(state, msg.from, m, ctx);
    }
  },
  /** The retry timer, or the "timeout" action: a proposer that has not learned tries again. */
  onTimer(state, timer, ctx) {
    if (timer === RETRY_TIMER) startBallot(state, ctx);
  },
  /** Single-decree Paxos decides one value fixed by the scenario; it serves no client commands. */
  onClientRequest(_state, req, ctx) {
    ctx.reply(req, { ok: false, error: 'not_supported', redirect: null });
  },
  persistent: (state) => copyStable(state),
  onRecover: (ctx, config, persisted) =>
    freshState(ctx, config, readBackStable(config, persisted), false),

  observe: (s) => ({
    role: roleOf(s),
    epoch: Math.max(s.ballot?.round ?? 0, s.promised?.round ?? 0),
    leads: false,
    campaigns: s.phase === 'preparing',
  }),
  persistedEpoch: (p) => p.promised?.round ?? 0,
  kind: (m) => m.type,
  describe: (m) => ({ cls: m.type, epoch: m.ballot.round, label: label(m) }),

  summary: (n) => {
    const live = n.up ? n.state : null;
    return nodeReport(stableOf(n), live ? roleOf(live) : 'down', live?.ballot ?? null, show);
  },
  runSummary: (nodes) => ({ proposed: proposedReport(nodes, show) }),
  view: paxosView,
  detail: paxosDetail,
};
