/**
 * The contracts between the simulator and everything that plugs into it: protocols,
 * invariant checkers, clients and the trace. Everything here is plain data so that
 * simulator state can be cloned for keyframes and posted from the worker.
 */
import type { RngState } from './rng';

export type NodeId = string;
export type ClientId = string;

/** A key-value operation, as clients issue them. */
export type KvOp = { type: 'put'; key: string; value: string } | { type: 'get'; key: string };

/** What a protocol sees of a client request. `client` + `seq` identify it across retries. */
export interface ClientRequest {
  client: ClientId;
  seq: number;
  op: KvOp;
}

/**
 * A protocol's answer to a client. A refusal may name the server to try instead (`redirect`:
 * a leader hint), which clients of a protocol routed by redirect follow.
 */
export type ClientResponse =
  { ok: true; value?: string | null } | { ok: false; error: string; redirect?: NodeId | null };

/** A message between servers, as the protocol sees it on delivery. */
export interface Envelope<M> {
  id: number;
  from: NodeId;
  to: NodeId;
  sentAt: number;
  payload: M;
}

/**
 * The protocol's whole view of the world. Effects go through it and are never performed
 * by the protocol itself, so a protocol is testable message by message.
 */
export interface ProtocolContext<M> {
  readonly self: NodeId;
  readonly peers: readonly NodeId[];
  /** Current virtual time in ms. */
  now(): number;
  send(to: NodeId, payload: M): void;
  /** (Re)arms the named timer; an armed timer of the same name is replaced. */
  setTimer(name: string, delay: number): void;
  cancelTimer(name: string): void;
  reply(to: ClientRequest, response: ClientResponse): void;
  /** This node's own random stream. */
  random(): number;
  /** A protocol-level happening worth showing in the trace (e.g. "granted vote to S2"). */
  note(text: string): void;
}

/** A message between servers or between a client and a server, on the wire. */
export interface WireMessage {
  id: number;
  from: string;
  to: string;
  sentAt: number;
  deliverAt: number;
  kind: string;
  /** Protocol payload, or a client request / response. */
  payload: unknown;
  client?: boolean;
}

export interface Violation {
  invariant: string;
  time: number;
  eventId: number;
  message: string;
  /**
   * Earlier events the checker names as leading to it (the other leader's election, the
   * other apply), oldest first; absent when the checker names none.
   */
  related?: number[];
  /** The nodes the violation concerns (the two leaders, the two appliers); absent: none named. */
  nodes?: NodeId[];
}

/** The events and nodes a checker names as behind the problem it just reported. */
export interface Blame {
  related: number[];
  nodes: NodeId[];
}

/** What an invariant checker may read after each event. */
export interface CheckView<S> {
  readonly nodes: readonly { id: NodeId; up: boolean; state: S | null }[];
  readonly time: number;
  readonly eventId: number;
  /**
   * The node whose protocol state the event may have changed, or null when the event changed
   * no protocol state (drops, client bookkeeping, network actions): checkers may skip those.
   */
  readonly touched: NodeId | null;
  /**
   * Where the touched node is in `nodes` (-1: none), when the view's maker knows it (the
   * simulator does): a checker then need not look the node up by its id.
   */
  readonly touchedIndex?: number;
}

/**
 * Invariant checkers keep their own memory (e.g. every leader ever seen per term) in a
 * plain-data object the simulator stores and clones with its state.
 */
export interface InvariantChecker<S, K> {
  readonly name: string;
  initialMemory(): K;
  check(view: CheckView<S>, memory: K): string | null;
  /**
   * Called right after `check` reported a problem: the earlier events and the nodes that
   * led to it, as the checker's memory knows them (optional; none: only the event itself).
   */
  blame?(memory: K): Blame | null;
  /**
   * The check returns null whenever `touched` is null (it looks only at the touched node):
   * the simulator then skips it after events that touched none.
   */
  readonly touchedOnly?: boolean;
}

export interface TimerSlot {
  token: number;
  due: number;
  length: number;
  /**
   * The token of the queued event that brings this timer round (sim/timers.ts): a timer
   * re-armed to a later time keeps the event it had, which queues the current one when it
   * pops, rather than leaving a stale event behind at every re-arm; else `token` itself.
   */
  carrier: number;
  /** When the carrier event is due. */
  carrierAt: number;
}

export interface NodeRuntime<S> {
  id: NodeId;
  up: boolean;
  /** Paused until this virtual time (a stalled process), or 0. */
  pausedUntil: number;
  state: S | null;
  persisted: unknown;
  /** Bumped on crash so timers and deferred work of the old incarnation go stale. */
  incarnation: number;
  /** Armed timers by name: the queued event that is current, when it fires, its length. */
  timers: Record<string, TimerSlot>;
  /** Events that arrived while paused, replayed in order on resume. */
  deferred: QueuedEvent[];
  /**
   * With the processing model on (scenario `servers.processing`, sim/processing.ts): the
   * messages that arrived and wait to be handled, first in first out; the head is the one
   * being handled. Absent while the model is off.
   */
  inbox?: QueuedEvent[];
}

