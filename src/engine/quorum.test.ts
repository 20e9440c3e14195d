import { describe, expect, it } from 'vitest';
import { isMajorityOf, majority, majorityTally, tally } from './quorum';

describe('quorum', () => {
  it('a majority is more than half', () => {
    expect([1, 2, 3, 4, 5, 9].map(majority)).toEqual([1, 2, 2, 3, 3, 5]);
    expect(isMajorityOf(2, 4)).toBe(false);
    expect(isMajorityOf(3, 4)).toBe(true);
    for (let n = 1; n <= 15; n++) {
      expect(isMajorityOf(majority(n), n)).toBe(true);
      expect(isMajorityOf(majority(n) - 1, n)).toBe(false);
    }
  });

  it('a tally is won, lost once it cannot be won, or pending', () => {
    expect(majorityTally(3, 0, 5)).toBe('won');
    expect(majorityTally(2, 2, 5)).toBe('pending');
    expect(majorityTally(2, 3, 5)).toBe('lost');
    // R = 2 of N = 3: one refusal leaves it winnable, two do not.
    expect(tally(1, 1, 2, 3)).toBe('pending');
    expect(tally(1, 2, 2, 3)).toBe('lost');
    expect(tally(2, 1, 2, 3)).toBe('won');
  });
});
