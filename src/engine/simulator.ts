/**
 * The deterministic discrete-event simulator. It owns virtual time, the network, faults and
 * the client workload; a protocol owns only its per-node state and reacts through a context.
 *
 * Determinism: every event pops in (time, priority, seq) order, every random draw comes from
 * a named seeded stream, and nothing reads the wall clock. The whole mutable world lives in
 * one plain-data `SimState`, so a keyframe is a structuredClone of it.
 *
 * Actions (scripted or from the user) run at priority 1: after every ordinary event of the
 * same virtual time. A user action taken in the lab is scheduled the same way, so exporting
 * it as a scripted action at the same time reproduces the run exactly.
 */
import { heapPop, heapPush } from './queue';
import { chance, createStream, exponential, nextFloat, uniformInt, uniformMs } from './rng';
import type { RngState } from './rng';
import { nodeIds } from './scenario';
import type { Scenario } from './scenario';
import type {
  Action,
  ClientOpRecord,
  ClientRequest,
  ClientResponse,
  ClientRuntime,
  CheckView,
  Envelope,
  EventBody,
  InvariantChecker,
  KvOp,
  LeaderRecord,
  NodeId,
  NodeRuntime,
  NodeSummary,
  PendingOp,
  Protocol,
  ProtocolContext,
  QueuedEvent,
  SimStats,
  TimedAction,
  TraceEntry,
  TraceKind,
  Violation,
  WireMessage,
} from './types';

/** Times are kept to the microsecond so float sums stay short and readable in traces. */
function at(base: number, delay: number): number {
  return Math.round((base + delay) * 1000) / 1000;
}

const ACTION_PRIORITY = 1;
const EVENT_PRIORITY = 0;
/** Back-off before a client tries the next server when it was given no leader hint. */
const CLIENT_NO_HINT_BACKOFF = 20;
export const USER_CLIENT = 'user';

/** The entire mutable world of a run. Plain data: clone it and you have a keyframe. */
export interface SimState<S> {
  time: number;
  seq: number;
  /**
   * Actions take their order from their own counter, so that a user action taken live
   * shifts no other event's sequence number: replaying it as a scripted action is exact.
   */
  actionSeq: number;
  /** Ids of processed events: the last one processed. */
  eventId: number;
  queue: QueuedEvent[];
  nodes: NodeRuntime<S>[];
  /** cut[i][j]: the link from node i to node j is down. */
  cut: boolean[][];
  rng: { network: RngState; workload: RngState; nodes: RngState[] };
  clients: ClientRuntime[];
  clientOps: ClientOpRecord[];
  pendingOps: Record<number, PendingOp>;
  userSeq: number;
  workloadEnabled: boolean;
  workloadRate: number;
  leaders: LeaderRecord[];
  /** Last seen role and term per node, to notice changes. */
  lastStatus: { role: string; term: number }[];
  violations: Violation[];
  violationKeys: Record<string, true>;
  checkerMemory: unknown[];
  stats: SimStats;
  nextMsgId: number;
  trace: TraceEntry[];
}

export interface SimOptions {
  /** Record the full trace (the UI and --trace need it; batch runs do not). */
  trace?: boolean;
}

/** A protocol bundled with its checkers and the way it reads its scenario section. */
export interface ProtocolEntry<S, M, P, C> {
  protocol: Protocol<S, M, P, C>;
  checkers: InvariantChecker<S, unknown>[];
  config(scenario: Scenario): C;
}

class NodeContext<S, M> implements ProtocolContext<M> {
  readonly self: NodeId;
  readonly peers: readonly NodeId[];
  constructor(
    private readonly sim: Simulator<S, M>,
    private readonly index: number,
  ) {
    this.self = sim.ids[index] as NodeId;
    this.peers = sim.ids.filter((id) => id !== this.self);
  }
  now(): number {
    return this.sim.state.time;
  }
  send(to: NodeId, payload: M): void {
    this.sim.sendServerMessage(this.index, to, payload);
  }
  setTimer(name: string, delay: number): void {
    this.sim.setTimer(this.index, name, delay);
  }
  cancelTimer(name: string): void {
    delete this.sim.state.nodes[this.index]!.timers[name];
  }
  reply(to: ClientRequest, response: ClientResponse): void {
    this.sim.replyToClient(this.index, to, response);
  }
  random(): number {
    return nextFloat(this.sim.state.rng.nodes[this.index]!);
  }
  note(text: string): void {
    this.sim.record('note', { node: this.self, detail: text });
  }
}

