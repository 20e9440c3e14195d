/**
 * The protocol seam: everything the simulator, the worker, the CLI and the lab may know of a
 * protocol. A protocol is one folder under protocols/ exporting one ProtocolModule, plus one
 * line in protocols/registry.ts; nothing outside that folder imports its types.
 *
 * The neutral layers see a protocol only through this interface: its own scenario section
 * (validated by its own schema), plain-data state driven by step functions through a context,
 * a cheap `observe` of each node's role after every event (recorded in the trace as data,
 * never as prose to parse back), a `describe` of each message for stats, the trace and the
 * palette, and `view`/`detail`/`summary` projections for the lab and the CLI.
 */
import type * as v from 'valibot';
import type { LoadRequest, RequestOutcome, RequestRecord } from './load/types';
import type { ClientRequest, Envelope, InvariantChecker, NodeId, ProtocolContext } from './types';

/** What the simulator notices of a node after every event. Cheap: no allocation needed. */
export interface Observation {
  /** The protocol's role name ("follower", "leader", "proposer", …; "down" when crashed). */
  role: string;
  /** A term, a ballot round; null for protocols without one. */
  epoch: number | null;
  /** The node acts as the protocol's distinguished node now ("leader" in actions). */
  leads: boolean;
  /** The node is campaigning to lead (a candidate): the timeline marks an election. */
  campaigns: boolean;
  /**
   * Order among equal epochs when two nodes both believe they lead (Multi-Paxos ballots
   * (round, node) share a round): the higher rank is the leader now. Default 0.
   */
  rank?: number;
}

/** How a message is counted, drawn and named. */
export interface MessageInfo {
  /** Palette class: the UI module maps it to a colour, a shape and a legend entry. */
  cls: string;
  /** The epoch the message carries (a term, a ballot round), or null. */
  epoch: number | null;
  /** Short words for people: "AppendEntries ×3", "Prepare (2,S1)". */
  label: string;
}

/**
 * How clients find a server that can answer. `redirect`: try a server, follow the hint in a
 * refusal (leader-based protocols). `any-node`: every server coordinates (a leaderless store).
 * `none`: the protocol takes no client requests (single-decree Paxos decides one value).
 * `balancer`: the scenario's `load` goes through the module's balancer hook, which forwards
 * each request to a server (a load balancer in front of backends).
 */
export type Routing = 'redirect' | 'any-node' | 'none' | 'balancer';

/** The balancer's address: servers answer it with `ctx.send(BALANCER, …)`. */
export const BALANCER = 'LB';

/**
 * The balancer's whole view of the world (Routing `balancer`). It sits with the load
 * generator (a request reaches it at once); its messages to and from servers travel with
 * `network.clientLatency`, and it learns of servers only through their answers.
 */
export interface BalancerContext<M> {
  /** The servers, in order (S1…Sn). */
  readonly backends: readonly NodeId[];
  /** Users (closed model) or client hosts (open model) the load's requests come from. */
  readonly clients: number;
  now(): number;
  /** The balancer's own random stream. */
  random(): number;
  send(to: NodeId, payload: M): void;
  /** Calls onTimer(name, arg) after `delay` ms. Never cancelled: a stale one is ignored. */
  setTimer(name: string, delay: number, arg: number): void;
  /** The request is answered (or failed): its record is closed and its user thinks again. */
  complete(id: number, outcome: RequestOutcome): void;
  note(text: string): void;
}

/** A balancer in front of the servers: plain-data state B, kept in SimState.balancer. */
export interface BalancerHook<B, M, C> {
  init(ctx: BalancerContext<M>, config: C): B;
  /** A new request from the load generator. */
  onRequest(state: B, req: LoadRequest, ctx: BalancerContext<M>): void;
  /** A server's message to BALANCER. */
  onMessage(state: B, msg: Envelope<M>, ctx: BalancerContext<M>): void;
  onTimer(state: B, name: string, arg: number, ctx: BalancerContext<M>): void;
}

/** What a run's summary may read beside the nodes. */
export interface RunFacts {
  /** The run's end (virtual ms). */
  time: number;
  /** The load's requests (empty without a balancer). */
  requests: readonly RequestRecord[];
}

/** A node as the projections read it: live state when up, what it persisted when down. */
export interface NodeRead<S, P> {
  readonly id: NodeId;
  readonly up: boolean;
  readonly state: S | null;
  readonly persisted: P | null;
}

