import { describe, expect, it } from 'vitest';
import { kindName, pacelc, percent, storeLine } from './words';

const dynamo = { n: 3, r: 2, w: 2, versioning: 'lww' as const, hintedHandoff: false };

describe('CAP view words', () => {
  it('places a leader-based log at PC/EC', () => {
    expect(pacelc('redirect', null)).toMatchObject({ partition: 'C', normal: 'C' });
  });

  it('places a leaderless store by its quorums', () => {
    expect(pacelc('any-node', dynamo)).toMatchObject({ partition: 'C', normal: 'L' });
    expect(pacelc('any-node', { ...dynamo, r: 1, w: 1 })).toMatchObject({ partition: 'A' });
    expect(pacelc('any-node', { ...dynamo, hintedHandoff: true }).partition).toBe('A');
    expect(pacelc('any-node', dynamo).why).toContain('R + W > N');
    expect(pacelc('any-node', { ...dynamo, r: 1, w: 2 }).why).toContain('R + W ≤ N');
  });

  it('says settings and shares in plain words', () => {
    expect(storeLine(dynamo)).toBe('N=3 R=2 W=2 · lww · hinted handoff off');
    expect(percent(0.9756)).toBe('97.6 %');
    expect(percent(1)).toBe('100.0 %');
    expect(kindName('lost-write')).toBe('lost write');
    expect(kindName('mystery')).toBe('mystery');
  });
});
