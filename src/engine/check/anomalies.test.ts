import { describe, expect, it } from 'vitest';
import type { ClientOpRecord } from '../types';
import { findAnomalies, resultValues } from './anomalies';

let nextId = 0;
/** A hand-written operation: [invokedAt, completedAt] and its outcome. */
function op(
  kind: 'put' | 'get',
  span: [number, number | null],
  text: string | null,
  extra: Partial<ClientOpRecord> = {},
): ClientOpRecord {
  return {
    id: ++nextId,
    client: 'c1',
    op: kind,
    key: 'k',
    value: kind === 'put' ? text : null,
    invokedAt: span[0],
    completedAt: span[1],
    ok: true,
    result: kind === 'get' ? text : null,
    attempts: 1,
    ...extra,
  };
}
const put = (a: number, b: number | null, v: string, extra?: Partial<ClientOpRecord>) =>
  op('put', [a, b], v, extra);
const get = (a: number, b: number, v: string | null, extra?: Partial<ClientOpRecord>) =>
  op('get', [a, b], v, extra);
const kinds = (ops: ClientOpRecord[]) => findAnomalies(ops).map((a) => a.kind);

describe('anomaly classifier (hand-written histories)', () => {
  it('a sequential history that reads its writes has no anomaly', () => {
    expect(kinds([put(0, 10, 'a'), get(20, 30, 'a'), put(40, 50, 'b'), get(60, 70, 'b')])).toEqual(
      [],
    );
  });

  it('a read of an overwritten value is stale, with the overwriting put and the read', () => {
    const a = put(0, 10, 'a');
    const b = put(20, 30, 'b');
    const r = get(40, 50, 'a');
    // The final read sees b: it was not lost, only missed once.
    expect(findAnomalies([a, b, r, get(60, 70, 'b')])).toEqual([
      { kind: 'stale-read', key: 'k', ops: [b.id, r.id], time: 50 },
    ]);
  });

  it('a read concurrent with the overwriting put is not stale', () => {
    expect(kinds([put(0, 10, 'a'), put(20, 45, 'b'), get(40, 50, 'a')])).toEqual([]);
  });

  it('concurrent puts: reading either is fine, even after both completed', () => {
    const ops = [put(0, 30, 'a'), put(10, 20, 'b'), get(40, 50, 'a'), get(60, 70, 'b')];
    expect(kinds(ops)).toEqual([]);
  });

  it('reading nothing after a completed put is stale; before any put, it is not', () => {
    expect(kinds([get(0, 5, null), put(10, 20, 'a'), get(30, 40, null)])).toEqual([
      'lost-write',
      'stale-read',
    ]);
  });

  it('a timed-out put may apply late: its value is never held against a read', () => {
    const ops = [
      put(0, 300, 'a', { ok: false, result: 'timeout' }),
      put(20, 30, 'b'),
      get(40, 50, 'a'),
    ];
    expect(kinds(ops)).toEqual([]);
  });

  it('an acknowledged put superseded by an older put is lost once the key quiesces', () => {
    // b (an older clock wins under LWW with skew): the final read returns a, written before b.
    const a = put(0, 10, 'a');
    const b = put(20, 30, 'b');
    const final = get(100, 110, 'a');
    expect(findAnomalies([a, b, final])).toEqual([
      { kind: 'lost-write', key: 'k', ops: [b.id, final.id], time: 110 },
      { kind: 'stale-read', key: 'k', ops: [b.id, final.id], time: 110 },
    ]);
  });

  it('no lost-write verdict while an operation is still open at the last read', () => {
    expect(
      kinds([put(0, 10, 'a'), put(20, 30, 'b'), put(35, null, 'c'), get(40, 50, 'a')]),
    ).toEqual(['stale-read']);
  });

  it('siblings are reported, and a read of both siblings is not stale', () => {
    const a = put(0, 10, 'a');
    const b = put(0, 12, 'b');
    const r = get(20, 30, 'a|b');
    expect(findAnomalies([a, b, r])).toEqual([
      { kind: 'siblings', key: 'k', ops: [r.id, a.id, b.id], time: 30 },
    ]);
  });

  it('keys are judged apart', () => {
    const a = put(0, 10, 'a');
    const other = { ...put(20, 30, 'b'), key: 'j' };
    expect(kinds([a, other, get(40, 50, 'a')])).toEqual([]);
  });

  it('splits results on the separator', () => {
    expect(resultValues(null)).toEqual([]);
    expect(resultValues('x')).toEqual(['x']);
    expect(resultValues('x|y')).toEqual(['x', 'y']);
  });
});