export class Simulator<S = unknown, M = unknown, P = unknown, C = unknown> {
  state: SimState<S>;
  readonly ids: string[];
  /**
   * Whether events are recorded in `state.trace`. The run history turns it off while it
   * replays a stretch whose trace it already holds (recording has no other effect).
   */
  tracing: boolean;
  private readonly protocol: Protocol<S, M, P, C>;
  private readonly checkers: InvariantChecker<S, unknown>[];
  private readonly config: C;
  private readonly contexts: NodeContext<S, M>[];
  private readonly indexOf: Map<string, number>;
  private readonly linkLatency: Map<string, { min: number; max: number }>;
  /** Reused for every check: checkers run after every event, so no allocation per event. */
  private readonly view: { -readonly [K in keyof CheckView<S>]: CheckView<S>[K] } = {
    nodes: [],
    time: 0,
    eventId: 0,
    touched: null,
  };

  constructor(
    readonly scenario: Scenario,
    entry: ProtocolEntry<S, M, P, C>,
    options: SimOptions = {},
  ) {
    this.protocol = entry.protocol;
    this.checkers = entry.checkers;
    this.config = entry.config(scenario);
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
        epoch: 0,
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
      lastStatus: this.ids.map(() => ({ role: '', term: 0 })),
      violations: [],
      violationKeys: {},
      checkerMemory: this.checkers.map((c) => c.initialMemory()),
      stats: { sent: 0, delivered: 0, dropped: 0, duplicated: 0, byKind: {} },
      nextMsgId: 1,
      trace: [],
    };
    this.contexts = this.ids.map((_, i) => new NodeContext<S, M>(this, i));
    for (let i = 0; i < this.ids.length; i++) {
      const node = this.state.nodes[i]!;
      node.state = this.protocol.init(this.contexts[i]!, this.config);
      this.noticeStatus(i);
    }
    for (const timed of scenario.actions) this.scheduleAction(timed, 'scenario');
    this.startWorkload();
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
    while (q.length > 0 && q[0]!.time <= t) {
      const ev = heapPop(q)!;
      this.process(ev);
    }
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

  summary(nodeIndex: number): NodeSummary & { id: string; up: boolean } {
    const node = this.state.nodes[nodeIndex]!;
    const s = node.state
      ? this.protocol.summarize(node.state)
      : { ...this.protocol.summarizePersisted(node.persisted as P), role: 'down' };
    return { id: node.id, up: node.up, ...s };
  }

  messagesInFlight(): WireMessage[] {
    const out: WireMessage[] = [];
    for (const { ev } of this.state.queue)
      if (ev.type === 'deliver' && !ev.dropped) out.push(ev.msg);
    return out.sort((a, b) => a.id - b.id);
  }

  /** The node that is leader now (highest term among up leaders), or null. */
  currentLeader(): string | null {
    let best: string | null = null;
    let bestTerm = -1;
    this.state.nodes.forEach((n) => {
      if (!n.up || !n.state) return;
      const st = this.protocol.status(n.state);
      if (st.role === 'leader' && st.term > bestTerm) {
        best = n.id;
        bestTerm = st.term;
      }
    });
    return best;
  }

  messageKind(payload: M): string {
    return this.protocol.messageKind(payload);
  }

  // ---------------------------------------------------------------- events

