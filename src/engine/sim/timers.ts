/**
 * Node timers live in the node runtime with their due time and length, so the lab can draw
 * any timer draining and "timeout" can fire any named timer. A timer is one queued event;
 * re-arming or cancelling makes the queued one stale (its token no longer matches).
 */
import { heapPush } from '../queue';
import type { SimCore } from './core';
import { at, EVENT_PRIORITY } from './state';

export function setTimer(sim: SimCore, index: number, name: string, delay: number): void {
  const st = sim.state;
  const node = st.nodes[index]!;
  const token = ++st.seq;
  const due = at(st.time, delay);
  node.timers[name] = { token, due, length: delay };
  heapPush(st.queue, {
    time: due,
    prio: EVENT_PRIORITY,
    seq: token,
    ev: { type: 'timer', node: node.id, name, token, incarnation: node.incarnation },
  });
}

export function cancelTimer(sim: SimCore, index: number, name: string): void {
  delete sim.state.nodes[index]!.timers[name];
}
