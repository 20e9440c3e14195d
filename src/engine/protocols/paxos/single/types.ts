/**
 * Single-decree Paxos's plain-data state and messages, named after Paxos Made Simple §2
 * (Lamport, 2001). Every node plays all three roles (§2.1): acceptor, learner and, when
 * `paxos.proposers` lists it (or is absent), proposer. The one instance is slot 0.
 */
import type { NodeId } from '../../../types';
import type { Ballot } from '../ballot';
import type { PaxosConfig } from '../config';
import type { PaxosCore, PaxosStable } from '../core';

/**
 * A proposer's phase. `idle`: it does not propose. `preparing`: phase 1a sent, collecting
 * promises. `accepting`: phase 2a sent. `waiting`: its ballot failed (refused, or no majority
 * answered in time) and it waits for its retry timer. `learned`: it knows the chosen value.
 */
export type ProposerPhase = 'idle' | 'preparing' | 'accepting' | 'waiting' | 'learned';

/** Single-decree values are strings (`paxos.values`). */
export type PaxosPersistent = PaxosStable<string>;

export interface PaxosState extends PaxosCore<string> {
  peers: NodeId[];
  config: PaxosConfig;
  proposer: boolean;
  /** The value this proposer puts forward when no acceptor reports one (§2.2). */
  ownValue: string;
  phase: ProposerPhase;
  /** The ballot of the current (or last) attempt; null before the first. */
  ballot: Ballot | null;
  /** Phase 1: acceptors that promised the current ballot (self included). */
  promises: NodeId[];
  /** Phase 1: the highest-numbered proposal reported in those promises (§2.2 P2c). */
  highest: { ballot: Ballot; value: string } | null;
  /** The value sent in phase 2a of the current ballot. */
  value: string | null;
  /** Consecutive attempts that ended without learning a value (drives back-off). */
  failures: number;
  /**
   * Learner: per ballot, the acceptors that reported accepting it (§2.3: "a learner ... must
   * find out that a proposal has been accepted by a majority of acceptors").
   */
  votes: { ballot: Ballot; value: string; by: NodeId[] }[];
}

/** Phase 1a. */
export interface PrepareMsg {
  type: 'prepare';
  ballot: Ballot;
}

/** Phase 1b: the promise, with the highest-numbered proposal the acceptor has accepted. */
export interface PromiseMsg {
  type: 'promise';
  ballot: Ballot;
  accepted: { ballot: Ballot; value: string } | null;
}

/** Phase 2a. */
export interface AcceptMsg {
  type: 'accept';
  ballot: Ballot;
  value: string;
}

/** Phase 2b, sent by an acceptor to every learner. */
export interface AcceptedMsg {
  type: 'accepted';
  ballot: Ballot;
  value: string;
}

/**
 * A refusal of a prepare or an accept, carrying the ballot the acceptor has promised, so the
 * proposer stops a doomed attempt and goes above it next time (§2.4's optimization: "the
 * acceptor ... should inform the proposer, who should then abandon its proposal").
 */
export interface NackMsg {
  type: 'nack';
  ballot: Ballot;
  promised: Ballot;
}

export type PaxosMessage = PrepareMsg | PromiseMsg | AcceptMsg | AcceptedMsg | NackMsg;
