/**
 * The simulator as the lab sees one frame of it: every node's generic view (role, epoch,
 * timers), the messages in flight as the protocol describes them, and the protocol's own
 * projection. Nothing here knows a protocol: it reads the module's observe/describe/view.
 */
import type { Simulator } from '../engine/simulator';
import type { WireMessage } from '../engine/types';
import type { MessageView, NodeView, TimerView } from './protocol';

/** Node i: its observation when up, its persisted epoch when crashed, its armed timers. */
export function nodeView(sim: Simulator, i: number): NodeView {
  const node = sim.state.nodes[i]!;
  const m = sim.module;
  const timers: TimerView[] = [];
  const o =
    node.up && node.state !== null
      ? m.observe(node.state)
      : {
          role: 'down',
          epoch: node.persisted === null ? null : m.persistedEpoch(node.persisted),
          leads: false,
          campaigns: false,
        };
  if (node.up) {
    for (const name of Object.keys(node.timers).sort()) {
      const t = node.timers[name]!;
      timers.push({ name, due: t.due, length: t.length });
    }
  }
  return {
    id: node.id,
    up: node.up,
    pausedUntil: node.pausedUntil,
    role: o.role,
    epoch: o.epoch,
    leads: o.leads,
    campaigns: o.campaigns,
    timers,
  };
}

/** A message on the wire; client traffic is the simulator's own and drawn the same way for all. */
export function messageView(sim: Simulator, m: WireMessage): MessageView {
  const base = {
    id: m.id,
    from: m.from,
    to: m.to,
    sentAt: m.sentAt,
    deliverAt: m.deliverAt,
    kind: m.kind,
  };
  if (m.client) {
    const reply = m.kind === 'ClientReply';
    return {
      ...base,
      cls: reply ? 'client-reply' : 'client-request',
      epoch: null,
      label: reply ? 'client reply' : 'client request',
      client: true,
    };
  }
  const d = sim.module.describe(m.payload);
  return { ...base, cls: d.cls, epoch: d.epoch, label: d.label, client: false };
}
