import { describe, expect, it } from 'vitest';
import { plainEqual } from './plainEqual';

describe('plainEqual', () => {
  it('compares plain data by value', () => {
    expect(plainEqual({ a: [1, { b: 'x' }], c: null }, { a: [1, { b: 'x' }], c: null })).toBe(true);
    expect(plainEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(plainEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(plainEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(plainEqual({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
    expect(plainEqual([], {})).toBe(false);
    expect(plainEqual(null, {})).toBe(false);
    expect(plainEqual(NaN, NaN)).toBe(true);
  });
});