/** What a queued event does. */
export type EventBody =
  /**
   * `fromIndex`/`toIndex`: the sender's and receiver's places in the run's servers, -1 for a
   * client or the balancer (looked up once, when the message is sent).
   */
  | { type: 'deliver'; msg: WireMessage; fromIndex: number; toIndex: number; dropped?: string }
  | { type: 'timer'; node: NodeId; name: string; token: number; incarnation: number }
  | { type: 'action'; action: Action; source: 'scenario' | 'user' }
  | { type: 'resume'; node: NodeId; incarnation: number }
  | { type: 'client-issue'; client: ClientId; token: number }
  | { type: 'client-timeout'; op: number; attempt: number }
  /** The load generator's next request: of an open load (user -1), or of a closed one's user. */
  | { type: 'load-issue'; user: number }
  /** A timer of the balancer (Routing `balancer`). */
  | { type: 'balancer-timer'; name: string; arg: number }
  /** A server finished handling the head of its inbox (sim/processing.ts). */
  | { type: 'served'; node: NodeId; incarnation: number };

/**
 * An entry of the event queue. The key fields sit on a wrapper of one fixed shape, with the
 * varying part in `ev`: heap comparisons then stay monomorphic, which measured 3× faster
 * than keying objects of six different shapes.
 */
export interface QueuedEvent {
  time: number;
  prio: number;
  seq: number;
  ev: EventBody;
}

/** Actions: scripted in scenarios and taken by the user in the lab. */
export type Action =
  | { type: 'crash'; node: string }
  | { type: 'restart'; node: string }
  | { type: 'pause'; node: string; duration: number }
  /** Fire a node's timer now (the protocol's timeoutTimer unless `timer` names another). */
  | { type: 'timeout'; node: string; timer?: string }
  | { type: 'partition'; groups: string[][] }
  | { type: 'cut'; from: string; to: string }
  | { type: 'link'; from: string; to: string; up: boolean }
  | { type: 'heal' }
  | { type: 'request'; node: string; op: KvOp }
  | { type: 'drop'; message: number }
  | { type: 'workload'; enabled: boolean; rate?: number }
  /** The node now works at `factor` × its normal speed (protocols with setSpeed). */
  | { type: 'speed'; node: string; factor: number }
  /** The leader hands leadership to `to` (protocols with transferLeadership). */
  | { type: 'transfer'; to: string }
  /**
   * A new server S(n+1) joins (empty log, up), and the leader adds it to the configuration
   * (protocols with membership; the next fresh id, never a removed one's).
   */
  | { type: 'add-server' }
  /** The leader removes `node` from the configuration (protocols with membership). */
  | { type: 'remove-server'; node: string };

export interface TimedAction {
  at: number;
  action: Action;
}

export type TraceKind =
  | 'send'
  | 'deliver'
  | 'drop'
  | 'timer'
  | 'crash'
  | 'restart'
  | 'pause'
  | 'resume'
  | 'timeout'
  | 'partition'
  | 'cut'
  | 'link'
  | 'heal'
  | 'noop'
  | 'skip'
  | 'client-invoke'
  | 'client-send'
  | 'client-reply'
  | 'client-give-up'
  | 'role'
  | 'note'
  | 'violation'
  | 'workload'
  | 'speed'
  /** A server joined the cluster at run time (the add-server action). */
  | 'join'
  | 'end';

/**
 * One line of the trace. `id` is the id of the event during which it happened (several
 * lines share an id: a delivery and the sends it caused). Text for people is derived by
 * describeTrace() so that recording stays cheap.
 */
export interface TraceEntry {
  id: number;
  time: number;
  kind: TraceKind;
  node?: string;
  from?: string;
  to?: string;
  msg?: number;
  msgKind?: string;
  /** For send: when it will arrive. */
  deliverAt?: number;
  /** For role: the node's observation after the change (structured: nothing parses text). */
  role?: string;
  epoch?: number | null;
  leads?: boolean;
  campaigns?: boolean;
  detail?: string;
}

export interface ClientOpRecord {
  id: number;
  client: ClientId;
  op: 'put' | 'get';
  key: string;
  value: string | null;
  invokedAt: number;
  completedAt: number | null;
  ok: boolean;
  result: string | null;
  /** Server attempts made (1 = answered by the first node tried). */
  attempts: number;
  /**
   * Set when the operation failed but may still take effect: it was refused while another
   * copy of it was on its way (a duplicate, an earlier attempt). The history checker treats
   * it as it treats a timeout.
   */
  indeterminate?: true;
}

/** A node that started to lead (Observation.leads), with its epoch then. */
export interface LeaderRecord {
  time: number;
  epoch: number | null;
  node: NodeId;
}

/** A workload client: closed loop, one operation at a time, retried until its deadline. */
export interface ClientRuntime {
  id: ClientId;
  seq: number;
  /** Operation being worked on: index into clientOps, or -1 while thinking. */
  pending: number;
  /** The queued issue event that is current (older ones are stale). */
  issueToken: number;
  /** Consecutive request timeouts at the current target. */
  silences: number;
  /**
   * The server the client last gave up on for its silence (or -1): a redirect back to it is
   * not followed until some server answers, so a stale leader hint (a follower stranded with
   * a deposed leader) cannot bounce the client back to the server that never answers.
   */
  avoid: number;
  /** Where the next attempt goes: the last leader hint, or the next node in turn. */
  target: number;
}

/** Per-operation bookkeeping beside its public record (kept apart to keep records clean). */
export interface PendingOp {
  req: ClientRequest;
  attempt: number;
  deadline: number;
  retries: boolean;
  /** Request copies put on the wire (attempts, and duplicates the network made). */
  copies: number;
  /** Refusals received: a refusal is final only when it answers the last copy out there. */
  refusals: number;
}

export interface SimStats {
  sent: number;
  delivered: number;
  dropped: number;
  duplicated: number;
  byKind: Record<string, number>;
}

export type { RngState };
