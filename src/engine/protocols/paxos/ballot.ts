/**
 * Ballots ("proposal numbers", Paxos Made Simple §2.2): totally ordered, and no two proposers
 * ever issue the same one. A ballot is (round, node): rounds compare first, the proposer's id
 * breaks ties, so proposers drawing rounds independently never collide (§2.5: "different
 * proposers choose their numbers from disjoint sets").
 */
import type { NodeId } from '../../types';

export interface Ballot {
  round: number;
  node: NodeId;
}

/**
 * Node ids in their natural order: "S2" < "S10". Shorter ids first, then by characters,
 * which is numeric order for the simulator's S1…Sn and a total order for any ids.
 */
function compareIds(a: NodeId, b: NodeId): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative, zero or positive as a is below, equal to or above b; null is below every ballot. */
export function compareBallots(a: Ballot | null, b: Ballot | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return a.round !== b.round ? a.round - b.round : compareIds(a.node, b.node);
}

export function sameBallot(a: Ballot | null, b: Ballot | null): boolean {
  return compareBallots(a, b) === 0;
}

/** The larger of two ballots. */
export function maxBallot(a: Ballot | null, b: Ballot | null): Ballot | null {
  return compareBallots(a, b) >= 0 ? a : b;
}

/** "(3,S2)", as the paper writes proposal numbers in examples and the lab labels messages. */
export function formatBallot(b: Ballot | null): string {
  return b === null ? '(none)' : `(${b.round},${b.node})`;
}

/** A fresh copy: ballots in messages and state are never shared with the sender. */
export function copyBallot(b: Ballot): Ballot {
  return { round: b.round, node: b.node };
}
