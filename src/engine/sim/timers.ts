/**
 * Node timers live in the node runtime with their due time and length, so the lab can draw
 * any timer draining and "timeout" can fire any named timer. A timer is one queued event;
 * cancelling makes the queued one stale (its token no longer matches).
 *
 * Re-arming a timer to a later time (an election timer reset by every heartbeat) queues
 * nothing: the slot keeps the event already queued for it, its carrier, and takes a new token
 * and due time. When the carrier pops early, it queues the slot's current event, keyed
 * (due, token) exactly as setTimer would have queued it — the queue holds that entry before
 * anything after it can pop, so events pop in the same order as with one event per re-arm,
 * without a stale event left in the queue at every reset. Re-armed to an earlier time, the
 * timer queues a new event, which becomes its carrier.
 */
import { heapPush } from '../queue';
import type { NodeRuntime, QueuedEvent } from '../types';
import type { SimCore } from './core';
import { at, EVENT_PRIORITY } from './state';

function queueTimer(
  sim: SimCore,
  node: NodeRuntime<unknown>,
  name: string,
  token: number,
  due: number,
) {
  heapPush(sim.state.queue, {
    time: due,
    prio: EVENT_PRIORITY,
    seq: token,
    ev: { type: 'timer', node: node.id, name, token, incarnation: node.incarnation },
  });
}

export function setTimer(sim: SimCore, index: number, name: string, delay: number): void {
  const st = sim.state;
  const node = st.nodes[index]!;
  const token = ++st.seq;
  const due = at(st.time, delay);
  const slot = node.timers[name];
  // A paused node keeps its events for later (deferred): it gets a new one, as it always did.
  if (slot !== undefined && slot.carrierAt <= due && node.pausedUntil === 0) {
    // The queued carrier pops first and queues this one (see the module comment).
    slot.token = token;
    slot.due = due;
    slot.length = delay;
    return;
  }
  node.timers[name] = { token, due, length: delay, carrier: token, carrierAt: due };
  queueTimer(sim, node, name, token, due);
}

export function cancelTimer(sim: SimCore, index: number, name: string): void {
  const timers = sim.state.nodes[index]!.timers;
  if (timers[name] !== undefined) delete timers[name];
}

/**
 * A timer event popped: whether it fires now. A carrier that pops before its slot's due time
 * queues the slot's current event instead (and does not count as an event).
 */
export function timerFires(sim: SimCore, node: NodeRuntime<unknown>, queued: QueuedEvent): boolean {
  const ev = queued.ev;
  if (ev.type !== 'timer' || !node.up || node.incarnation !== ev.incarnation) return false;
  const slot = node.timers[ev.name];
  if (slot === undefined) return false;
  if (slot.token === ev.token) return true;
  if (slot.carrier === ev.token) {
    slot.carrier = slot.token;
    slot.carrierAt = slot.due;
    queueTimer(sim, node, ev.name, slot.token, slot.due);
  }
  return false;
}

/**
 * Node i's timer `name` fires (its event is begun): the protocol handles it. The slot is
 * removed after the handler unless the handler armed the timer again, rather than before it:
 * deleting and re-adding a key at every firing made every lookup in the node's timers slower.
 */
export function fireTimer(sim: SimCore, i: number, name: string): void {
  const node = sim.state.nodes[i]!;
  const fired = node.timers[name]!;
  // No queued event brings it round any more: arming it in the handler queues a new one.
  fired.carrierAt = Infinity;
  if (sim.tracing) sim.record('timer', { node: node.id, detail: name });
  sim.module.onTimer(node.state, name, sim.contexts[i]!);
  if (node.timers[name] === fired) delete node.timers[name];
}
