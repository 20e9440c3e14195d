import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ddmin } from './ddmin';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('ddmin (Zeller & Hildebrandt 2002)', () => {
  it('finds the two items that together cause the failure', () => {
    const r = ddmin(range(40), (s) => s.includes(7) && s.includes(31));
    expect(r.items).toEqual([7, 31]);
  });

  it('keeps the items in their order', () => {
    const r = ddmin(range(20), (s) => s.includes(15) && s.includes(3) && s.includes(9));
    expect(r.items).toEqual([3, 9, 15]);
  });

  it('returns nothing when the failure needs no item', () => {
    expect(ddmin(range(10), () => true).items).toEqual([]);
  });

  it('tests each distinct subset once and stops at the budget', () => {
    const seen = new Set<string>();
    let repeats = 0;
    ddmin(range(30), (s) => {
      const k = s.join(',');
      if (seen.has(k)) repeats++;
      seen.add(k);
      return s.includes(1) && s.includes(28);
    });
    expect(repeats).toBe(0);
    let calls = 0;
    const r = ddmin(range(64), (s) => (calls++, s.includes(5) && s.includes(60)), 5);
    expect(calls).toBe(5);
    expect(r.tests).toBe(5);
  });

  it('gives a 1-minimal subset: removing any item makes the failure go (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 29 }), { minLength: 1, maxLength: 4 }),
        (needed) => {
          const fails = (s: number[]) => needed.every((x) => s.includes(x));
          const r = ddmin(range(30), fails);
          expect(fails(r.items)).toBe(true);
          for (let i = 0; i < r.items.length; i++) {
            expect(fails(r.items.filter((_, j) => j !== i))).toBe(false);
          }
          expect([...r.items].sort((a, b) => a - b)).toEqual([...needed].sort((a, b) => a - b));
        },
      ),
      { numRuns: 50 },
    );
  });
});
