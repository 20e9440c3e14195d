import { describe, expect, it } from 'vitest';
import { traceOf } from '../../engine/analysis/testTrace';
import { indexMessages, messagesInWindow } from './spacetime';

const trace = traceOf([
  [0, 'send', { from: 'S1', to: 'S2', msg: 1, msgKind: 'AppendEntries', deliverAt: 10 }],
  [0, 'drop', { from: 'S1', to: 'S3', msg: 2, msgKind: 'AppendEntries', detail: 'lost' }],
  [5, 'send', { from: 'S2', to: 'S3', msg: 3, msgKind: 'RequestVote', deliverAt: 50 }],
  [10, 'deliver', { from: 'S1', to: 'S2', msg: 1, msgKind: 'AppendEntries' }],
  [50, 'drop', { from: 'S2', to: 'S3', msg: 3, msgKind: 'RequestVote', detail: 'S3 is down' }],
  [60, 'send', { from: 'S3', to: 'S1', msg: 4, msgKind: 'RequestVote', deliverAt: 70 }],
]);

describe('indexMessages', () => {
  const index = indexMessages(trace);
  it('pairs sends with deliveries and drops, and keeps drops at send', () => {
    expect(index.spans.map((s) => [s.msg, s.sentAt, s.end, s.outcome, s.droppedAtSend])).toEqual([
      [1, 0, 10, 'delivered', false],
      [2, 0, 0, 'dropped', true],
      [3, 5, 50, 'dropped', false],
      [4, 60, 70, 'in-flight', false],
    ]);
    expect(index.maxDuration).toBe(45);
    expect(index.spans[0]!.endEvent).toBe(4);
    expect(index.spans[2]!.reason).toBe('S3 is down');
  });

  it('finds messages overlapping a window, long flights included', () => {
    expect(messagesInWindow(index, 20, 40, 10, 30).spans.map((s) => s.msg)).toEqual([3]);
    expect(messagesInWindow(index, 0, 100, 10, 0).total).toBe(4);
  });

  it('caps the count, keeping those sent nearest the focus', () => {
    const r = messagesInWindow(index, 0, 100, 2, 58);
    expect(r.total).toBe(4);
    expect(r.spans.map((s) => s.msg)).toEqual([3, 4]);
  });
});
