/**
 * What the simulator's parts (network, timers, node faults, clients, actions) share: the
 * state, the protocol module and the hooks of the event loop. The Simulator implements it;
 * each part is a set of functions over it, so no part imports another's internals.
 */
import type { AnyProtocolModule, BalancerContext } from '../protocol';
import type { Scenario } from '../scenario';
import type { ProtocolContext, TraceEntry, TraceKind } from '../types';
import type { SimState } from './state';

export interface SimCore {
  readonly scenario: Scenario;
  readonly module: AnyProtocolModule;
  readonly config: unknown;
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Per-link latency overrides, by "from>to". */
  readonly linkLatency: ReadonlyMap<string, { min: number; max: number }>;
  readonly contexts: readonly ProtocolContext<unknown>[];
  /** The balancer's context (Routing `balancer`), or null. */
  readonly balancerContext: BalancerContext<unknown> | null;
  readonly state: SimState<unknown>;
  readonly tracing: boolean;
  /** Starts a counted event at `time`. */
  begin(time: number): void;
  /** After an event: role changes of the touched node (-1: none), then every checker. */
  afterNodeEvent(touched: number): void;
  /** Notices a role change of node i (after a restart or a forced timer). */
  observeNode(i: number): void;
  record(kind: TraceKind, fields: Omit<TraceEntry, 'id' | 'time' | 'kind'>): void;
  /** After servers joined (state.nodes grew): ids, indexOf and contexts catch up. */
  syncServers(): void;
}
