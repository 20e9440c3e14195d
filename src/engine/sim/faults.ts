/**
 * Node faults: crash (volatile state lost, the protocol's persistent state kept), restart,
 * pause (a stalled process: events wait until it resumes), and the "timeout" action that
 * fires one of the node's timers now.
 */
import { heapPush } from '../queue';
import type { Action } from '../types';
import type { SimCore } from './core';
import { emptyInbox } from './processing';
import { at, EVENT_PRIORITY } from './state';

type NodeAction = Extract<Action, { type: 'crash' | 'restart' | 'pause' | 'timeout' }>;

/**
 * The `speed` action: the node's protocol works at `factor` × its normal speed from now on
 * (protocols with setSpeed; others skip it). A down node is left alone: a no-op, as
 * restarting a live node is. Returns whether the protocol state changed.
 */
export function applySpeed(sim: SimCore, i: number, factor: number): boolean {
  const node = sim.state.nodes[i]!;
  const setSpeed = sim.module.setSpeed;
  if (!setSpeed) {
    sim.record('skip', { node: node.id, detail: `speed: ${sim.module.title} has no speed` });
    return false;
  }
  if (!node.up) {
    sim.record('noop', { node: node.id, detail: `speed: ${node.id} is down` });
    return false;
  }
  setSpeed(node.state, factor, sim.contexts[i]!);
  sim.record('speed', { node: node.id, detail: `×${factor}` });
  return true;
}

export function applyNodeAction(sim: SimCore, a: NodeAction, i: number): void {
  const st = sim.state;
  const node = st.nodes[i]!;
  const id = node.id;
  switch (a.type) {
    case 'crash':
      if (!node.up) return sim.record('noop', { node: id, detail: `crash: ${id} is already down` });
      node.persisted = sim.module.persistent(node.state);
      node.state = null;
      node.up = false;
      node.incarnation++;
      node.timers = {};
      node.deferred = [];
      node.pausedUntil = 0;
      emptyInbox(sim, i);
      st.observed[i] = { ...st.observed[i]!, role: 'down', leads: false, campaigns: false };
      sim.record('crash', { node: id });
      return;
    case 'restart':
      if (node.up) return sim.record('noop', { node: id, detail: `restart: ${id} is already up` });
      node.up = true;
      node.state = sim.module.onRecover(sim.contexts[i]!, sim.config, node.persisted);
      sim.record('restart', { node: id });
      sim.observeNode(i);
      return;
    case 'pause': {
      if (!node.up) return sim.record('noop', { node: id, detail: `pause: ${id} is down` });
      const until = Math.max(node.pausedUntil, at(st.time, a.duration));
      node.pausedUntil = until;
      sim.record('pause', { node: id, detail: `until ${until}` });
      heapPush(st.queue, {
        time: until,
        prio: EVENT_PRIORITY,
        seq: ++st.seq,
        ev: { type: 'resume', node: id, incarnation: node.incarnation },
      });
      return;
    }
    case 'timeout': {
      if (!node.up || node.pausedUntil > 0) {
        return sim.record('noop', { node: id, detail: `timeout: ${id} is not running` });
      }
      const timer = a.timer ?? sim.module.timeoutTimer;
      sim.record('timeout', { node: id, detail: timer });
      // The timer fires now: its queued event (if armed) goes stale.
      delete node.timers[timer];
      sim.module.onTimer(node.state, timer, sim.contexts[i]!);
      sim.observeNode(i);
      return;
    }
  }
}
