/**
 * Helpers for the Paxos tests: one node of either variant driven by hand outside any
 * simulator (what it sends, replies and arms is recorded), and a hand-driven cluster of them
 * whose network the test schedules message by message, with the module's invariant checkers
 * run after every step. Not used by the lab itself.
 */
import fc from 'fast-check';
import type { ProtocolModule } from '../../protocol';
import { nodeIds } from '../../scenario';
import type { CheckView, ClientRequest, NodeId } from '../../types';
import { HandNode } from '../../testing/handNode';
import type { Sent } from '../../testing/handNode';
import { DEFAULT_PAXOS_CONFIG } from './config';
import type { PaxosConfig } from './config';

// The helpers are generic over a module's state, message and persistent types; the view and
// detail types play no part here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any view and detail type
type Module<S, M, P> = ProtocolModule<S, M, P, PaxosConfig, any, any>;

export type { Sent };

export function paxosConfig(partial: Partial<PaxosConfig> = {}): PaxosConfig {
  return { ...structuredClone(DEFAULT_PAXOS_CONFIG), ...partial };
}

/**
 * One node outside any simulator (etcd's style of test). `random` returns the next value of a
 * fixed list (0.5 when the list runs out).
 */
export class TestNode<S, M, P> extends HandNode<M> {
  state: S;

  constructor(
    readonly module: Module<S, M, P>,
    id = 'S1',
    size = 3,
    readonly config: PaxosConfig = paxosConfig(),
    persisted?: P,
    randoms: number[] = [],
  ) {
    super(id, size, randoms);
    this.state =
      persisted === undefined
        ? module.init(this.ctx, config)
        : module.onRecover(this.ctx, config, persisted);
  }

  /** Delivers a message from `from`; returns (and clears) what the node sent in response. */
  receive(from: NodeId, msg: M): Sent<M>[] {
    this.sent = [];
    this.module.onMessage(
      this.state,
      { id: 0, from, to: this.id, sentAt: this.time, payload: msg },
      this.ctx,
    );
    return this.sent;
  }

  fire(timer: string): Sent<M>[] {
    this.sent = [];
    delete this.timers[timer];
    this.module.onTimer(this.state, timer, this.ctx);
    return this.sent;
  }

  request(req: ClientRequest): Sent<M>[] {
    this.sent = [];
    this.module.onClientRequest(this.state, req, this.ctx);
    return this.sent;
  }

  /** A crash and a restart: the node comes back from what it persisted, volatile state lost. */
  restart(): void {
    const persisted = structuredClone(this.module.persistent(this.state));
    this.timers = {};
    this.state = this.module.onRecover(this.ctx, this.config, persisted);
  }
}

export interface InFlight<M> {
  from: NodeId;
  to: NodeId;
  msg: M;
}

/**
 * A cluster whose network is the test's: messages wait in `inFlight` until the test delivers,
 * duplicates or drops them; crashed nodes lose what is sent to them. The module's checkers run
 * after every step; their findings collect in `violations`.
 */
export class TestCluster<S, M, P> {
  readonly nodes: TestNode<S, M, P>[];
  readonly up: Record<NodeId, boolean> = {};
  inFlight: InFlight<M>[] = [];
  violations: string[] = [];
  private readonly memory: unknown[];
  private step = 0;

  constructor(
    readonly module: Module<S, M, P>,
    size: number,
    config: PaxosConfig = paxosConfig(),
  ) {
    this.nodes = nodeIds(size).map((id) => new TestNode(module, id, size, config));
    for (const n of this.nodes) this.up[n.id] = true;
    this.memory = module.checkers.map((c) => c.initialMemory());
    for (const n of this.nodes) this.collect(n);
  }

  node(id: NodeId): TestNode<S, M, P> {
    return this.nodes.find((n) => n.id === id)!;
  }

  state(id: NodeId): S {
    return this.node(id).state;
  }