/** What the lab currently looks at, so projections send only what is shown. */
export interface ViewRequest {
  /** Last log index / slot the protocol's panels show, or null to follow the newest. */
  windowEnd: number | null;
}

/**
 * What the lab's projection may read beside the nodes: the virtual time and, with Routing
 * `balancer`, the balancer's state (its view of each server's health).
 */
export interface ViewFacts<B> {
  readonly time: number;
  readonly balancer: B | null;
}

/**
 * A mutant (issue 13): one of the protocol's rules switched off, named after the rule it
 * breaks, so that a run shows why the rule is there. Listed by the module; a scenario's
 * `mutations` names them.
 */
export interface Mutant {
  readonly name: string;
  /** One sentence: which rule is switched off and what can go wrong without it. */
  readonly description: string;
}

/** The protocol's scenario section: its schema fills the defaults. */
export interface ConfigSpec<C> {
  /** Validates the section (an object, possibly absent → every default) and fills defaults. */
  readonly schema: v.GenericSchema<unknown, C>;
  /** Checks the schema cannot express; paths start at the section (`$.<protocol>.…`). */
  check?(config: C, ctx: { path: string; nodes: readonly NodeId[] }): string[];
  /**
   * Settings that are valid but will likely not work (a timeout not well above the network's
   * round trip): warnings the lab and the CLI show, never errors.
   */
  warnings?(config: C, ctx: { path: string; latency: { min: number; max: number } }): string[];
}

/** A protocol's part in the explorer's random schedules. */
export interface ExploreTuning {
  /**
   * Virtual ms a schedule runs, when faults start, the mean gap between them, and the quiet
   * time left at the end to recover.
   */
  readonly timing: { duration: number; from: number; gap: number; settle: number };
  /**
   * The protocol's section for one schedule, from the explorer's per-seed draws: a timeout
   * range (narrow half the time, so candidates collide) and a coin (an optional rule on/off).
   */
  section(draws: { timeout: { min: number; max: number }; coin: boolean }): Record<string, unknown>;
}

/**
 * How a protocol changes its cluster's membership. The simulator owns the servers (a new one
 * gets its state, timers, links and random stream there); the protocol decides whether the
 * change is allowed now and carries it out, and says who belongs to the configuration.
 */
export interface MembershipHook<S, P, C, M> {
  /**
   * Whether the node that leads now (`state`) can take a change now: null, or why not
   * ("the previous change is not committed yet"). Asked before a new server is started, so a
   * refused add-server creates nothing.
   */
  refuse(state: S, change: { add: NodeId } | { remove: NodeId }): string | null;
  /** The state of a server that joins a running cluster: empty, and in no configuration yet. */
  join(ctx: ProtocolContext<M>, config: C): S;
  /** The leader starts the change (refuse said null just before). */
  change(state: S, change: { add: NodeId } | { remove: NodeId }, ctx: ProtocolContext<M>): void;
  /**
   * The configuration in force, as the cluster's most authoritative node sees it (the leader,
   * else the most up-to-date log): its voting members, and the quorum they need.
   */
  inForce(nodes: readonly NodeRead<S, P>[]): { members: NodeId[]; quorum: number };
}

export interface ProtocolModule<S, M, P, C, V = unknown, D = unknown, B = unknown> {
  /** The name scenarios use (`"protocol": "<name>"`) and the key of its scenario section. */
  readonly name: string;
  /** Display name, as headings show it. */
  readonly title: string;
  /** Not offered in the lab's protocol menu (a test protocol, or one whose view is not built). */
  readonly internal?: boolean;
  /** What the epoch is called in words ("term", "ballot"). */
  readonly epochName: string;
  /** The scenario section it reads, when not its own name (Multi-Paxos reads `paxos`). */
  readonly section?: string;
  readonly config: ConfigSpec<C>;
  readonly routing: Routing;
  /** The timer the "timeout" action fires (an election timer, say). */
  readonly timeoutTimer: string;
  readonly checkers: readonly InvariantChecker<S, unknown>[];
  /** The balancer the scenario's load goes through (with routing `balancer`). */
  readonly balancer?: BalancerHook<B, M, C>;
  /**
   * How the fault explorer (engine/explore) schedules this protocol; absent: it cannot
   * explore it.
   */
  readonly explore?: ExploreTuning;
  /** The rules a scenario's `mutations` may switch off (none: the field must stay empty). */
  readonly mutants?: readonly Mutant[];
  /**
   * The config every node runs with under the scenario's `mutations` (names from `mutants`,
   * already checked): the protocol's handlers read them from there.
   */
  withMutations?(config: C, mutations: readonly string[]): C;

