/**
 * The balancer's place in the simulator (Routing `balancer`): the module's BalancerHook keeps
 * its state in SimState.balancer, and this part gives it a context — the servers, its own
 * random stream, messages to servers over the client links, timers as queued events, and the
 * load generator's records to close. The balancer sits outside the cluster as clients do:
 * partitions between servers do not cut it off.
 */
import type { BalancerContext, BalancerHook } from '../protocol';
import { BALANCER } from '../protocol';
import { heapPush } from '../queue';
import { nextFloat } from '../rng';
import { loadClients } from '../load/config';
import type { LoadRequest, RequestOutcome } from '../load/types';
import type { Envelope, NodeId, WireMessage } from '../types';
import type { SimCore } from './core';
import { completeRequest } from './load';
import { transmit } from './network';
import { at, EVENT_PRIORITY } from './state';

// The neutral layers never look inside a balancer's state or messages.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as AnyProtocolModule
type AnyHook = BalancerHook<any, any, any>;

export class BalancerCtx implements BalancerContext<unknown> {
  readonly backends: readonly NodeId[];
  readonly clients: number;
  constructor(private readonly sim: SimCore) {
    this.backends = sim.ids;
    this.clients = sim.scenario.load ? loadClients(sim.scenario.load) : 0;
  }
  now(): number {
    return this.sim.state.time;
  }
  random(): number {
    return nextFloat(this.sim.state.rng.balancer);
  }
  send(to: NodeId, payload: unknown): void {
    const sim = this.sim;
    const toIndex = sim.indexOf.get(to);
    if (toIndex === undefined) throw new Error(`balancer: send to unknown node ${to}`);
    const kind = sim.module.kind(payload);
    // The balancer's links are never cut.
    transmit(
      sim,
      BALANCER,
      to,
      -1,
      toIndex,
      kind,
      payload,
      sim.scenario.network.clientLatency,
      false,
    );
  }
  setTimer(name: string, delay: number, arg: number): void {
    const st = this.sim.state;
    heapPush(st.queue, {
      time: at(st.time, delay),
      prio: EVENT_PRIORITY,
      seq: ++st.seq,
      ev: { type: 'balancer-timer', name, arg },
    });
  }
  complete(id: number, outcome: RequestOutcome): void {
    completeRequest(this.sim, id, outcome);
  }
  note(text: string): void {
    this.sim.record('note', { node: BALANCER, detail: text });
  }
}

function hookOf(sim: SimCore): AnyHook {
  const hook = sim.module.balancer;
  if (!hook || !sim.balancerContext) throw new Error(`${sim.module.title} has no balancer`);
  return hook;
}

/** The balancer of a run whose protocol has one: its state and context. */
export function startBalancer(sim: SimCore): void {
  if (!sim.balancerContext) return;
  sim.state.balancer = hookOf(sim).init(sim.balancerContext, sim.config);
}

/** A server sends to the balancer (ProtocolContext.send to BALANCER). */
export function sendToBalancer(sim: SimCore, fromIndex: number, payload: unknown): void {
  const from = sim.ids[fromIndex]!;
  const kind = sim.module.kind(payload);
  transmit(
    sim,
    from,
    BALANCER,
    fromIndex,
    -1,
    kind,
    payload,
    sim.scenario.network.clientLatency,
    false,
  );
}

/**
 * The envelope and the request handed to the balancer hook, one each for every call: a hook
 * reads them during the call and keeps what it needs (the balancer keeps numbers and
 * strings, never these objects), so a request costs no envelope and no request object.
 * Calls never nest (the hook's effects are queued events).
 */
const envelope: Envelope<unknown> = { id: 0, from: '', to: '', sentAt: 0, payload: null };
const request: LoadRequest = { id: 0, client: 0, key: '' };

/** A message reached the balancer (the event is begun and counted by the caller). */
export function balancerReceives(sim: SimCore, msg: WireMessage): void {
  envelope.id = msg.id;
  envelope.from = msg.from;
  envelope.to = msg.to;
  envelope.sentAt = msg.sentAt;
  envelope.payload = msg.payload;
  hookOf(sim).onMessage(sim.state.balancer, envelope, sim.balancerContext!);
}

export function balancerTimer(sim: SimCore, name: string, arg: number): void {
  if (sim.tracing) sim.record('timer', { node: BALANCER, detail: name });
  hookOf(sim).onTimer(sim.state.balancer, name, arg, sim.balancerContext!);
}

/** Hands a new request of the load generator to the balancer. */
export function balancerRequest(sim: SimCore, id: number, client: number, key: string): void {
  request.id = id;
  request.client = client;
  request.key = key;
  hookOf(sim).onRequest(sim.state.balancer, request, sim.balancerContext!);
}
