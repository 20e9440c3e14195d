/**
 * A deliberately trivial protocol that exercises the simulator core in tests: every node
 * answers clients from its own unreplicated map and pings its peers on a timer. It is not a
 * consensus protocol and checks nothing; Raft lives in ../raft.
 */
import type { Protocol } from '../../types';

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

export const echoProtocol: Protocol<EchoState, EchoMessage, { boots: number }, EchoConfig> = {
  name: 'echo',
  defaultConfig: () => ({ pingInterval: 100 }),
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
      state.data[req.op.key] = req.op.value;
      ctx.reply(req, { ok: true });
    } else {
      ctx.reply(req, { ok: true, value: state.data[req.op.key] ?? null });
    }
  },
  persistent: (state) => ({ boots: state.boots }),
  onRecover(ctx, config, persisted) {
    ctx.setTimer('ping', config.pingInterval);
    return { id: ctx.self, data: {}, pingsSent: 0, pingsReceived: 0, boots: persisted.boots + 1 };
  },
  onForceTimeout(state, ctx) {
    this.onTimer(state, 'ping', ctx);
  },
  summarize: (state) => ({ role: 'node', term: state.boots, commitIndex: 0, log: [] }),
  summarizePersisted: (p) => ({ role: 'down', term: p.boots, commitIndex: 0, log: [] }),
  status: (state) => ({ role: 'node', term: state.boots }),
  messageKind: (m) => m.type,
};
