/**
 * The deterministic discrete-event simulator: the event loop and its dispatch. It owns
 * virtual time, and through its parts in sim/ the network, node faults, timers and the
 * client workload; a protocol (a ProtocolModule) owns only its per-node state and reacts
 * through a context.
 *
 * Determinism: every event pops in (time, priority, seq) order, every random draw comes from
 * a named seeded stream, and nothing reads the wall clock. The whole mutable world lives in
 * one plain-data `SimState`, so a keyframe is a clone of it.
 *
 * Actions (scripted or from the user) run at priority 1: after every ordinary event of the
 * same virtual time. A user action taken in the lab is scheduled the same way, so exporting
 * it as a scripted action at the same time reproduces the run exactly.
 */
import { LIMITS } from './input/limits';
import type { AnyProtocolModule, NodeRead, Observation } from './protocol';
import { heapPop, heapPush } from './queue';
import { createStream } from './rng';
import { nodeIds } from './scenario';
import type { Scenario } from './scenario';
import { applyAction, LEADER_REF, resolveNode } from './sim/actions';
import { BalancerCtx, balancerTimer, startBalancer } from './sim/balancer';
import {
  clientTimeout,
  isUserClient,
  issueWorkloadOp,
  startWorkload,
  USER_CLIENT,
} from './sim/clients';
import { NodeContext } from './sim/context';
import { deferIfPaused, deliver } from './sim/deliver';
import type { SimCore } from './sim/core';
import { messagesInFlight } from './sim/network';
import { loadIssue, startLoad } from './sim/load';
import { served } from './sim/processing';
import { Checks, observeNode } from './sim/observe';
import { ACTION_PRIORITY } from './sim/state';
import { fireTimer, timerFires } from './sim/timers';
import type { RunStop, SimOptions, SimState } from './sim/state';
import type {
  Action,
  InvariantChecker,
  QueuedEvent,
  TimedAction,
  TraceEntry,
  TraceKind,
  WireMessage,
} from './types';

export type { RunStop, SimOptions, SimState };
export { isUserClient, USER_CLIENT };

const DOWN: Observation = { role: 'down', epoch: null, leads: false, campaigns: false };

export class Simulator<S = unknown> implements SimCore {
  /** The whole mutable world (see syncServers for what follows a replaced one). */
  get state(): SimState<S> {
    return this.world;
  }
  set state(s: SimState<S>) {
    this.world = s;
    this.syncServers();
  }
  private world: SimState<S>;
  readonly ids: string[];
  /**
   * Whether events are recorded in `state.trace`. The run history turns it off while it
   * replays a stretch whose trace it already holds (recording has no other effect).
   */
  tracing: boolean;
  readonly module: AnyProtocolModule;
  readonly config: unknown;
  readonly contexts: NodeContext<unknown>[];
  readonly balancerContext: BalancerCtx | null;
  readonly indexOf: Map<string, number>;
  readonly linkLatency: Map<string, { min: number; max: number }>;
  private readonly checks: Checks<S>;

  constructor(
    readonly scenario: Scenario,
    module: AnyProtocolModule,
    options: SimOptions & { checkers?: readonly InvariantChecker<S, unknown>[] } = {},
  ) {
    this.module = module;
    this.checks = new Checks<S>(options.checkers ?? module.checkers);
    const config: unknown = structuredClone(scenario.protocolConfig);
    // Mutants (issue 13) reach every node through its config; names were checked on parse.
    const mutations = scenario.mutations ?? [];
    this.config =
      mutations.length > 0 && module.withMutations
        ? module.withMutations(config, mutations)
        : config;
    this.tracing = options.trace ?? false;
    this.ids = nodeIds(scenario.nodes);
    this.indexOf = new Map(this.ids.map((id, i) => [id, i]));
    this.linkLatency = new Map(
      scenario.network.links.map((l) => [`${l.from}>${l.to}`, l.latency] as const),
    );
    const seed = scenario.seed;
    this.world = {
      time: 0,
      seq: 0,
      actionSeq: 0,
      eventId: 0,
      queue: [],
      nodes: this.ids.map((id) => ({
        id,
        up: true,
        pausedUntil: 0,
        state: null,
        persisted: null,
        incarnation: 0,
        timers: {},
        deferred: [],
      })),
      cut: this.ids.map(() => this.ids.map(() => false)),
      clientCut: {},
      lastFault: 0,
      rng: {
        network: createStream(seed, 'network'),
        workload: createStream(seed, 'workload'),
        nodes: this.ids.map((id) => createStream(seed, `node:${id}`)),
        load: createStream(seed, 'load'),
        balancer: createStream(seed, 'balancer'),
      },
      clients: [],
      clientOps: [],
      pendingOps: {},
      userSeq: 0,
      load: null,
      balancer: null,
      workloadEnabled: scenario.workload.enabled,
      workloadRate: scenario.workload.rate,
      leaders: [],
      observed: this.ids.map(() => ({ ...DOWN, role: '' })),
      violations: [],
      violationKeys: {},
      checkerMemory: this.checks.checkers.map((c) => c.initialMemory()),
      stats: { sent: 0, delivered: 0, dropped: 0, duplicated: 0, byKind: {} },
      nextMsgId: 1,
      sameTimeEvents: 0,
      stopped: null,
      trace: [],
    };
    this.contexts = this.ids.map((_, i) => new NodeContext<unknown>(this, i));
    this.balancerContext = module.routing === 'balancer' ? new BalancerCtx(this) : null;
    for (let i = 0; i < this.ids.length; i++) {
      const node = this.state.nodes[i]!;
      node.state = this.module.init(this.contexts[i]!, this.config) as S;
      this.observeNode(i);
    }
    startBalancer(this);
    for (const timed of scenario.actions) this.scheduleAction(timed, 'scenario');
    startWorkload(this);
    startLoad(this);
  }

