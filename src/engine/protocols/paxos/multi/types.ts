/**
 * Multi-Paxos's plain-data state and messages (Paxos Made Simple §3, "Implementing a State
 * Machine"): one Paxos instance per log slot, a distinguished proposer (the leader) that runs
 * phase 1 once for every slot above its commit point and then phase 2 per command, and chosen
 * slots applied in order to the key-value state machine (../../../kv/stateMachine.ts).
 */
import type { KvCommand, KvStore } from '../../../kv/stateMachine';
import type { NodeId } from '../../../types';
import type { Ballot } from '../ballot';
import type { PaxosConfig } from '../config';
import type { AcceptedEntry, PaxosCore, PaxosStable } from '../core';

/** A slot's value: a client command, or null for the no-op a new leader writes into a gap (§3). */
export type Command = KvCommand | null;

export type MultiRole = 'follower' | 'candidate' | 'leader';

export type MultiPersistent = PaxosStable<Command>;

export interface MultiState extends PaxosCore<Command>, KvStore {
  peers: NodeId[];
  config: PaxosConfig;
  /** Whether this node may lead (`paxos.proposers`). */
  proposer: boolean;
  role: MultiRole;
  /** Own ballot while candidate or leader; null as a follower. */
  ballot: Ballot | null;
  /** The leader this node last heard from in a ballot it has not outlived, for redirects. */
  leaderId: NodeId | null;
  /** Every slot below is known chosen here (the commit point). */
  commit: number;
  /** Every slot below has been applied to the key-value store. */
  applied: number;
  /** Candidate: acceptors that promised its ballot (self included). */
  promises: NodeId[];
  /** Candidate: the first slot its prepare covers (its commit point when it started). */
  prepareFrom: number;
  /** Candidate: per slot from prepareFrom, the highest-ballot proposal reported (§2.2 P2c). */
  recovered: (AcceptedEntry<Command> | null)[];
  /** Leader: the next free slot. */
  nextSlot: number;
  /** Leader: slots proposed and not yet known chosen, with the acceptors that accepted them. */
  acks: Record<number, NodeId[]>;
  /** Consecutive candidacies that did not produce a leader (drives back-off). */
  failures: number;
  /** When the leader timer fires (virtual ms; 0 when not armed), and the delay drawn. */
  leaderDeadline: number;
  leaderDrawn: number;
}

export interface SlotCommand {
  slot: number;
  command: Command;
}

/** Phase 1a for every slot from `from` on. */
export interface PrepareMsg {
  type: 'prepare';
  ballot: Ballot;
  from: number;
}

/** Phase 1b: what the acceptor accepted in the slots from `from` on. */
export interface PromiseMsg {
  type: 'promise';
  ballot: Ballot;
  accepted: { slot: number; ballot: Ballot; command: Command }[];
}

/** Phase 2a for some slots; `commit` is the leader's commit point (see learnFromLeader). */
export interface AcceptMsg {
  type: 'accept';
  ballot: Ballot;
  entries: SlotCommand[];
  commit: number;
}

/** Phase 2b, to the leader (the distinguished learner of §2.3). */
export interface AcceptedMsg {
  type: 'accepted';
  ballot: Ballot;
  slots: number[];
}

/** A refusal of a prepare, an accept or a heartbeat, with the ballot the acceptor promised. */
export interface NackMsg {
  type: 'nack';
  ballot: Ballot;
  promised: Ballot;
}

/** The leader is alive; every slot below `commit` is chosen. */
export interface HeartbeatMsg {
  type: 'heartbeat';
  ballot: Ballot;
  commit: number;
}

/** A follower missing chosen values from slot `from` on asks the leader for them. */
export interface CatchUpMsg {
  type: 'catch-up';
  from: number;
}

/** Chosen values, answering a catch-up (the distinguished learner informing a learner, §2.3). */
export interface ChosenMsg {
  type: 'chosen';
  entries: SlotCommand[];
}

export type MultiMessage =
  | PrepareMsg
  | PromiseMsg
  | AcceptMsg
  | AcceptedMsg
  | NackMsg
  | HeartbeatMsg
  | CatchUpMsg
  | ChosenMsg;
