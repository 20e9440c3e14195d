/**
 * Delivery: what happens when a message's time comes (the event loop's `deliver` event).
 */
import { BALANCER } from '../protocol';
import type {
  ClientRequest,
  ClientResponse,
  Envelope,
  EventBody,
  NodeRuntime,
  QueuedEvent,
  WireMessage,
} from '../types';
import { balancerReceives } from './balancer';
import { clientReceives } from './clients';
import type { SimCore } from './core';
import { clientLinkDown } from './network';
import { enqueueArrival, processingTime } from './processing';

/** A paused node keeps what arrives for when it resumes (true: deferred). */
export function deferIfPaused(node: NodeRuntime<unknown>, ev: QueuedEvent): boolean {
  if (node.pausedUntil === 0) return false;
  node.deferred.push(ev);
  return true;
}

/**
 * A message reaches its destination: a client or the balancer (outside the cluster, never
 * down), or a server — unless it is down, paused (deferred), or the link was cut meanwhile.
 * False when the event was deferred rather than processed.
 */
export function deliver(
  sim: SimCore,
  ev: Extract<EventBody, { type: 'deliver' }>,
  time: number,
  queued: QueuedEvent,
): boolean {
  const st = sim.state;
  const msg = ev.msg;
  const toIndex = ev.toIndex;
  if (toIndex < 0) {
    // To a client or the balancer: both are outside the cluster and never down.
    sim.begin(time);
    if (ev.dropped) return dropAtDelivery(sim, msg, ev.dropped);
    if (msg.to === BALANCER && sim.balancerContext) {
      st.stats.delivered++;
      if (sim.tracing)
        sim.record('deliver', { from: msg.from, to: msg.to, msg: msg.id, msgKind: msg.kind });
      balancerReceives(sim, msg);
      sim.afterNodeEvent(-1);
      return true;
    }
    if (clientLinkDown(sim, msg.to, msg.from)) {
      return dropAtDelivery(sim, msg, `link ${msg.from}→${msg.to} is down`);
    }
    st.stats.delivered++;
    sim.record('deliver', { from: msg.from, to: msg.to, msg: msg.id, msgKind: msg.kind });
    const { op, resp } = msg.payload as { op: number; resp: ClientResponse };
    clientReceives(sim, op, resp, msg.from);
    sim.afterNodeEvent(-1);
    return true;
  }
  const node = st.nodes[toIndex]!;
  if (node.up && !ev.dropped && deferIfPaused(node, queued)) return false;
  const fromIndex = ev.fromIndex;
  const linkDown =
    fromIndex < 0 ? clientLinkDown(sim, msg.from, msg.to) : st.cut[fromIndex]![toIndex]!;
  // The processing model: a message that arrives waits its turn in the server's inbox.
  if (node.up && !ev.dropped && !linkDown && processingTime(sim) > 0) {
    enqueueArrival(sim, toIndex, queued, time);
    return false;
  }
  sim.begin(time);
  if (ev.dropped) return dropAtDelivery(sim, msg, ev.dropped);
  if (!node.up) return dropAtDelivery(sim, msg, `${msg.to} is down`);
  if (linkDown) return dropAtDelivery(sim, msg, `link ${msg.from}→${msg.to} is down`);
  handOver(sim, toIndex, msg);
  return true;
}

/** Server `toIndex`'s protocol handles a message (a client request or a peer's message). */
export function handOver(sim: SimCore, toIndex: number, msg: WireMessage): void {
  const st = sim.state;
  const node = st.nodes[toIndex]!;
  st.stats.delivered++;
  if (sim.tracing)
    sim.record('deliver', { from: msg.from, to: msg.to, msg: msg.id, msgKind: msg.kind });
  const ctx = sim.contexts[toIndex]!;
  if (msg.client) {
    const { req } = msg.payload as { op: number; req: ClientRequest };
    sim.module.onClientRequest(node.state, req, ctx);
  } else {
    // The message is its own envelope (a WireMessage has every Envelope field): protocols
    // read it during the call and keep only what it carries, never the envelope itself.
    const envelope: Envelope<unknown> = msg;
    sim.module.onMessage(node.state, envelope, ctx);
  }
  sim.afterNodeEvent(toIndex);
}

/** A message is lost where it arrives; `after`: the drop is an event of its own. */
export function dropAtDelivery(sim: SimCore, msg: WireMessage, reason: string, after = true): true {
  sim.state.stats.dropped++;
  sim.record('drop', {
    from: msg.from,
    to: msg.to,
    msg: msg.id,
    msgKind: msg.kind,
    detail: reason,
  });
  if (after) sim.afterNodeEvent(-1);
  return true;
}