  /** Fires a node's timer (if it is up) and queues what it sent. */
  fire(id: NodeId, timer: string): void {
    if (!this.up[id]) return;
    this.node(id).fire(timer);
    this.collect(this.node(id));
  }

  request(id: NodeId, req: ClientRequest): void {
    if (!this.up[id]) return;
    this.node(id).request(req);
    this.collect(this.node(id));
  }

  /** Delivers in-flight message `i` (and removes it unless `keep`, for a duplicate). */
  deliver(i: number, keep = false): void {
    const m = this.inFlight[i]!;
    if (!keep) this.inFlight.splice(i, 1);
    if (!this.up[m.to]) return;
    const node = this.node(m.to);
    node.receive(m.from, structuredClone(m.msg));
    this.collect(node);
  }

  /** Delivers every message matching `filter` (in order), including those they cause, until none is left. */
  deliverAll(filter: (m: InFlight<M>) => boolean = () => true, limit = 10_000): void {
    for (let n = 0; n < limit; n++) {
      const i = this.inFlight.findIndex(filter);
      if (i < 0) return;
      this.deliver(i);
    }
    throw new Error('deliverAll: the cluster did not quiesce');
  }

  drop(filter: (m: InFlight<M>) => boolean): void {
    this.inFlight = this.inFlight.filter((m) => !filter(m));
  }

  crash(id: NodeId): void {
    this.up[id] = false;
  }

  restart(id: NodeId): void {
    if (this.up[id]) return;
    this.up[id] = true;
    this.node(id).restart();
    this.collect(this.node(id));
  }

  private collect(node: TestNode<S, M, P>): void {
    for (const s of node.sent) this.inFlight.push({ from: node.id, to: s.to, msg: s.msg });
    node.sent = [];
    const view: CheckView<S> = {
      nodes: this.nodes.map((n) => ({ id: n.id, up: this.up[n.id]!, state: n.state })),
      time: this.step,
      eventId: this.step++,
      touched: node.id,
    };
    this.module.checkers.forEach((c, i) => {
      const problem = c.check(view, this.memory[i]);
      if (problem !== null) this.violations.push(`${c.name}: ${problem}`);
    });
  }
}

/** One step of a random schedule: its kind and a number that picks a message or a node. */
export interface Step<T extends string> {
  t: T | 'deliver' | 'duplicate' | 'drop' | 'crash' | 'restart';
  i: number;
}

/**
 * Random schedules for fast-check: mostly deliveries (of any message in flight, in any order),
 * some duplicates, losses, crashes and restarts, plus the test's own kinds of step by weight.
 */
export function schedules<T extends string>(own: Record<T, number>): fc.Arbitrary<Step<T>[]> {
  const weights: [Step<T>['t'], number][] = [
    ['deliver', 20],
    ['duplicate', 1],
    ['drop', 1],
    ['crash', 1],
    ['restart', 1],
    ...(Object.entries(own) as [T, number][]),
  ];
  const step = fc.oneof(
    ...weights.map(([t, weight]) => ({
      weight,
      arbitrary: fc.record({ t: fc.constant(t), i: fc.nat() }),
    })),
  );
  return fc.array(step, { minLength: 20, maxLength: 300, size: 'max' });
}

/** Performs a network or fault step; returns false for the test's own kinds. */
export function networkStep<S, M, P>(c: TestCluster<S, M, P>, s: Step<string>): boolean {
  const n = c.inFlight.length;
  const id = c.nodes[s.i % c.nodes.length]!.id;
  switch (s.t) {
    case 'deliver':
      if (n > 0) c.deliver(s.i % n);
      return true;
    case 'duplicate':
      if (n > 0) c.deliver(s.i % n, true);
      return true;
    case 'drop':
      if (n > 0) c.inFlight.splice(s.i % n, 1);
      return true;
    case 'crash':
      c.crash(id);
      return true;
    case 'restart':
      c.restart(id);
      return true;
    default:
      return false;
  }
}
