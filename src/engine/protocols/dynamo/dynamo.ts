/**
 * A leaderless, always-writable key-value store in the style of Amazon's Dynamo (DeCandia et
 * al., "Dynamo: Amazon's Highly Available Key-value Store", SOSP 2007) as a protocol module:
 * consistent hashing with virtual nodes (ring.ts, §4.2–4.3), versions reconciled by LWW or
 * version vectors (version.ts, §4.4), coordination with R/W quorums and a sloppy quorum
 * (coordinator.ts, §4.5–4.6), hinted handoff (handoff.ts, §4.6), read repair and
 * anti-entropy (coordinator.ts, antiEntropy.ts, §4.7, §5). The store and the hints are
 * persistent; coordinations are volatile.
 */
import type { ProtocolModule } from '../../protocol';
import type { NodeId, ProtocolContext } from '../../types';
import { onAntiEntropyTimer, scheduleAntiEntropy } from './antiEntropy';
import { dynamoConfig } from './config';
import { coordinate, onCoordTimer } from './coordinator';
import { describeDynamoMessage } from './describe';
import { stepMessage } from './step';
import { onHandoffTimer, scheduleHandoff } from './handoff';
import { dynamoCheckers } from './invariants';
import { buildRing, rangePeers } from './ring';
import { ANTI_ENTROPY_TIMER, COORD_TIMER_PREFIX, HANDOFF_TIMER } from './timers';
import type { DynamoConfig, DynamoMessage, DynamoPersistent, DynamoState } from './types';
import { replicaValues, replicasOf } from './replicas';
import { SIBLING_SEPARATOR } from './version';
import { configOf, dynamoDetail, dynamoView, ringOwnership, storeEntries } from './view';
import type { DynamoDetail, DynamoView, VersionView } from './view';
import { setEntry } from '../../kv/stateMachine';

export { DEFAULT_DYNAMO_CONFIG } from './config';

function freshState(
  ctx: ProtocolContext<DynamoMessage>,
  config: DynamoConfig,
  p: DynamoPersistent,
): DynamoState {
  const nodes: NodeId[] = [ctx.self, ...ctx.peers].sort(byId);
  const ring = buildRing(nodes, config.vnodes);
  const state: DynamoState = {
    id: ctx.self,
    nodes,
    config,
    ring,
    syncPeers: rangePeers(ring, config.n, ctx.self),
    handoffArmed: false,
    store: { ...p.store },
    hints: p.hints.slice(),
    counter: p.counter,
    coords: {},
    nextCoord: 0,
  };
  scheduleAntiEntropy(state, ctx);
  scheduleHandoff(state, ctx);
  return state;
}

/** S2 before S10. */
function byId(a: NodeId, b: NodeId): number {
  const x = Number(a.slice(1));
  const y = Number(b.slice(1));
  if (Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

export const dynamoModule: ProtocolModule<
  DynamoState,
  DynamoMessage,
  DynamoPersistent,
  DynamoConfig,
  DynamoView,
  DynamoDetail
> = {
  name: 'dynamo',
  title: 'Dynamo',
  epochName: 'epoch',
  config: dynamoConfig,
  routing: 'any-node',
  timeoutTimer: ANTI_ENTROPY_TIMER,
  checkers: dynamoCheckers,
  init: (ctx, config) => freshState(ctx, config, { config, store: {}, hints: [], counter: 0 }),
  onMessage: (state, msg, ctx) => stepMessage(state, msg, ctx),
  onTimer(state, timer, ctx) {
    if (timer === ANTI_ENTROPY_TIMER) onAntiEntropyTimer(state, ctx);
    else if (timer === HANDOFF_TIMER) onHandoffTimer(state, ctx);
    else if (timer.startsWith(COORD_TIMER_PREFIX)) {
      onCoordTimer(state, Number(timer.slice(COORD_TIMER_PREFIX.length)), ctx);
    }
  },
  onClientRequest: (state, req, ctx) => coordinate(state, req, ctx),
  /** §4.1: the local store is durable; hints are kept in a local store too (§4.6). */
  persistent: (s) => ({
    config: s.config,
    store: { ...s.store },
    hints: s.hints.slice(),
    counter: s.counter,
  }),
  onRecover: (ctx, config, persisted) => freshState(ctx, config, persisted),
  observe: (s) => {
    let coordinating = false;
    for (const _ in s.coords) {
      coordinating = true;
      break;
    }
    return {
      role: coordinating ? 'coordinator' : 'replica',
      epoch: null,
      leads: false,
      campaigns: false,
    };
  },
  persistedEpoch: () => null,
  kind: (m) => m.type,
  describe: describeDynamoMessage,
  summary: (n) => {
    const config = n.state?.config ?? n.persisted?.config;
    // A crashed replica keeps its store (§4.1); `up` says whether it serves.
    const store: Record<string, VersionView[]> = {};
    if (config)
      for (const { key, versions } of storeEntries(n, config)) setEntry(store, key, versions);
    return {
      role: 'replica',
      store,
      hints: (n.state?.hints ?? n.persisted?.hints ?? []).length,
    };
  },
  runSummary: (nodes) => ({
    ring: {
      ownership: ringOwnership(
        nodes.map((n) => n.id),
        configOf(nodes),
      ),
    },
  }),
  siblingSeparator: SIBLING_SEPARATOR,
  // Anti-entropy passes (or, with it off, read repair and handoff) bring replicas level.
  settleTime: (c) => Math.max(1000, 3 * c.antiEntropyInterval),
  replicaValues: (nodes) => replicaValues(nodes, configOf(nodes)),
  replicasOf: (nodes, keys) => replicasOf(nodes, configOf(nodes), keys),
  view: (nodes) => dynamoView(nodes, configOf(nodes)),
  detail: (n) => dynamoDetail(n, n.state?.config ?? n.persisted?.config ?? configOf([n])),
};
