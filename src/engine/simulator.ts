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
import type { AnyProtocolModule, NodeRead, Observation } from './protocol';
import { heapPop, heapPush } from './queue';
import { createStream } from './rng';
import { nodeIds } from './scenario';
import type { Scenario } from './scenario';
import { applyAction, LEADER_REF, resolveNode } from './sim/actions';
import {
  clientReceives,
  clientTimeout,
  isUserClient,
  issueWorkloadOp,
  startWorkload,
  USER_CLIENT,
} from './sim/clients';
import { NodeContext } from './sim/context';
import type { SimCore } from './sim/core';
import { messagesInFlight } from './sim/network';
import { ACTION_PRIORITY } from './sim/state';
import type { SimOptions, SimState } from './sim/state';
import type {
  Action,
  CheckView,
  ClientRequest,
  ClientResponse,
  Envelope,
  EventBody,
  InvariantChecker,
  NodeRuntime,
  QueuedEvent,
  TimedAction,
  TraceEntry,
  TraceKind,
  WireMessage,
} from './types';

export type { SimOptions, SimState };
export { isUserClient, USER_CLIENT };

const DOWN: Observation = { role: 'down', epoch: null, leads: false, campaigns: false };

export class Simulator<S = unknown> implements SimCore {
  state: SimState<S>;
  readonly ids: string[];
  /**
   * Whether events are recorded in `state.trace`. The run history turns it off while it
   * replays a stretch whose trace it already holds (recording has no other effect).
   */
  tracing: boolean;
  readonly module: AnyProtocolModule;
  readonly config: unknown;
  readonly contexts: NodeContext<unknown>[];
  readonly indexOf: Map<string, number>;
  readonly linkLatency: Map<string, { min: number; max: number }>;
  private readonly checkers: readonly InvariantChecker<S, unknown>[];
  /** Reused for every check: checkers run after every event, so no allocation per event. */
  private readonly view: { -readonly [K in keyof CheckView<S>]: CheckView<S>[K] } = {
    nodes: [],
    time: 0,
    eventId: 0,
    touched: null,
  };

  constructor(
    readonly scenario: Scenario,
    module: AnyProtocolModule,
    options: SimOptions & { checkers?: readonly InvariantChecker<S, unknown>[] } = {},
  ) {
    this.module = module;
    this.checkers = options.checkers ?? module.checkers;
    this.config = structuredClone(scenario.protocolConfig);
    this.tracing = options.trace ?? false;
    this.ids = nodeIds(scenario.nodes);
    this.indexOf = new Map(this.ids.map((id, i) => [id, i]));
    this.linkLatency = new Map(
      scenario.network.links.map((l) => [`${l.from}>${l.to}`, l.latency] as const),
    );
    const seed = scenario.seed;
    this.state = {
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
      rng: {
        network: createStream(seed, 'network'),
        workload: createStream(seed, 'workload'),
        nodes: this.ids.map((id) => createStream(seed, `node:${id}`)),
      },
      clients: [],
      clientOps: [],
      pendingOps: {},
      userSeq: 0,
      workloadEnabled: scenario.workload.enabled,
      workloadRate: scenario.workload.rate,
      leaders: [],
      observed: this.ids.map(() => ({ ...DOWN, role: '' })),
      violations: [],
      violationKeys: {},
      checkerMemory: this.checkers.map((c) => c.initialMemory()),
      stats: { sent: 0, delivered: 0, dropped: 0, duplicated: 0, byKind: {} },
      nextMsgId: 1,
      trace: [],
    };
    this.contexts = this.ids.map((_, i) => new NodeContext<unknown>(this, i));
    for (let i = 0; i < this.ids.length; i++) {
      const node = this.state.nodes[i]!;
      node.state = this.module.init(this.contexts[i]!, this.config) as S;
      this.observeNode(i);
    }
    for (const timed of scenario.actions) this.scheduleAction(timed, 'scenario');
    startWorkload(this);
  }

  // ---------------------------------------------------------------- running

  /** Time of the next event, or Infinity when the queue is empty. */
  nextEventTime(): number {
    return this.state.queue[0]?.time ?? Infinity;
  }