  // ---------------------------------------------------------------- running

  /** Time of the next event, or Infinity when the queue is empty. */
  nextEventTime(): number {
    return this.state.queue[0]?.time ?? Infinity;
  }

  /**
   * Processes the next event that is not stale. Returns false when nothing is left, or the
   * run was stopped (`state.stopped`).
   */
  step(): boolean {
    const st = this.state;
    for (;;) {
      if (st.stopped !== null) return false;
      const ev = heapPop(st.queue);
      if (!ev) return false;
      if (this.process(ev)) return true;
    }
  }

  /**
   * Like step(), but never pops an event later than `t`: returns false, with every stale
   * event due by `t` consumed and the clock untouched, when no event counts by then.
   * `while (sim.stepUntil(t));` pops exactly what runUntil(t) pops; the run history uses it
   * to stop at each event and at the exact points where user actions were taken.
   */
  stepUntil(t: number): boolean {
    const st = this.state;
    const q = st.queue;
    while (st.stopped === null && q.length > 0 && q[0]!.time <= t) {
      if (this.process(heapPop(q)!)) return true;
    }
    return false;
  }

  /**
   * Processes every event with time ≤ t, then sets the clock to t. A stopped run stays where
   * it stopped: nothing is processed and the clock does not move.
   */
  runUntil(t: number): void {
    const st = this.state;
    const q = st.queue;
    while (st.stopped === null && q.length > 0 && q[0]!.time <= t) this.process(heapPop(q)!);
    if (t > st.time && st.stopped === null) st.time = t;
  }

  /**
   * Stops the run after the current event, for good: the reason goes into the trace (an
   * `end` entry) and `state.stopped`, where the CLI and the lab read it. Used by the
   * zero-time guard and by the lab's event budget.
   */
  halt(reason: string): void {
    const st = this.state;
    if (st.stopped !== null) return;
    st.stopped = { time: st.time, eventId: st.eventId, reason };
    this.record('end', { detail: reason });
  }

  /** Runs to the scenario's duration. */
  run(): this {
    this.runUntil(this.scenario.duration);
    return this;
  }

  /**
   * Takes a user action now: it is queued like a scripted action at the current time and
   * the simulation runs until it has been applied (only events at this same instant run
   * first), so the run equals one where it was scripted.
   */
  act(action: Action): TimedAction {
    const timed = { at: this.state.time, action };
    this.scheduleAction(timed, 'user');
    this.runUntil(this.state.time);
    return timed;
  }

  scheduleAction(timed: TimedAction, source: 'scenario' | 'user'): void {
    heapPush(this.state.queue, {
      time: timed.at,
      prio: ACTION_PRIORITY,
      seq: ++this.state.actionSeq,
      ev: { type: 'action', action: timed.action, source },
    });
  }

  // ---------------------------------------------------------------- reading

  /** Node i as the protocol's projections read it. */
  read(i: number): NodeRead<S, unknown> {
    const n = this.state.nodes[i]!;
    return { id: n.id, up: n.up, state: n.state, persisted: n.persisted };
  }

  /** The CLI's entry for node i: id, up, then the protocol's summary. */
  summary(i: number): Record<string, unknown> {
    const n = this.state.nodes[i]!;
    return { id: n.id, up: n.up, ...this.module.summary(this.read(i)) };
  }

