/**
 * Quorum arithmetic, in one place for every protocol: majorities (votes, commits, promises
 * and accepts) and fixed-size quorums (a Dynamo coordinator's R and W of N).
 * Like etcd's `quorum.VoteResult`, a tally is won, lost (it can no longer be won) or pending.
 */

export type QuorumResult = 'won' | 'lost' | 'pending';

/** The smallest majority of `n` voters. */
export function majority(n: number): number {
  return Math.floor(n / 2) + 1;
}

/** `count` of `n` voters is a strict majority. */
export function isMajorityOf(count: number, n: number): boolean {
  return count * 2 > n;
}

/**
 * A tally towards `needed` of `n` voters: won once `yes` reaches `needed`, lost once too few
 * voters are left to reach it, else pending.
 */
export function tally(yes: number, no: number, needed: number, n: number): QuorumResult {
  if (yes >= needed) return 'won';
  if (n - no < needed) return 'lost';
  return 'pending';
}

/** A majority tally of `n` voters. */
export function majorityTally(yes: number, no: number, n: number): QuorumResult {
  return tally(yes, no, majority(n), n);
}
