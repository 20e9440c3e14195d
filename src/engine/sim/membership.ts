/**
 * Membership change at run time (the `add-server` and `remove-server` actions), the
 * simulator's half: a new server gets its runtime, links, random stream and trace presence
 * here; the protocol (its `membership` hook) decides whether the leader takes the change and
 * carries it out. A protocol without the hook runs a fixed cluster and the actions are refused.
 *
 * Servers are never taken out of the run: a removed one stays (it is only outside the
 * configuration), so ids stay fresh — the k-th server ever added is S(n+k), never a reused id.
 */
import { createStream } from '../rng';
import { MAX_SERVERS } from '../scenarioMembership';
import type { Action } from '../types';
import type { SimCore } from './core';

type MembershipAction = Extract<Action, { type: 'add-server' | 'remove-server' }>;

/**
 * Starts server S(n+1): up, empty, with every link up (a partition in force leaves it on no
 * side: it reaches everyone until the next network action), its own random stream named after
 * its id like every other server's. Returns its index.
 */
export function addServer(sim: SimCore): number {
  const st = sim.state;
  const n = st.nodes.length;
  const id = `S${n + 1}`;
  st.nodes.push({
    id,
    up: true,
    pausedUntil: 0,
    state: null,
    persisted: null,
    incarnation: 0,
    timers: {},
    deferred: [],
  });
  for (const row of st.cut) row.push(false);
  st.cut.push(st.nodes.map(() => false));
  for (const client in st.clientCut) st.clientCut[client]!.push(false);
  st.rng.nodes.push(createStream(sim.scenario.seed, `node:${id}`));
  st.observed.push({ role: '', epoch: null, leads: false, campaigns: false });
  sim.syncServers();
  return n;
}

/**
 * Applies add-server / remove-server through the leader `leader` (an index, or null when no
 * node leads). Returns the node whose protocol state changed, or -1.
 */
export function applyMembership(sim: SimCore, a: MembershipAction, leader: number | null): number {
  const hook = sim.module.membership;
  if (!hook) {
    sim.record('skip', {
      detail: `${a.type}: ${sim.module.title} runs a fixed cluster (no membership change)`,
    });
    return -1;
  }
  if (leader === null) {
    sim.record('skip', { detail: `${a.type}: there is no leader to take the change` });
    return -1;
  }
  const st = sim.state;
  const node = st.nodes[leader]!;
  if (node.pausedUntil > 0) {
    sim.record('noop', { node: node.id, detail: `${a.type}: ${node.id} is paused` });
    return -1;
  }
  let change: { add: string } | { remove: string };
  if (a.type === 'add-server') {
    if (st.nodes.length >= MAX_SERVERS) {
      sim.record('skip', {
        detail: `add-server: the cluster has ${st.nodes.length} servers, the most a run may have`,
      });
      return -1;
    }
    change = { add: `S${st.nodes.length + 1}` };
  } else {
    const target = a.node === 'leader' ? leader : sim.indexOf.get(a.node);
    if (target === undefined) {
      sim.record('skip', { detail: `remove-server: there is no server ${a.node} (yet)` });
      return -1;
    }
    change = { remove: st.nodes[target]!.id };
  }
  const why = hook.refuse(node.state, change);
  if (why !== null) {
    sim.record('skip', { node: node.id, detail: `${a.type}: ${node.id} refuses: ${why}` });
    return -1;
  }
  if ('add' in change) {
    const j = addServer(sim);
    const joined = st.nodes[j]!;
    joined.state = hook.join(sim.contexts[j]!, sim.config);
    sim.record('join', { node: joined.id, detail: 'empty log, outside the configuration' });
    sim.observeNode(j);
  }
  const what = 'add' in change ? `add ${change.add}` : `remove ${change.remove}`;
  sim.record('note', { node: node.id, detail: `asked to ${what}` });
  hook.change(node.state, change, sim.contexts[leader]!);
  return leader;
}
