/**
 * The processing model (scenario `servers.processing`): a server handles one incoming message
 * at a time — client requests included — and each takes `processing` ms of its time. A message
 * that arrives while the server is busy waits in the server's inbox, first in first out, so a
 * server that is sent more than 1000 / processing messages a second queues them and latency
 * grows: the saturation knee of a replicated store (analysis/knee.ts).
 *
 * How a message goes through it: it arrives (the network's checks — a down server, a cut link
 * — apply at arrival, as without the model), joins the inbox and, if it is the only one there,
 * a `served` event is queued `processing` ms later. At `served` the protocol handles the head
 * (its `deliver` trace entry is written then, so a queued message shows as a longer flight) and
 * the next one, if any, starts. Timers are not messages: they fire at their time, busy or not.
 * A paused server defers `served` like any other event; a crash empties the inbox (each
 * message waiting in it is recorded as a drop) and the old incarnation's `served` goes stale.
 * With the model off (0, the default) nothing here runs and no run changes by a byte.
 */
import { heapPush } from '../queue';
import type { EventBody, NodeRuntime, QueuedEvent } from '../types';
import type { SimCore } from './core';
import { deferIfPaused, dropAtDelivery, handOver } from './deliver';
import { at, EVENT_PRIORITY } from './state';

/** Milliseconds a server takes per incoming message; 0 when the model is off. */
export function processingTime(sim: SimCore): number {
  return sim.scenario.servers?.processing ?? 0;
}

/** Messages waiting at a server, the one being handled included (0 with the model off). */
export function inboxLength(node: NodeRuntime<unknown>): number {
  return node.inbox?.length ?? 0;
}

function scheduleServed(sim: SimCore, index: number, from: number): void {
  const st = sim.state;
  const node = st.nodes[index]!;
  heapPush(st.queue, {
    time: at(from, processingTime(sim)),
    prio: EVENT_PRIORITY,
    seq: ++st.seq,
    ev: { type: 'served', node: node.id, incarnation: node.incarnation },
  });
}

/**
 * A message that passed the arrival checks joins server `index`'s inbox. Not an event of its
 * own (like a paused server's deferral): the protocol sees it at `served`.
 */
export function enqueueArrival(sim: SimCore, index: number, queued: QueuedEvent, time: number) {
  const node = sim.state.nodes[index]!;
  const inbox = (node.inbox ??= []);
  inbox.push(queued);
  if (inbox.length === 1) scheduleServed(sim, index, time);
}

/** Server `index` finished the head of its inbox; false when the event is stale or deferred. */
export function served(
  sim: SimCore,
  ev: Extract<EventBody, { type: 'served' }>,
  time: number,
  queued: QueuedEvent,
): boolean {
  const index = sim.indexOf.get(ev.node)!;
  const node = sim.state.nodes[index]!;
  if (!node.up || node.incarnation !== ev.incarnation) return false;
  const head = node.inbox?.[0];
  if (head === undefined || head.ev.type !== 'deliver') return false;
  // A paused server finishes when it resumes.
  if (deferIfPaused(node, queued)) return false;
  node.inbox!.shift();
  if (node.inbox!.length > 0) scheduleServed(sim, index, time);
  sim.begin(time);
  handOver(sim, index, head.ev.msg);
  return true;
}

/** A crash empties the server's inbox: every message waiting in it is lost (a drop each). */
export function emptyInbox(sim: SimCore, index: number): void {
  const node = sim.state.nodes[index]!;
  const inbox = node.inbox;
  if (!inbox || inbox.length === 0) return;
  node.inbox = [];
  for (const q of inbox) {
    if (q.ev.type !== 'deliver') continue;
    dropAtDelivery(sim, q.ev.msg, `${node.id} crashed with it in its inbox`, false);
  }
}
