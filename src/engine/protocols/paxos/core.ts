/**
 * What single-decree Paxos and Multi-Paxos share: an acceptor's memory per slot and a learner's
 * chosen values, in the same plain-data shape, so that one set of invariant checkers and one
 * CLI summary serve both. Single-decree Paxos is the one-slot case (slot 0).
 *
 * Entries are frozen once written and shared, never copied: persisting or summarizing a node
 * copies the arrays, not the entries, and checkers compare entries by identity.
 */
import type { NodeId } from '../../types';
import type { Ballot } from './ballot';

/** What an acceptor accepted in a slot: the highest-numbered proposal it accepted (§2.3). */
export interface AcceptedEntry<V> {
  readonly ballot: Ballot;
  readonly value: V;
}

/** A value this node's learner knows to be chosen in a slot. */
export interface ChosenEntry<V> {
  readonly value: V;
}

/** A value a proposer put forward, for the CLI's `proposed` and the Validity checker. */
export interface Proposal<V> {
  readonly time: number;
  readonly slot: number;
  readonly value: V;
}

/**
 * Stable storage (§2.3: "An acceptor must remember this information even if it fails and then
 * restarts"; a proposer remembers the highest-numbered proposal it has tried to issue).
 */
export interface PaxosStable<V> {
  /** The highest ballot this acceptor promised (answered a prepare for, or accepted). */
  promised: Ballot | null;
  /** Per slot (the array index), what this acceptor accepted last; null where nothing. */
  accepted: (AcceptedEntry<V> | null)[];
  /** Per slot, what this learner knows was chosen; null where it does not know. */
  chosen: (ChosenEntry<V> | null)[];
  /** The highest round this node has used or seen refused with: its next ballot goes above. */
  round: number;
  /** Every value this node put forward, oldest first. */
  proposals: Proposal<V>[];
  /**
   * Bumped by every write to the fields above, so that checkers skip the nodes an event did
   * not change (most events: acknowledgements, heartbeats).
   */
  version: number;
  /** How many slot writes (acceptances and learned values) this node has made. */
  writes: number;
  /**
   * The slots of the last JOURNAL_SIZE writes, as a ring indexed by write number: `slot` for an
   * acceptance, `-1 - slot` for a learned value. Checkers read it to visit only the slots an
   * event wrote instead of scanning every slot (see invariants.ts).
   */
  journal: number[];
}

/** How many slot writes the journal remembers; checkers fall back to a full scan beyond. */
export const JOURNAL_SIZE = 64;

/** The core every Paxos node state contains; checkers and summaries read only this. */
export interface PaxosCore<V> extends PaxosStable<V> {
  id: NodeId;
}

export function emptyStable<V>(): PaxosStable<V> {
  return {
    promised: null,
    accepted: [],
    chosen: [],
    round: 0,
    proposals: [],
    version: 0,
    writes: 0,
    journal: [],
  };
}

/** A copy for stable storage: arrays copied, frozen entries shared. */
export function copyStable<V>(s: PaxosStable<V>): PaxosStable<V> {
  return {
    promised: s.promised,
    accepted: s.accepted.slice(),
    chosen: s.chosen.slice(),
    round: s.round,
    proposals: s.proposals.slice(),
    version: s.version,
    writes: s.writes,
    journal: s.journal.slice(),
  };
}

/** The slots below this are all known chosen here: the learner's commit point. */
export function firstUnchosen<V>(s: PaxosStable<V>, from = 0): number {
  let slot = from;
  while (s.chosen[slot] != null) slot++;
  return slot;
}

/** Records a write of `slot` (an acceptance, or with `learned` a learned value) in the journal. */
export function noteWrite<V>(s: PaxosStable<V>, slot: number, learned: boolean): void {
  s.journal[s.writes % JOURNAL_SIZE] = learned ? -1 - slot : slot;
  s.writes++;
  s.version++;
}

/** Records a value this node puts forward (frozen: it is shared from here on). */
export function recordProposal<V>(s: PaxosStable<V>, time: number, slot: number, value: V): void {
  s.proposals.push(Object.freeze({ time, slot, value }));
  s.version++;
}

/** The learner's write: a slot is known chosen from here on and never changes (§2.3). */
export function learn<V>(s: PaxosStable<V>, slot: number, value: V): boolean {
  if (s.chosen[slot] != null) return false;
  while (s.chosen.length < slot) s.chosen.push(null);
  s.chosen[slot] = Object.freeze({ value });
  noteWrite(s, slot, true);
  return true;
}
