/**
 * A deliberately trivial protocol that exercises the simulator core in tests: every node
 * answers clients from its own unreplicated map and pings its peers on a timer. It is not a
 * consensus protocol and checks nothing.
 */
import * as v from 'valibot';
import { getEntry, setEntry } from '../../kv/stateMachine';
import type { ProtocolModule } from '../../protocol';

export interface EchoState {
  id: string;
  data: Record<string, string>;
  pingsSent: number;
  pingsReceived: number;
  /** Survives crashes, to test persistence plumbing. */
  boots: number;
}

export type EchoMessage = { type: 'Ping'; n: number } | { type: 'Pong'; n: number };

export interface EchoConfig {
  pingInterval: number;
}

export interface EchoView {
  /** Boots and pings per node, index-aligned with the lab's nodes. */
  nodes: { boots: number; pingsSent: number; pingsReceived: number }[];
}

export const echoModule: ProtocolModule<
  EchoState,
  EchoMessage,
  { boots: number },
  EchoConfig,
  EchoView,
  { keys: number }
> = {
  name: 'echo',
  title: 'Echo',
  internal: true,
  epochName: 'boot',
  config: {
    schema: v.optional(
      v.object({ pingInterval: v.optional(v.pipe(v.number(), v.finite(), v.minValue(1)), 100) }),
      {},
    ),
  },
  routing: 'any-node',
  timeoutTimer: 'ping',
  checkers: [],
  init(ctx, config) {
    ctx.setTimer('ping', config.pingInterval);
    return { id: ctx.self, data: {}, pingsSent: 0, pingsReceived: 0, boots: 1 };
  },
  onMessage(state, msg, ctx) {
    if (msg.payload.type === 'Ping') {
      state.pingsReceived++;
      ctx.send(msg.from, { type: 'Pong', n: msg.payload.n });
    }
  },
  onTimer(state, timer, ctx) {
    if (timer !== 'ping') return;
    for (const peer of ctx.peers) ctx.send(peer, { type: 'Ping', n: ++state.pingsSent });
    ctx.setTimer('ping', 100);
  },
  onClientRequest(state, req, ctx) {
    if (req.op.type === 'put') {
      setEntry(state.data, req.op.key, req.op.value);
      ctx.reply(req, { ok: true });
    } else {
      ctx.reply(req, { ok: true, value: getEntry(state.data, req.op.key) ?? null });
    }
  },
  persistent: (state) => ({ boots: state.boots }),
  onRecover(ctx, config, persisted) {
    ctx.setTimer('ping', config.pingInterval);
    return { id: ctx.self, data: {}, pingsSent: 0, pingsReceived: 0, boots: persisted.boots + 1 };
  },
  observe: (s) => ({ role: 'node', epoch: s.boots, leads: false, campaigns: false }),
  persistedEpoch: (p) => p.boots,
  kind: (m) => m.type,
  describe: (m) => ({ cls: 'other', epoch: null, label: `${m.type} ${m.n}` }),
  summary: (n) => ({
    role: n.state ? 'node' : 'down',
    term: n.state?.boots ?? n.persisted?.boots ?? 0,
    commitIndex: 0,
    log: [],
  }),
  view: (nodes) => ({
    nodes: nodes.map((n) => ({
      boots: n.state?.boots ?? n.persisted?.boots ?? 0,
      pingsSent: n.state?.pingsSent ?? 0,
      pingsReceived: n.state?.pingsReceived ?? 0,
    })),
  }),
  detail: (n) => ({ keys: n.state ? Object.keys(n.state.data).length : 0 }),
};
