/**
 * How long a proposer waits before its next ballot. Paxos Made Simple §2.4 shows that two
 * proposers can keep preempting each other forever ("each ... completes phase 1 for a proposal
 * number n1 ... then completes phase 1 for n2 > n1 ..."), and that progress needs one
 * distinguished proposer; randomized back-off makes one of them go first with probability
 * growing at every round, which is what `"randomized"` does. `"none"` keeps drawing from the
 * configured range, so a narrow range lets the duel go on forever.
 */
import type { Range } from './config';

/** Windows stop doubling after this many failures (×16), so that after a long outage a proposer is back within 16 × max. */
export const MAX_DOUBLINGS = 4;

/**
 * The delay before the next attempt after `failures` consecutive failed ones: uniform in
 * [min, max] for `"none"` (and for the first attempt either way); for `"randomized"` the
 * window's upper end doubles with every failure: uniform in [min, max·2^failures].
 */
export function retryDelay(
  range: Range,
  backoff: 'none' | 'randomized',
  failures: number,
  random: () => number,
): number {
  const { min, max } = range;
  const top = backoff === 'none' ? max : max * 2 ** Math.min(failures, MAX_DOUBLINGS);
  return min + random() * (top - min);
}