  /** Processes the next event that is not stale. Returns false when nothing is left. */
  step(): boolean {
    for (;;) {
      const ev = heapPop(this.state.queue);
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
    const q = this.state.queue;
    while (q.length > 0 && q[0]!.time <= t) {
      if (this.process(heapPop(q)!)) return true;
    }
    return false;
  }

  /** Processes every event with time ≤ t, then sets the clock to t. */
  runUntil(t: number): void {
    const q = this.state.queue;
    while (q.length > 0 && q[0]!.time <= t) this.process(heapPop(q)!);
    if (t > this.state.time) this.state.time = t;
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
        if (!node.up || node.incarnation !== ev.incarnation) return false;
        if (node.timers[ev.name]?.token !== ev.token) return false;
        if (this.deferIfPaused(node, queued)) return false;
        this.begin(time);
        delete node.timers[ev.name];
        if (this.tracing) this.record('timer', { node: node.id, detail: ev.name });
        this.module.onTimer(node.state, ev.name, this.contexts[i]!);
        this.afterNodeEvent(i);
        return true;
      }
      case 'deliver':
        return this.deliver(ev, time, queued);
      case 'action':
        this.begin(time);
        this.afterNodeEvent(applyAction(this, ev.action));
        return true;
      case 'resume': {
        const node = st.nodes[this.indexOf.get(ev.node)!]!;
        if (node.incarnation !== ev.incarnation || node.pausedUntil !== time) return false;
        this.begin(time);
        node.pausedUntil = 0;
        this.record('resume', { node: node.id, detail: `${node.deferred.length} deferred events` });
        // Whatever arrived during the pause is handled now, in arrival order.
        for (const d of node.deferred)
          heapPush(st.queue, { time, prio: d.prio, seq: ++st.seq, ev: d.ev });
        node.deferred = [];
        this.afterNodeEvent(-1);
        return true;
      }
      case 'client-issue':
        return issueWorkloadOp(this, ev.client, ev.token, time);
      case 'client-timeout':
        return clientTimeout(this, ev.op, ev.attempt, time);
    }
  }

  begin(time: number): void {
    this.state.time = time;
    this.state.eventId++;
  }

  private deferIfPaused(node: NodeRuntime<S>, ev: QueuedEvent): boolean {
    if (node.pausedUntil === 0) return false;
    node.deferred.push(ev);
    return true;
  }

  private deliver(
    ev: Extract<EventBody, { type: 'deliver' }>,
    time: number,
    queued: QueuedEvent,
  ): boolean {
    const st = this.state;
    const msg = ev.msg;
    const toIndex = this.indexOf.get(msg.to);
    if (toIndex === undefined) {
      // To a client: clients are outside the cluster and never down.
      this.begin(time);
      if (ev.dropped) return this.dropAtDelivery(msg, ev.dropped);
      st.stats.delivered++;
      this.record('deliver', { from: msg.from, to: msg.to, msg: msg.id, msgKind: msg.kind });
      const { op, resp } = msg.payload as { op: number; resp: ClientResponse };
      clientReceives(this, op, resp, msg.from);
      this.afterNodeEvent(-1);
      return true;
    }
    const node = st.nodes[toIndex]!;
    if (node.up && !ev.dropped && this.deferIfPaused(node, queued)) return false;
    this.begin(time);
    const fromIndex = this.indexOf.get(msg.from);
    if (ev.dropped) return this.dropAtDelivery(msg, ev.dropped);
    if (!node.up) return this.dropAtDelivery(msg, `${msg.to} is down`);
    if (fromIndex !== undefined && st.cut[fromIndex]![toIndex]) {
      return this.dropAtDelivery(msg, `link ${msg.from}→${msg.to} is down`);
    }
    st.stats.delivered++;
    if (this.tracing)
      this.record('deliver', { from: msg.from, to: msg.to, msg: msg.id, msgKind: msg.kind });
    const ctx = this.contexts[toIndex]!;
    if (msg.client) {
      const { req } = msg.payload as { op: number; req: ClientRequest };
      this.module.onClientRequest(node.state, req, ctx);
    } else {
      const envelope: Envelope<unknown> = {
        id: msg.id,
        from: msg.from,
        to: msg.to,
        sentAt: msg.sentAt,
        payload: msg.payload,
      };
      this.module.onMessage(node.state, envelope, ctx);
    }
    this.afterNodeEvent(toIndex);
    return true;
  }

  private dropAtDelivery(msg: WireMessage, reason: string): true {
    this.state.stats.dropped++;
    this.record('drop', {
      from: msg.from,
      to: msg.to,
      msg: msg.id,
      msgKind: msg.kind,
      detail: reason,
    });
    this.afterNodeEvent(-1);
    return true;
  }

  /** After each event: role changes, then every invariant checker. */
  afterNodeEvent(touched: number): void {
    if (touched >= 0) this.observeNode(touched);
    if (this.checkers.length === 0) return;
    const st = this.state;
    const view = this.view;
    view.nodes = st.nodes;
    view.time = st.time;
    view.eventId = st.eventId;
    view.touched = touched >= 0 ? (this.ids[touched] as string) : null;
    for (let c = 0; c < this.checkers.length; c++) {
      const checker = this.checkers[c]!;
      const problem = checker.check(view, st.checkerMemory[c]);
      if (problem === null) continue;
      const key = `${checker.name}|${problem}`;
      if (st.violationKeys[key]) continue;
      st.violationKeys[key] = true;
      st.violations.push({
        invariant: checker.name,
        time: st.time,
        eventId: st.eventId,
        message: problem,
      });
      this.record('violation', { detail: `${checker.name}: ${problem}` });
    }
  }

  /**
   * Notices a role change of node i: it enters the trace as a structured record, and a
   * node that starts to lead (or leads in a new epoch) joins the leaders list.
   */
  observeNode(i: number): void {
    const node = this.state.nodes[i]!;
    if (!node.state) return;
    const now = this.module.observe(node.state);
    const last = this.state.observed[i]!;
    if (now.role === last.role && now.epoch === last.epoch && now.leads === last.leads) return;
    if (now.role !== last.role) {
      this.record('role', {
        node: node.id,
        role: now.role,
        epoch: now.epoch,
        leads: now.leads,
        campaigns: now.campaigns,
        ...(now.epoch === null ? {} : { detail: `${this.module.epochName} ${now.epoch}` }),
      });
    }
    if (now.leads && (!last.leads || now.epoch !== last.epoch)) {
      this.state.leaders.push({ time: this.state.time, epoch: now.epoch, node: node.id });
    }
    this.state.observed[i] = { ...now };
  }

  // ---------------------------------------------------------------- trace

  record(kind: TraceKind, fields: Omit<TraceEntry, 'id' | 'time' | 'kind'>): void {
    if (!this.tracing) return;
    this.state.trace.push({ id: this.state.eventId, time: this.state.time, kind, ...fields });
  }
}
