/**
 * The four session guarantees (Terry et al. 1994), each on hand-written histories that
 * violate it and near-identical ones that do not. Expected anomalies are worked out by hand
 * from the rules in sessions.ts; every history is on key 'k'.
 */
import { describe, expect, it } from 'vitest';
import type { ClientOpRecord } from '../types';
import { finalRead } from './anomalies';
import { keyHistories } from './keyHistory';
import type { ConsistencyKind } from './report';
import { sessionAnomalies } from './sessions';
import { get, put, timedOutPut } from './testkit';

/** Session anomalies of key 'k', judging the final read as sessions.ts is told to. */
function judge(ops: ClientOpRecord[], useFinal = true) {
  const [h] = keyHistories(ops, '|');
  return sessionAnomalies(h!, useFinal ? finalRead(h!.ops) : null);
}
const only = (kind: ConsistencyKind, ops: ClientOpRecord[]) =>
  judge(ops).filter((a) => a.kind === kind);

describe('read-your-writes: a read reflects the session’s earlier writes', () => {
  it('reading an own write that the session overwrote since is a violation', () => {
    // a completed (10) before b began (20): a is surely older than c1's own b.
    const ops = [
      put(1, 'c1', [0, 10], 'a'),
      put(2, 'c1', [20, 30], 'b'),
      get(3, 'c1', [40, 50], 'a'),
    ];
    expect(only('read-your-writes', ops)).toEqual([
      { kind: 'read-your-writes', key: 'k', ops: [2, 3], time: 50 },
    ]);
  });

  it('reading nothing after an own acknowledged write is a violation', () => {
    const ops = [put(1, 'c1', [0, 10], 'a'), get(2, 'c1', [20, 30], null)];
    expect(only('read-your-writes', ops)).toEqual([
      { kind: 'read-your-writes', key: 'k', ops: [1, 2], time: 30 },
    ]);
  });

  it('reading the own write, or a write concurrent with it, is fine', () => {
    const ops = [
      put(1, 'c1', [0, 10], 'a'),
      get(2, 'c1', [20, 30], 'a'),
      // c2's b overlaps c1's c (neither completed before the other began): either may win.
      put(3, 'c2', [35, 60], 'b'),
      put(4, 'c1', [40, 50], 'c'),
      get(5, 'c1', [70, 80], 'b'),
    ];
    expect(only('read-your-writes', ops)).toEqual([]);
  });

  it('a read issued the instant the write was acknowledged follows it', () => {
    const ops = [put(1, 'c1', [0, 10], 'a'), get(2, 'c1', [10, 20], null)];
    expect(only('read-your-writes', ops)).toEqual([
      { kind: 'read-your-writes', key: 'k', ops: [1, 2], time: 20 },
    ]);
  });

  it('a write that ended the instant the own write began is not surely older', () => {
    const ops = [
      put(1, 'c2', [0, 20], 'a'),
      put(2, 'c1', [20, 30], 'b'),
      get(3, 'c1', [40, 50], 'a'),
    ];
    expect(only('read-your-writes', ops)).toEqual([]);
  });

  it('another session’s writes are not this session’s to read', () => {
    const ops = [
      put(1, 'c2', [0, 10], 'a'),
      put(2, 'c2', [20, 30], 'b'),
      get(3, 'c1', [40, 50], 'a'),
    ];
    expect(only('read-your-writes', ops)).toEqual([]);
  });

  it('a write the session never saw acknowledged is not held against it', () => {
    const ops = [
      put(1, 'c1', [0, 10], 'a'),
      timedOutPut(2, 'c1', 20, 500, 'b'),
      get(3, 'c1', [510, 520], 'a'),
    ];
    expect(only('read-your-writes', ops)).toEqual([]);
  });
});

describe('monotonic reads: a read reflects what the session’s earlier reads saw', () => {
  it('reading a value older than one read before is a violation', () => {
    const ops = [
      put(1, 'c2', [0, 10], 'a'),
      put(2, 'c2', [20, 30], 'b'),
      get(3, 'c1', [40, 50], 'b'),
      get(4, 'c1', [60, 70], 'a'),
    ];
    expect(only('monotonic-reads', ops)).toEqual([
      { kind: 'monotonic-reads', key: 'k', ops: [3, 4], time: 70 },
    ]);
  });

  it('reading nothing after reading a value is a violation', () => {
    const ops = [
      put(1, 'c2', [0, 10], 'a'),
      get(2, 'c1', [20, 30], 'a'),
      get(3, 'c1', [40, 50], null),
    ];
    expect(only('monotonic-reads', ops)).toEqual([
      { kind: 'monotonic-reads', key: 'k', ops: [2, 3], time: 50 },
    ]);
  });

  it('is judged against the newest value any earlier read returned', () => {
    // c1 saw a, then c; b is older than c (but not than a).
    const ops = [
      put(1, 'c2', [0, 10], 'a'),
      get(2, 'c1', [15, 18], 'a'),
      put(3, 'c2', [20, 30], 'b'),
      put(4, 'c2', [40, 50], 'c'),
      get(5, 'c1', [55, 58], 'c'),
      get(6, 'c1', [60, 70], 'b'),
    ];
    expect(only('monotonic-reads', ops)).toEqual([
      { kind: 'monotonic-reads', key: 'k', ops: [5, 6], time: 70 },
    ]);
  });

  it('values of concurrent writes may be read in either order', () => {
    // a spans b: neither is surely older (not linearizable, but no session rule is broken).
    const ops = [
      put(1, 'c2', [0, 30], 'a'),
      put(2, 'c3', [10, 20], 'b'),
      get(3, 'c1', [40, 50], 'b'),
      get(4, 'c1', [60, 70], 'a'),
    ];
    expect(only('monotonic-reads', ops)).toEqual([]);
  });

  it('two sessions may see the key at different moments', () => {
    const ops = [
      put(1, 'c2', [0, 10], 'a'),
      put(2, 'c2', [20, 30], 'b'),
      get(3, 'c1', [40, 50], 'b'),
      get(4, 'c3', [60, 70], 'a'),
    ];
    expect(only('monotonic-reads', ops)).toEqual([]);
  });
});