  messagesInFlight(): WireMessage[] {
    return messagesInFlight(this);
  }

  /** The node that leads now (the highest epoch among up nodes that lead), or null. */
  currentLeader(): string | null {
    const i = resolveNode(this, LEADER_REF);
    return i === null ? null : this.ids[i]!;
  }

  // ---------------------------------------------------------------- events

  /** Returns false for a stale event (a cancelled timer), which does not count. */
  private process(queued: QueuedEvent): boolean {
    const st = this.state;
    const ev = queued.ev;
    const time = queued.time;
    switch (ev.type) {
      case 'timer': {
        const i = this.indexOf.get(ev.node)!;
        const node = st.nodes[i]!;
        if (!timerFires(this, node, queued)) return false;
        if (deferIfPaused(node, queued)) return false;
        this.begin(time);
        fireTimer(this, i, ev.name);
        this.afterNodeEvent(i);
        return true;
      }
      case 'deliver':
        return deliver(this, ev, time, queued);
      case 'action': {
        // Actions are finite (a scenario's list, the user's clicks): the zero-time guard
        // does not count them, so thousands scripted at one instant are fine.
        const sameTime = time === st.time;
        if (sameTime) st.sameTimeEvents--;
        this.begin(time);
        if (!sameTime) st.sameTimeEvents = 0;
        this.afterNodeEvent(applyAction(this, ev.action));
        return true;
      }
      case 'resume': {
        const node = st.nodes[this.indexOf.get(ev.node)!]!;
        if (node.incarnation !== ev.incarnation || node.pausedUntil !== time) return false;
        this.begin(time);
        node.pausedUntil = 0;
        this.record('resume', { node: node.id, detail: `${node.deferred.length} deferred events` });
        // Whatever arrived during the pause is handled now, in arrival order (at this one
        // instant: the zero-time guard allows for them).
        for (const d of node.deferred)
          heapPush(st.queue, { time, prio: d.prio, seq: ++st.seq, ev: d.ev });
        st.sameTimeEvents -= node.deferred.length;
        node.deferred = [];
        this.afterNodeEvent(-1);
        return true;
      }
      case 'client-issue':
        return issueWorkloadOp(this, ev.client, ev.token, time);
      case 'client-timeout':
        return clientTimeout(this, ev.op, ev.attempt, time);
      case 'load-issue':
        return loadIssue(this, ev.user, time);
      case 'served':
        return served(this, ev, time, queued);
      case 'balancer-timer':
        this.begin(time);
        balancerTimer(this, ev.name, ev.arg);
        this.afterNodeEvent(-1);
        return true;
    }
  }

  begin(time: number): void {
    const st = this.state;
    // The zero-time guard: a timer or a latency of 0 can make events that make more events
    // at the same instant forever; such a run is stopped, not left to fill memory (the lab's
    // history would copy the ever longer event queue into every keyframe).
    if (time !== st.time) st.sameTimeEvents = 1;
    else if (++st.sameTimeEvents >= LIMITS.sameTimeEvents) {
      st.time = time;
      st.eventId++;
      this.halt(
        `${st.sameTimeEvents} events in a row at ${time} ms without virtual time advancing` +
          ' (a timer or a latency of 0 ms?)',
      );
      return;
    }
    st.time = time;
    st.eventId++;
  }

  /** After each event: role changes, then every invariant checker. */
  afterNodeEvent(touched: number): void {
    if (touched >= 0) observeNode(this, touched);
    this.checks.run(this, touched);
  }

  observeNode = (i: number): void => observeNode(this, i);

  /**
   * Server ids, their index and their contexts follow `state.nodes`: servers join at run
   * time (add-server, sim/membership.ts), and a keyframe from before they joined has fewer.
   */
  syncServers(): void {
    const nodes = this.world.nodes;
    const ids = this.ids;
    while (ids.length > nodes.length) {
      this.indexOf.delete(ids.pop()!);
      this.contexts.pop();
    }
    for (let i = ids.length; i < nodes.length; i++) {
      ids.push(nodes[i]!.id);
      this.indexOf.set(nodes[i]!.id, i);
      this.contexts.push(new NodeContext<unknown>(this, i));
    }
  }

  record(kind: TraceKind, fields: Omit<TraceEntry, 'id' | 'time' | 'kind'>): void {
    if (!this.tracing) return;
    this.state.trace.push({ id: this.state.eventId, time: this.state.time, kind, ...fields });
  }
}
