/**
 * The acceptor's two rules (Paxos Made Simple §2.2 P1a and §2.3), shared by both variants:
 *
 * - Phase 1b: on a prepare for ballot n greater than any it has promised, promise not to
 *   accept anything below n and answer with what it has accepted.
 * - Phase 2b: accept a proposal for ballot n unless it has promised a ballot above n.
 *
 * Both write stable storage before the answer is sent (the simulator persists state at crash
 * time, so "before" is every write the handler made).
 */
import type { Ballot } from './ballot';
import { compareBallots, copyBallot } from './ballot';
import type { PaxosStable } from './core';
import { noteWrite } from './core';

/**
 * §2.3 phase 1(b). A prepare equal to the promise is a retransmission of the one promised and
 * is answered again (the answer is the same); a lower one is refused. Returns whether the
 * acceptor promised.
 */
export function promise<V>(s: PaxosStable<V>, ballot: Ballot): boolean {
  const c = compareBallots(ballot, s.promised);
  if (c < 0) return false;
  if (c > 0) {
    s.promised = copyBallot(ballot);
    s.version++;
  }
  return true;
}

/**
 * §2.3 phase 2(b) / P1a: "An acceptor can accept a proposal numbered n iff it has not
 * responded to a prepare request having a number greater than n." Accepting n also promises n
 * (nothing lower may be accepted afterwards: a later accept below it would be a proposal the
 * acceptor already outlived). Returns whether it accepted.
 */
export function accept<V>(
  s: PaxosStable<V>,
  ballot: Ballot,
  slot: number,
  value: V,
  /** Mutant `accept-below-promise`: the P1a check is skipped (the promise stays). */
  belowPromise = false,
): boolean {
  if (compareBallots(ballot, s.promised) < 0 && !belowPromise) return false;
  if (compareBallots(ballot, s.promised) > 0) s.promised = copyBallot(ballot);
  while (s.accepted.length < slot) s.accepted.push(null);
  s.accepted[slot] = Object.freeze({ ballot: copyBallot(ballot), value });
  noteWrite(s, slot, false);
  return true;
}

/** Raises the promise without answering a prepare (a heartbeat of a higher ballot): always safe. */
export function raisePromise<V>(s: PaxosStable<V>, ballot: Ballot): void {
  if (compareBallots(ballot, s.promised) > 0) {
    s.promised = copyBallot(ballot);
    s.version++;
  }
}