describe('monotonic writes: a session’s writes are ordered as it issued them', () => {
  it('its two writes returned as siblings is a violation', () => {
    const ops = [
      put(1, 'c1', [0, 10], 'a'),
      put(2, 'c1', [20, 30], 'b'),
      get(3, 'c2', [40, 50], 'a|b'),
    ];
    expect(only('monotonic-writes', ops)).toEqual([
      { kind: 'monotonic-writes', key: 'k', ops: [1, 2, 3], time: 50 },
    ]);
  });

  it('siblings written by two sessions are not', () => {
    const ops = [
      put(1, 'c1', [0, 10], 'a'),
      put(2, 'c3', [20, 30], 'b'),
      get(3, 'c2', [40, 50], 'a|b'),
    ];
    expect(only('monotonic-writes', ops)).toEqual([]);
  });

  it('the quiescent final read keeping the earlier write over the later is a violation', () => {
    const ops = [
      put(1, 'c1', [0, 10], 'a'),
      put(2, 'c1', [20, 30], 'b'),
      get(3, 'c2', [40, 50], 'a'),
    ];
    expect(only('monotonic-writes', ops)).toEqual([
      { kind: 'monotonic-writes', key: 'k', ops: [1, 2, 3], time: 50 },
    ]);
  });

  it('…but not while another operation is still open, nor when the replicas diverged', () => {
    const open = [
      put(1, 'c1', [0, 10], 'a'),
      put(2, 'c1', [20, 30], 'b'),
      put(3, 'c3', [35, null], 'c'),
      get(4, 'c2', [40, 50], 'a'),
    ];
    expect(only('monotonic-writes', open)).toEqual([]);
    const quiet = [
      put(1, 'c1', [0, 10], 'a'),
      put(2, 'c1', [20, 30], 'b'),
      get(3, 'c2', [40, 50], 'a'),
    ];
    expect(judge(quiet, false)).toEqual([]);
  });

  it('the final read keeping the later write is fine', () => {
    const ops = [
      put(1, 'c1', [0, 10], 'a'),
      put(2, 'c1', [20, 30], 'b'),
      get(3, 'c2', [40, 50], 'b'),
    ];
    expect(judge(ops)).toEqual([]);
  });
});

describe('writes follow reads: a write is ordered after what its session had read', () => {
  it('a write returned as a sibling of a value its session read before it is a violation', () => {
    const ops = [
      put(1, 'c2', [0, 10], 'x'),
      get(2, 'c1', [20, 30], 'x'),
      put(3, 'c1', [40, 50], 'y'),
      get(4, 'c3', [60, 70], 'x|y'),
    ];
    expect(only('writes-follow-reads', ops)).toEqual([
      { kind: 'writes-follow-reads', key: 'k', ops: [2, 3, 4], time: 70 },
    ]);
  });

  it('siblings are fine when the session read the value only after writing', () => {
    const ops = [
      put(1, 'c2', [0, 10], 'x'),
      put(2, 'c1', [20, 30], 'y'),
      get(3, 'c1', [40, 50], 'x'),
      get(4, 'c3', [60, 70], 'x|y'),
    ];
    expect(only('writes-follow-reads', ops)).toEqual([]);
  });

  it('the final read keeping what the session read over its later write is a violation', () => {
    // x timed out, so neither lost-write nor stale-read can hold it against anyone; c1 saw it
    // take effect, though, before writing y.
    const ops = [
      timedOutPut(1, 'c2', 0, 500, 'x'),
      get(2, 'c1', [20, 30], 'x'),
      put(3, 'c1', [40, 50], 'y'),
      get(4, 'c3', [600, 610], 'x'),
    ];
    expect(judge(ops)).toEqual([
      { kind: 'writes-follow-reads', key: 'k', ops: [2, 3, 4], time: 610 },
    ]);
  });

  it('an own earlier write is monotonic writes’ case, reported once', () => {
    const ops = [
      put(1, 'c1', [0, 10], 'x'),
      get(2, 'c1', [20, 30], 'x'),
      put(3, 'c1', [40, 50], 'y'),
      get(4, 'c2', [60, 70], 'x|y'),
    ];
    expect(judge(ops).map((a) => a.kind)).toEqual(['monotonic-writes']);
  });
});