  /** Returns false for a stale event (a cancelled timer), which does not count. */
  private process(queued: QueuedEvent): boolean {
    const st = this.state;
    const ev = queued.ev;
    const time = queued.time;
    switch (ev.type) {
      case 'timer': {
        const node = st.nodes[this.indexOf.get(ev.node)!]!;
        if (!node.up || node.epoch !== ev.epoch || node.timers[ev.name] !== ev.token) return false;
        if (this.deferIfPaused(node, queued)) return false;
        this.begin(time);
        delete node.timers[ev.name];
        if (this.tracing) this.record('timer', { node: node.id, detail: ev.name });
        const i = this.indexOf.get(ev.node)!;
        this.protocol.onTimer(node.state as S, ev.name, this.contexts[i]!);
        this.afterNodeEvent(i);
        return true;
      }
      case 'deliver':
        return this.deliver(ev, time, queued);
      case 'action':
        this.begin(time);
        this.afterNodeEvent(this.applyAction(ev.action));
        return true;
      case 'resume': {
        const i = this.indexOf.get(ev.node)!;
        const node = st.nodes[i]!;
        if (node.epoch !== ev.epoch || node.pausedUntil !== time) return false;
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
        return this.issueWorkloadOp(ev.client, ev.token, time);
      case 'client-timeout':
        return this.clientTimeout(ev.op, ev.attempt, time);
    }
  }

  private begin(time: number): void {
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
      this.clientReceives(op, resp, msg.from);
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
      this.protocol.onClientRequest(node.state as S, req, ctx);
    } else {
      const envelope: Envelope<M> = {
        id: msg.id,
        from: msg.from,
        to: msg.to,
        sentAt: msg.sentAt,
        payload: msg.payload as M,
      };
      this.protocol.onMessage(node.state as S, envelope, ctx);
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
  private afterNodeEvent(touched: number): void {
    if (touched >= 0) this.noticeStatus(touched);
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

  private noticeStatus(i: number): void {
    const node = this.state.nodes[i]!;
    if (!node.state) return;
    const now = this.protocol.status(node.state);
    const last = this.state.lastStatus[i]!;
    if (now.role === last.role && now.term === last.term) return;
    if (now.role !== last.role) {
      this.record('role', { node: node.id, detail: `${now.role} (term ${now.term})` });
      if (now.role === 'leader') {
        this.state.leaders.push({ time: this.state.time, term: now.term, node: node.id });
      }
    }
    this.state.lastStatus[i] = { role: now.role, term: now.term };
  }

  // ---------------------------------------------------------------- network

  sendServerMessage(fromIndex: number, to: NodeId, payload: M): void {
    const toIndex = this.indexOf.get(to);
    if (toIndex === undefined) throw new Error(`send to unknown node ${to}`);
    const kind = this.protocol.messageKind(payload);
    const range =
      this.linkLatency.get(`${this.ids[fromIndex]}>${to}`) ?? this.scenario.network.latency;
    this.transmit(
      this.ids[fromIndex]!,
      to,
      kind,
      payload,
      range,
      false,
      this.state.cut[fromIndex]![toIndex]!,
    );
  }

  replyToClient(fromIndex: number, req: ClientRequest, response: ClientResponse): void {
    const op = this.opIndexFor(req);
    if (op < 0) return;
    this.transmit(
      this.ids[fromIndex]!,
      req.client,
      'ClientReply',
      { op, resp: response },
      this.scenario.network.clientLatency,
      true,
      false,
    );
  }

  /** Puts a message on the wire: loss and cut links drop it now; duplication adds a copy. */
  private transmit(
    from: string,
    to: string,
    kind: string,
    payload: unknown,
    range: { min: number; max: number },
    client: boolean,
    linkDown: boolean,
  ): void {
    const st = this.state;
    const net = this.scenario.network;
    const copies = chance(st.rng.network, net.duplicate) ? 2 : 1;
    if (copies === 2) st.stats.duplicated++;
    for (let c = 0; c < copies; c++) {
      const id = st.nextMsgId++;
      st.stats.sent++;
      st.stats.byKind[kind] = (st.stats.byKind[kind] ?? 0) + 1;
      const deliverAt = at(st.time, uniformMs(st.rng.network, range.min, range.max));
      const msg: WireMessage = { id, from, to, sentAt: st.time, deliverAt, kind, payload };
      if (client) msg.client = true;
      if (linkDown || chance(st.rng.network, net.loss)) {
        st.stats.dropped++;
        this.record('drop', {
          from,
          to,
          msg: id,
          msgKind: kind,
          detail: linkDown ? `link ${from}→${to} is down` : 'lost',
        });
        continue;
      }
      if (this.tracing) this.record('send', { from, to, msg: id, msgKind: kind, deliverAt });
      heapPush(st.queue, {
        time: deliverAt,
        prio: EVENT_PRIORITY,
        seq: ++st.seq,
        ev: { type: 'deliver', msg },
      });
    }
  }

  setTimer(index: number, name: string, delay: number): void {
    const st = this.state;
    const node = st.nodes[index]!;
    const token = ++st.seq;
    node.timers[name] = token;
    heapPush(st.queue, {
      time: at(st.time, delay),
      prio: EVENT_PRIORITY,
      seq: token,
      ev: { type: 'timer', node: node.id, name, token, epoch: node.epoch },
    });
  }

  // ---------------------------------------------------------------- actions

  private resolveNode(ref: string): number | null {
    if (ref === 'leader') {
      const leader = this.currentLeader();
      return leader === null ? null : this.indexOf.get(leader)!;
    }
    return this.indexOf.get(ref) ?? null;
  }

  /** Applies an action; returns the node whose protocol state it changed, or -1. */
  private applyAction(a: Action): number {
    const st = this.state;
    const skipNoLeader = () => {
      this.record('skip', { detail: `${a.type}: there is no leader` });
      return -1;
    };
    switch (a.type) {
      case 'crash':
      case 'restart':
      case 'pause':
      case 'timeout': {
        const i = this.resolveNode(a.node);
        if (i === null) return skipNoLeader();
        this.nodeAction(a, i);
        return i;
      }
      case 'request': {
        const i = this.resolveNode(a.node);
        if (i === null) return skipNoLeader();
        this.issueUserRequest(i, a.op);
        return -1;
      }
      case 'partition': {
        const group = new Map<number, number>();
        let unresolved = false;
        a.groups.forEach((g, gi) =>
          g.forEach((ref) => {
            const i = this.resolveNode(ref);
            if (i === null) unresolved = true;
            else group.set(i, gi);
          }),
        );
        if (unresolved) return skipNoLeader();
        // Nodes named in no group form one more group together.
        const groupOf = (i: number) => group.get(i) ?? -1;
        let changed = false;
        for (let i = 0; i < this.ids.length; i++) {
          for (let j = 0; j < this.ids.length; j++) {
            const down = i !== j && groupOf(i) !== groupOf(j);
            if (st.cut[i]![j] !== down) changed = true;
            st.cut[i]![j] = down;
          }
        }
        const text = a.groups.map((g) => g.join(',')).join(' | ');
        this.record(changed ? 'partition' : 'noop', { detail: `partition ${text}` });
        return -1;
      }
      case 'cut':
      case 'link': {
        const i = this.resolveNode(a.from);
        const j = this.resolveNode(a.to);
        if (i === null || j === null) return skipNoLeader();
        const down = a.type === 'cut' ? true : !a.up;
        const changed = st.cut[i]![j] !== down && i !== j;
        if (changed) st.cut[i]![j] = down;
        const text = `${this.ids[i]}→${this.ids[j]} ${down ? 'down' : 'up'}`;
        this.record(changed ? a.type : 'noop', {
          from: this.ids[i],
          to: this.ids[j],
          detail: text,
        });
        return -1;
      }
      case 'heal': {
        let changed = false;
        for (const row of st.cut)
          for (let j = 0; j < row.length; j++) {
            if (row[j]) changed = true;
            row[j] = false;
          }
        this.record(changed ? 'heal' : 'noop', { detail: 'heal: every link up' });
        return -1;
      }
      case 'drop': {
        const ev = st.queue.find(({ ev: e }) => e.type === 'deliver' && e.msg.id === a.message)?.ev;
        if (!ev || ev.type !== 'deliver' || ev.dropped) {
          this.record('noop', { detail: `drop: message ${a.message} is not in flight` });
          return -1;
        }
        ev.dropped = 'dropped by the user';
        this.record('noop', { msg: a.message, detail: `message ${a.message} will be dropped` });
        return -1;
      }
      case 'workload': {
        const wasEnabled = st.workloadEnabled;
        st.workloadEnabled = a.enabled;
        if (a.rate !== undefined) st.workloadRate = a.rate;
        this.record('workload', {
          detail: `${a.enabled ? 'on' : 'off'} at ${st.workloadRate}/s per client`,
        });
        if (a.enabled && (!wasEnabled || a.rate !== undefined)) {
          for (const c of st.clients) if (c.pending < 0) this.scheduleIssue(c);
        }
        return -1;
      }
    }
  }

  private nodeAction(a: Extract<Action, { node: string }>, i: number): void {
    const node = this.state.nodes[i]!;
    const id = node.id;
    switch (a.type) {
      case 'crash':
        if (!node.up)
          return this.record('noop', { node: id, detail: `crash: ${id} is already down` });
        node.persisted = this.protocol.persistent(node.state as S);
        node.state = null;
        node.up = false;
        node.epoch++;
        node.timers = {};
        node.deferred = [];
        node.pausedUntil = 0;
        this.state.lastStatus[i] = { role: 'down', term: this.state.lastStatus[i]!.term };
        this.record('crash', { node: id });
        return;
      case 'restart':
        if (node.up)
          return this.record('noop', { node: id, detail: `restart: ${id} is already up` });
        node.up = true;
        node.state = this.protocol.onRecover(this.contexts[i]!, this.config, node.persisted as P);
        this.record('restart', { node: id });
        this.noticeStatus(i);
        return;
      case 'pause': {
        if (!node.up) return this.record('noop', { node: id, detail: `pause: ${id} is down` });
        const until = Math.max(node.pausedUntil, at(this.state.time, a.duration));
        node.pausedUntil = until;
        this.record('pause', { node: id, detail: `until ${until}` });
        heapPush(this.state.queue, {
          time: until,
          prio: EVENT_PRIORITY,
          seq: ++this.state.seq,
          ev: { type: 'resume', node: id, epoch: node.epoch },
        });
        return;
      }
      case 'timeout':
        if (!node.up || node.pausedUntil > 0) {
          return this.record('noop', { node: id, detail: `timeout: ${id} is not running` });
        }
        this.record('timeout', { node: id });
        this.protocol.onForceTimeout(node.state as S, this.contexts[i]!);
        this.noticeStatus(i);
        return;
      case 'request':
        return;
    }
  }

  // ---------------------------------------------------------------- clients

  private startWorkload(): void {
    const w = this.scenario.workload;
    for (let c = 0; c < w.clients; c++) {
      const client: ClientRuntime = {
        id: `c${c + 1}`,
        seq: 0,
        pending: -1,
        issueToken: 0,
        silences: 0,
        target: uniformInt(this.state.rng.workload, 0, this.ids.length - 1),
      };
      this.state.clients.push(client);
      this.scheduleIssue(client, w.start);
    }
  }

  private scheduleIssue(client: ClientRuntime, from = this.state.time): void {
    const rate = this.state.workloadRate;
    if (rate <= 0) return;
    const think = exponential(this.state.rng.workload, 1000 / rate);
    // A newer schedule replaces an older one still queued (e.g. the rate changed).
    client.issueToken = ++this.state.seq;
    heapPush(this.state.queue, {
      time: at(from, think),
      prio: EVENT_PRIORITY,
      seq: client.issueToken,
      ev: { type: 'client-issue', client: client.id, token: client.issueToken },
    });
  }

  private issueWorkloadOp(clientId: string, token: number, time: number): boolean {
    const st = this.state;
    const client = st.clients[this.clientIndex(clientId)]!;
    if (!st.workloadEnabled || client.pending >= 0 || client.issueToken !== token) return false;
    this.begin(time);
    const w = this.scenario.workload;
    const key = `k${uniformInt(st.rng.workload, 1, w.keys)}`;
    const seq = ++client.seq;
    const op: KvOp = chance(st.rng.workload, w.readRatio)
      ? { type: 'get', key }
      : { type: 'put', key, value: `${client.id}.${seq}` };
    client.pending = this.openOp({ client: client.id, seq, op }, true, w.opTimeout);
    this.sendAttempt(client.pending, client.target);
    this.afterNodeEvent(-1);
    return true;
  }

  private issueUserRequest(target: number, op: KvOp): void {
    const seq = ++this.state.userSeq;
    const index = this.openOp(
      { client: USER_CLIENT, seq, op },
      false,
      this.scenario.workload.opTimeout,
    );
    this.sendAttempt(index, target);
  }

  private openOp(req: ClientRequest, retries: boolean, timeout: number): number {
    const st = this.state;
    const index = st.clientOps.length;
    st.clientOps.push({
      id: index + 1,
      client: req.client,
      op: req.op.type,
      key: req.op.key,
      value: req.op.type === 'put' ? req.op.value : null,
      invokedAt: st.time,
      completedAt: null,
      ok: false,
      result: null,
      attempts: 0,
    });
    st.pendingOps[index] = { req, attempt: 0, deadline: at(st.time, timeout), retries };
    if (this.tracing) this.record('client-invoke', { node: req.client, detail: describeOp(req) });
    return index;
  }

  private sendAttempt(index: number, target: number): void {
    const st = this.state;
    const pending = st.pendingOps[index]!;
    const record = st.clientOps[index]!;
    pending.attempt++;
    record.attempts = pending.attempt;
    this.transmit(
      pending.req.client,
      this.ids[target]!,
      'ClientRequest',
      { op: index, req: pending.req },
      this.scenario.network.clientLatency,
      true,
      false,
    );
    const wait = pending.retries
      ? this.scenario.workload.requestTimeout
      : pending.deadline - st.time;
    heapPush(st.queue, {
      time: Math.min(at(st.time, wait), pending.deadline),
      prio: EVENT_PRIORITY,
      seq: ++st.seq,
      ev: { type: 'client-timeout', op: index, attempt: pending.attempt },
    });
  }

  /** The pending operation a protocol is answering, or -1 if it already completed. */
  private opIndexFor(req: ClientRequest): number {
    const st = this.state;
    if (req.client !== USER_CLIENT) {
      const client = st.clients[this.clientIndex(req.client)];
      return client && client.seq === req.seq ? client.pending : -1;
    }
    for (const key in st.pendingOps) {
      const p = st.pendingOps[key]!;
      if (p.req.client === req.client && p.req.seq === req.seq) return Number(key);
    }
    return -1;
  }

  /** Workload clients are named c1…cN, stored in that order. */
  private clientIndex(id: string): number {
    return Number(id.slice(1)) - 1;
  }

  private clientReceives(index: number, resp: ClientResponse, from: string): void {
    const st = this.state;
    const pending = st.pendingOps[index];
    if (!pending) return; // Already completed or given up: a late duplicate.
    const record = st.clientOps[index]!;
    const client = pending.retries ? st.clients[this.clientIndex(record.client)]! : null;
    if (client) client.silences = 0;
    if (resp.ok) {
      this.completeOp(index, true, resp.value ?? null);
      return;
    }
    const hint = resp.leaderHint ?? null;
    if (!pending.retries) {
      this.completeOp(index, false, hint ? `${resp.error} (leader hint ${hint})` : resp.error);
      return;
    }
    if (!client) return;
    const hintIndex = hint === null ? undefined : this.indexOf.get(hint);
    const fromIndex = this.indexOf.get(from) ?? client.target;
    if (hintIndex !== undefined && hintIndex !== fromIndex) {
      client.target = hintIndex;
      this.sendAttempt(index, hintIndex);
    } else {
      // No useful hint: back off briefly, then the retry moves on to the next server.
      client.target = fromIndex;
      client.silences = 1;
      heapPush(st.queue, {
        time: Math.min(at(st.time, CLIENT_NO_HINT_BACKOFF), pending.deadline),
        prio: EVENT_PRIORITY,
        seq: ++st.seq,
        ev: { type: 'client-timeout', op: index, attempt: pending.attempt },
      });
    }
  }

  private clientTimeout(index: number, attempt: number, time: number): boolean {
    const st = this.state;
    const pending = st.pendingOps[index];
    if (!pending || pending.attempt !== attempt) return false;
    this.begin(time);
    if (time >= pending.deadline || !pending.retries) {
      this.record('client-give-up', { node: pending.req.client, detail: describeOp(pending.req) });
      this.completeOp(index, false, 'timeout');
    } else {
      const client = st.clients[this.clientIndex(pending.req.client)]!;
      // One silence may be a lost message: retry the same server once, then move on.
      client.silences++;
      if (client.silences >= 2) {
        client.target = (client.target + 1) % this.ids.length;
        client.silences = 0;
      }
      this.sendAttempt(index, client.target);
    }
    this.afterNodeEvent(-1);
    return true;
  }

  private completeOp(index: number, ok: boolean, result: string | null): void {
    const st = this.state;
    const record = st.clientOps[index]!;
    const pending = st.pendingOps[index]!;
    delete st.pendingOps[index];
    record.completedAt = st.time;
    record.ok = ok;
    record.result = result;
    if (this.tracing)
      this.record('client-reply', {
        node: record.client,
        detail: `${describeOp(pending.req)} → ${ok ? 'ok' : 'failed'}${result === null ? '' : ` ${result}`}`,
      });
    const client =
      record.client === USER_CLIENT ? undefined : st.clients[this.clientIndex(record.client)];
    if (client && client.pending === index) {
      client.pending = -1;
      if (st.workloadEnabled) this.scheduleIssue(client);
    }
  }

  // ---------------------------------------------------------------- trace

  record(kind: TraceKind, fields: Omit<TraceEntry, 'id' | 'time' | 'kind'>): void {
    if (!this.tracing) return;
    this.state.trace.push({ id: this.state.eventId, time: this.state.time, kind, ...fields });
  }
}

function describeOp(req: ClientRequest): string {
  const op = req.op;
  const what = op.type === 'put' ? `put ${op.key}=${op.value}` : `get ${op.key}`;
  return `${req.client}#${req.seq} ${what}`;
}