  init(ctx: ProtocolContext<M>, config: C): S;
  onMessage(state: S, msg: Envelope<M>, ctx: ProtocolContext<M>): void;
  onTimer(state: S, timer: string, ctx: ProtocolContext<M>): void;
  onClientRequest(state: S, req: ClientRequest, ctx: ProtocolContext<M>): void;
  /**
   * The `transfer` action, called on the node that leads now: hand leadership to `to` (a
   * leadership transfer). Absent: the protocol has no such thing and the action is skipped.
   */
  transferLeadership?(state: S, to: NodeId, ctx: ProtocolContext<M>): void;
  /**
   * Membership change at run time (the `add-server` and `remove-server` actions). Absent: the
   * protocol runs a fixed cluster, and a scenario or a lab action that changes it is refused.
   */
  readonly membership?: MembershipHook<S, P, C, M>;
  /** What survives a crash: a copy, since the live state keeps changing. */
  persistent(state: S): P;
  onRecover(ctx: ProtocolContext<M>, config: C, persisted: P): S;
  /** The `speed` action: the node now works at `factor` × its normal speed. */
  setSpeed?(state: S, factor: number, ctx: ProtocolContext<M>): void;

  /** Called after every event that touched the node: keep it cheap. */
  observe(state: S): Observation;
  /** The epoch a crashed node persisted (its term), or null. */
  persistedEpoch(persisted: P): number | null;
  /** A message's kind ("RequestVote"), for stats and the trace: called on every send. */
  kind(payload: M): string;
  /** A message as the lab draws it: called only for messages on screen. */
  describe(payload: M): MessageInfo;

  /** The CLI's entry per node, after `id` and `up` (keys in a fixed order). */
  summary(node: NodeRead<S, P>): Record<string, unknown>;
  /** A leader record of the CLI's `leaders` list (default `{ time, [epochName]: epoch, node }`). */
  leaderRecord?(time: number, epoch: number | null, node: NodeId): Record<string, unknown>;
  /** Protocol-wide facts the CLI prints after `nodes` (Paxos: every value proposed). */
  runSummary?(nodes: readonly NodeRead<S, P>[], run?: RunFacts): Record<string, unknown>;
  /**
   * A key-value store's contents, for the convergence check: per key, the set of values each
   * of its up replicas holds (an empty set where a replica lacks the key). Every key-value
   * protocol has it; the CLI and the lab check its client history for consistency.
   */
  replicaValues?(nodes: readonly NodeRead<S, P>[]): Map<string, string[][]>;
  /**
   * How long a healthy, idle store may take to bring its replicas into agreement, ms (a
   * follower learns a commit on the next heartbeat; anti-entropy runs on a period). The
   * convergence check waits that long after the last fault and the last operation.
   */
  settleTime?(config: C): number;
  /**
   * The servers that hold each key (a leaderless store's preference lists), for the lab to
   * show which replicas an anomaly involves. Absent: every server holds every key.
   */
  replicasOf?(nodes: readonly NodeRead<S, P>[], keys: readonly string[]): NodeId[][];
  /**
   * A get that found concurrent versions (siblings) answers them joined with this separator;
   * the checker reads them as a set and the CLI prints them as an array.
   */
  readonly siblingSeparator?: string;
  /** The lab's projection of every node: small and structured-cloneable. */
  view(nodes: readonly NodeRead<S, P>[], req: ViewRequest, facts?: ViewFacts<B>): V;
  /** Full details of one node for the inspector. */
  detail(node: NodeRead<S, P>): D;
}

/** A protocol module with its types erased, as the registry and the neutral layers hold it. */
// The neutral layers never look inside a protocol's state or messages, so they are unknown
// to them; `any` is needed because a module's function parameters are contravariant.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- heterogeneous protocol table
export type AnyProtocolModule = ProtocolModule<any, any, any, any, any, any, any>;
