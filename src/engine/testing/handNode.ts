/**
 * One node of any protocol outside the simulator, driven by hand (etcd's style of test):
 * what it sends, replies, arms and notes is recorded; `random` returns the next value of a
 * fixed list (0.5 when the list runs out). Protocol test kits extend it with their state.
 */
import { nodeIds } from '../scenario';
import type { ClientRequest, ClientResponse, NodeId, ProtocolContext } from '../types';

export interface Sent<M> {
  to: NodeId;
  msg: M;
}

export class HandNode<M> {
  sent: Sent<M>[] = [];
  replies: { to: ClientRequest; response: ClientResponse }[] = [];
  /** Armed timers by name: when each fires. */
  timers: Record<string, number> = {};
  notes: string[] = [];
  time = 0;
  readonly ctx: ProtocolContext<M>;

  constructor(
    readonly id: NodeId,
    size: number,
    public randoms: number[] = [],
  ) {
    const ids = nodeIds(size);
    this.ctx = {
      self: id,
      peers: ids.filter((p) => p !== id),
      now: () => this.time,
      send: (to, msg) => this.sent.push({ to, msg: structuredClone(msg) }),
      setTimer: (name, delay) => {
        this.timers[name] = this.time + delay;
      },
      cancelTimer: (name) => {
        delete this.timers[name];
      },
      reply: (to, response) => this.replies.push({ to: structuredClone(to), response }),
      random: () => this.randoms.shift() ?? 0.5,
      note: (text) => this.notes.push(text),
    };
  }
}
