import { describe, expect, it } from 'vitest';
import { fmtMs, fmtSpeed, fmtTime } from './format';

describe('the one millisecond formatter', () => {
  it('keeps a tenth of a millisecond', () => {
    expect(fmtMs(12)).toBe('12 ms');
    expect(fmtMs(1234.54)).toBe('1234.5 ms');
    expect(fmtMs(0.04)).toBe('0 ms');
    expect(fmtMs(null)).toBe('—');
    expect(fmtMs(Infinity)).toBe('—');
  });
  it('gives moments from a second on in seconds', () => {
    expect(fmtTime(850)).toBe('850 ms');
    expect(fmtTime(1234.5)).toBe('1.234 s');
    expect(fmtTime(NaN)).toBe('—');
  });
});

describe('speeds', () => {
  it("read as multiples or fractions of real time, up to the worker's 50×", () => {
    expect(fmtSpeed(0.02)).toBe('1/50×');
    expect(fmtSpeed(1)).toBe('1×');
    expect(fmtSpeed(2.04)).toBe('2×');
    expect(fmtSpeed(1.48)).toBe('1.5×');
    expect(fmtSpeed(20)).toBe('20×');
    expect(fmtSpeed(50)).toBe('50×');
  });
});
