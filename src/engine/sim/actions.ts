/**
 * Scripted and user actions: node references are resolved here ("leader" is the node that
 * leads now, by the protocol's own observation), then each action goes to the part of the
 * simulator it concerns.
 */
import type { Action } from '../types';
import { issueUserRequest, setWorkload } from './clients';
import type { SimCore } from './core';
import { applyNodeAction, applySpeed } from './faults';
import { applyMembership } from './membership';
import { applyNetworkAction } from './network';

/** The reference scenarios may use for the protocol's distinguished node. */
export const LEADER_REF = 'leader';

/** The node that leads: the highest (epoch, rank) among up nodes that believe they lead. */
function currentLeader(sim: SimCore): number | null {
  let best: number | null = null;
  let bestEpoch = -Infinity;
  let bestRank = -Infinity;
  sim.state.nodes.forEach((n, i) => {
    if (!n.up || !n.state) return;
    const o = sim.module.observe(n.state);
    const epoch = o.epoch ?? 0;
    const rank = o.rank ?? 0;
    if (o.leads && (epoch > bestEpoch || (epoch === bestEpoch && rank > bestRank))) {
      best = i;
      bestEpoch = epoch;
      bestRank = rank;
    }
  });
  return best;
}

export function resolveNode(sim: SimCore, ref: string): number | null {
  if (ref === LEADER_REF) return currentLeader(sim);
  return sim.indexOf.get(ref) ?? null;
}

/** A fault or a repair happened (or a pause ends `lasting` ms from now): quiet starts after. */
function markFault(sim: SimCore, lasting: number): void {
  const st = sim.state;
  st.lastFault = Math.max(st.lastFault, st.time + lasting);
}

/** Applies an action; returns the node whose protocol state it changed, or -1. */
export function applyAction(sim: SimCore, a: Action): number {
  const resolve = (ref: string) => resolveNode(sim, ref);
  const skipNoLeader = () => {
    // A server named that does not exist (yet): one an add-server was refused.
    const named = 'node' in a && a.node !== LEADER_REF ? a.node : null;
    const why = named === null ? 'there is no leader' : `there is no server ${named}`;
    sim.record('skip', { detail: `${a.type}: ${why}` });
    return -1;
  };
  switch (a.type) {
    case 'crash':
    case 'restart':
    case 'pause':
    case 'timeout': {
      const i = resolve(a.node);
      if (i === null) return skipNoLeader();
      applyNodeAction(sim, a, i);
      markFault(sim, a.type === 'pause' ? a.duration : 0);
      return i;
    }
    case 'request': {
      if (sim.module.routing === 'none') {
        sim.record('skip', { detail: `request: ${sim.module.title} takes no client requests` });
        return -1;
      }
      const i = resolve(a.node);
      if (i === null) return skipNoLeader();
      issueUserRequest(sim, i, a.op);
      return -1;
    }
    case 'partition':
    case 'cut':
    case 'link':
    case 'heal':
    case 'drop':
      if (a.type !== 'drop') markFault(sim, 0);
      return applyNetworkAction(sim, a, resolve) ? -1 : skipNoLeader();
    case 'workload':
      setWorkload(sim, a.enabled, a.rate);
      return -1;
    case 'transfer': {
      const transfer = sim.module.transferLeadership;
      if (!transfer) {
        sim.record('skip', { detail: `transfer: ${sim.module.title} has no leadership transfer` });
        return -1;
      }
      const i = currentLeader(sim);
      if (i === null) return skipNoLeader();
      const leader = sim.state.nodes[i]!;
      if (leader.pausedUntil > 0) {
        sim.record('noop', { node: leader.id, detail: `transfer: ${leader.id} is paused` });
        return -1;
      }
      sim.record('note', { node: leader.id, detail: `asked to transfer leadership to ${a.to}` });
      transfer(leader.state, a.to, sim.contexts[i]!);
      return i;
    }
    case 'speed': {
      const i = resolve(a.node);
      if (i === null) return skipNoLeader();
      return applySpeed(sim, i, a.factor) ? i : -1;
    }
    case 'add-server':
    case 'remove-server':
      // A new configuration, a server to catch up: the quiet period starts after it.
      markFault(sim, 0);
      return applyMembership(sim, a, currentLeader(sim));
  }
}
