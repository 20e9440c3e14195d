import { describe, expect, it } from 'vitest';
import { traceOf } from '../../engine/analysis/testTrace';
import { filterTrace, FilteredRows, rowForEvent, scrollToReveal, visibleRange } from './windowing';

describe('visibleRange', () => {
  it.each([
    // scrollTop, viewport, row, count, overscan → start, end
    [0, 100, 20, 1000, 0, 0, 5],
    [0, 100, 20, 1000, 3, 0, 8],
    [30, 100, 20, 1000, 0, 1, 7],
    [19_990, 100, 20, 1000, 2, 997, 1000],
    [0, 100, 20, 2, 5, 0, 2],
    [500, 100, 20, 0, 5, 0, 0],
  ])(
    'scrollTop %d viewport %d row %d count %d overscan %d → [%d, %d)',
    (top, vh, rh, n, o, s, e) => {
      expect(visibleRange(top, vh, rh, n, o)).toEqual({ start: s, end: e });
    },
  );

  it('renders a bounded number of rows for 100k entries wherever it is scrolled', () => {
    for (let top = 0; top < 100_000 * 24; top += 123_457) {
      const r = visibleRange(top, 600, 24, 100_000);
      expect(r.end - r.start).toBeLessThanOrEqual(600 / 24 + 1 + 12);
      expect(r.start * 24).toBeLessThanOrEqual(top);
    }
  });
});

describe('scrollToReveal', () => {
  it('leaves a visible row alone and brings others into view', () => {
    expect(scrollToReveal(2, 0, 100, 20)).toBeNull();
    expect(scrollToReveal(10, 0, 100, 20)).toBe(120);
    expect(scrollToReveal(1, 100, 100, 20)).toBe(20);
    expect(scrollToReveal(10, 0, 100, 20, 'center')).toBe(160);
  });
});

describe('filterTrace and rowForEvent', () => {
  const trace = traceOf([
    [0, 'send', { from: 'c1', to: 'S1', msg: 1, msgKind: 'ClientRequest' }],
    [1, 'deliver', { from: 'c1', to: 'S1', msg: 1, msgKind: 'ClientRequest' }],
    [1, 'send', { from: 'S1', to: 'S2', msg: 2, msgKind: 'AppendEntries' }],
    [2, 'heal'],
    [3, 'crash', { node: 'S2' }],
  ]);
  const servers = new Set(['S1', 'S2']);

  it('filters by kind and by node, keeping network-wide entries', () => {
    expect([...filterTrace(trace, null, null, servers)]).toEqual([0, 1, 2, 3, 4]);
    expect([...filterTrace(trace, new Set(['send']), null, servers)]).toEqual([0, 2]);
    expect([...filterTrace(trace, null, new Set(['S2']), servers)]).toEqual([2, 3, 4]);
    expect([...filterTrace(trace, null, new Set(['S2']), servers, false)]).toEqual([2, 4]);
    expect([...filterTrace(trace, null, new Set(['clients']), servers)]).toEqual([0, 1, 3]);
  });

  it('finds the first row of an event', () => {
    const rows = filterTrace(trace, null, null, servers);
    expect(rowForEvent(trace, rows, 3)).toBe(2);
    expect(rowForEvent(trace, rows, 99)).toBe(4);
    expect(rowForEvent(trace, new Int32Array(0), 1)).toBe(-1);
  });

  it('filters a growing trace a piece at a time, as if all at once', () => {
    const kinds = new Set(['send' as const, 'crash' as const]);
    const filter = (from: number, to: number) =>
      filterTrace(trace, kinds, null, servers, true, from, to);
    const rows = new FilteredRows();
    const looked: number[] = [];
    const counting = (from: number, to: number) => {
      looked.push(to - from);
      return filter(from, to);
    };
    expect([...rows.rows(trace, 2, kinds, counting)]).toEqual([0]);
    expect([...rows.rows(trace, 5, kinds, counting)]).toEqual([0, 2, 4]);
    expect([...rows.rows(trace, 5, kinds, counting)]).toEqual([0, 2, 4]);
    // Only what was added is filtered; other filters or another array start over.
    expect(looked).toEqual([2, 3]);
    expect([
      ...rows.rows(trace, 5, 'other', (f, t) =>
        filterTrace(trace, null, null, servers, true, f, t),
      ),
    ]).toEqual([0, 1, 2, 3, 4]);
    expect([...rows.rows(trace.slice(), 3, kinds, filter)]).toEqual([0, 2]);
  });
});
