/**
 * The protocol's whole view of the world, one per node. Effects go through it and are
 * performed by the simulator, so a protocol is testable message by message.
 */
import { nextFloat } from '../rng';
import type { ClientRequest, ClientResponse, NodeId, ProtocolContext } from '../types';
import { BALANCER } from '../protocol';
import { sendToBalancer } from './balancer';
import { replyToClient } from './clients';
import { sendServerMessage } from './network';
import { cancelTimer, setTimer } from './timers';
import type { SimCore } from './core';

export class NodeContext<M> implements ProtocolContext<M> {
  readonly self: NodeId;
  private peerList: NodeId[] = [];
  constructor(
    private readonly sim: SimCore,
    private readonly index: number,
  ) {
    this.self = sim.ids[index] as NodeId;
  }
  /** Every other server of the run, those that joined since (add-server) included. */
  get peers(): readonly NodeId[] {
    const ids = this.sim.ids;
    if (this.peerList.length !== ids.length - 1) {
      this.peerList = ids.filter((id) => id !== this.self);
    }
    return this.peerList;
  }
  now(): number {
    return this.sim.state.time;
  }
  send(to: NodeId, payload: M): void {
    // Servers first: no server is named BALANCER, and a string comparison is a call.
    const toIndex = this.sim.indexOf.get(to);
    if (toIndex !== undefined) sendServerMessage(this.sim, this.index, toIndex, to, payload);
    else if (to === BALANCER) sendToBalancer(this.sim, this.index, payload);
    else throw new Error(`send to unknown node ${to}`);
  }
  setTimer(name: string, delay: number): void {
    setTimer(this.sim, this.index, name, delay);
  }
  cancelTimer(name: string): void {
    cancelTimer(this.sim, this.index, name);
  }
  reply(to: ClientRequest, response: ClientResponse): void {
    replyToClient(this.sim, this.index, to, response);
  }
  random(): number {
    return nextFloat(this.sim.state.rng.nodes[this.index]!);
  }
  note(text: string): void {
    this.sim.record('note', { node: this.self, detail: text });
  }
}
