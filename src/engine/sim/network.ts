/**
 * The network: messages on the wire (latency per link, loss, duplication; a cut link drops
 * at once and at delivery) and the actions that cut and heal links. It knows messages only
 * by their kind and payload.
 */
import { heapPush } from '../queue';
import { chance, uniformMs } from '../rng';
import type { Action, NodeId, WireMessage } from '../types';
import type { SimCore } from './core';
import { at, EVENT_PRIORITY } from './state';

function latencyOf(sim: SimCore, from: string, to: string): { min: number; max: number } {
  // Most scenarios set no per-link latency: no key string to build per message then.
  if (sim.linkLatency.size === 0) return sim.scenario.network.latency;
  return sim.linkLatency.get(`${from}>${to}`) ?? sim.scenario.network.latency;
}

/** Server `fromIndex` sends to server `toIndex` (looked up by the caller: `to` is its id). */
export function sendServerMessage(
  sim: SimCore,
  fromIndex: number,
  toIndex: number,
  to: NodeId,
  payload: unknown,
) {
  const from = sim.ids[fromIndex]!;
  const linkDown = sim.state.cut[fromIndex]![toIndex]!;
  const range = latencyOf(sim, from, to);
  transmit(sim, from, to, fromIndex, toIndex, sim.module.kind(payload), payload, range, linkDown);
}

/**
 * Puts a message on the wire: loss and cut links drop it now; duplication adds a copy.
 * Returns the number of copies made (lost ones included: the sender cannot tell).
 * `fromIndex`/`toIndex` place the ends among the servers (-1: a client or the balancer); a
 * message with a client end is a client message.
 */
export function transmit(
  sim: SimCore,
  from: string,
  to: string,
  fromIndex: number,
  toIndex: number,
  kind: string,
  payload: unknown,
  range: { min: number; max: number },
  linkDown: boolean,
  client = false,
): number {
  const st = sim.state;
  const net = sim.scenario.network;
  const rng = st.rng.network;
  const stats = st.stats;
  const copies = chance(rng, net.duplicate) ? 2 : 1;
  if (copies === 2) stats.duplicated++;
  for (let c = 0; c < copies; c++) {
    const id = st.nextMsgId++;
    stats.sent++;
    const byKind = stats.byKind;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    const sentAt = st.time;
    const deliverAt = at(sentAt, uniformMs(rng, range.min, range.max));
    if (linkDown || chance(rng, net.loss)) {
      stats.dropped++;
      sim.record('drop', {
        from,
        to,
        msg: id,
        msgKind: kind,
        detail: linkDown ? `link ${from}→${to} is down` : 'lost',
      });
      continue;
    }
    const msg: WireMessage = { id, from, to, sentAt, deliverAt, kind, payload };
    if (client) msg.client = true;
    if (sim.tracing) sim.record('send', { from, to, msg: id, msgKind: kind, deliverAt });
    heapPush(st.queue, {
      time: deliverAt,
      prio: EVENT_PRIORITY,
      seq: ++st.seq,
      ev: { type: 'deliver', msg, fromIndex, toIndex },
    });
  }
  return copies;
}

/**
 * Whether a partition keeps `client` from server `server` (by id). A client not named in a
 * partition reaches every server; the lab's hand-sent requests are never placed.
 */
export function clientLinkDown(sim: SimCore, client: string, server: string): boolean {
  const row = sim.state.clientCut[client];
  if (row === undefined) return false;
  const j = sim.indexOf.get(server);
  return j !== undefined && row[j] === true;
}

export function messagesInFlight(sim: SimCore): WireMessage[] {
  const out: WireMessage[] = [];
  for (const { ev } of sim.state.queue) if (ev.type === 'deliver' && !ev.dropped) out.push(ev.msg);
  return out.sort((a, b) => a.id - b.id);
}

type NetworkAction = Extract<Action, { type: 'partition' | 'cut' | 'link' | 'heal' | 'drop' }>;

/**
 * Applies a network action whose node references are resolved (`resolve` gives an index, or
 * null for a reference to nobody). Returns false when a reference resolved to nobody.
 */
export function applyNetworkAction(
  sim: SimCore,
  a: NetworkAction,
  resolve: (ref: string) => number | null,
): boolean {
  const st = sim.state;
  const ids = sim.ids;
  switch (a.type) {
    case 'partition': {
      const group = new Map<number, number>();
      const clientGroup = new Map<string, number>();
      let unresolved = false;
      a.groups.forEach((g, gi) =>
        g.forEach((ref) => {
          if (isWorkloadClient(sim, ref)) {
            clientGroup.set(ref, gi);
            return;
          }
          const i = resolve(ref);
          if (i === null) unresolved = true;
          else group.set(i, gi);
        }),
      );
      if (unresolved) return false;
      // Nodes named in no group form one more group together.
      const groupOf = (i: number) => group.get(i) ?? -1;
      let changed = false;
      for (let i = 0; i < ids.length; i++) {
        for (let j = 0; j < ids.length; j++) {
          const down = i !== j && groupOf(i) !== groupOf(j);
          if (st.cut[i]![j] !== down) changed = true;
          st.cut[i]![j] = down;
        }
      }
      const clientCut: Record<string, boolean[]> = {};
      for (const [client, gi] of clientGroup) {
        clientCut[client] = ids.map((_, j) => groupOf(j) !== gi);
        if (!sameRow(st.clientCut[client], clientCut[client])) changed = true;
      }
      for (const client in st.clientCut) if (!clientGroup.has(client)) changed = true;
      st.clientCut = clientCut;
      const text = a.groups.map((g) => g.join(',')).join(' | ');
      sim.record(changed ? 'partition' : 'noop', { detail: `partition ${text}` });
      return true;
    }
    case 'cut':
    case 'link': {
      const i = resolve(a.from);
      const j = resolve(a.to);
      if (i === null || j === null) return false;
      const down = a.type === 'cut' ? true : !a.up;
      const changed = st.cut[i]![j] !== down && i !== j;
      if (changed) st.cut[i]![j] = down;
      const text = `${ids[i]}→${ids[j]} ${down ? 'down' : 'up'}`;
      sim.record(changed ? a.type : 'noop', { from: ids[i], to: ids[j], detail: text });
      return true;
    }
    case 'heal': {
      let changed = false;
      for (const row of st.cut)
        for (let j = 0; j < row.length; j++) {
          if (row[j]) changed = true;
          row[j] = false;
        }
      for (const _ in st.clientCut) changed = true;
      st.clientCut = {};
      sim.record(changed ? 'heal' : 'noop', { detail: 'heal: every link up' });
      return true;
    }
    case 'drop': {
      const ev = st.queue.find(({ ev: e }) => e.type === 'deliver' && e.msg.id === a.message)?.ev;
      if (!ev || ev.type !== 'deliver' || ev.dropped) {
        sim.record('noop', { detail: `drop: message ${a.message} is not in flight` });
        return true;
      }
      ev.dropped = 'dropped by the user';
      sim.record('noop', { msg: a.message, detail: `message ${a.message} will be dropped` });
      return true;
    }
  }
}

/** A workload client's id (c1…cN), as partition groups may name them. */
function isWorkloadClient(sim: SimCore, ref: string): boolean {
  return sim.state.clients.some((c) => c.id === ref);
}

function sameRow(a: readonly boolean[] | undefined, b: readonly boolean[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}
