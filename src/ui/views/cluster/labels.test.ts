import { describe, expect, it } from 'vitest';
import type { MessageView, NodeView } from '../../../worker/protocol';
import { leaderText, messageLabel, nodeLabel } from './labels';

function node(over: Partial<NodeView> = {}): NodeView {
  return {
    id: 'S1',
    up: true,
    pausedUntil: 0,
    role: 'leader',
    epoch: 3,
    leads: true,
    campaigns: false,
    timers: [],
    ...over,
  };
}

function message(over: Partial<MessageView> = {}): MessageView {
  return {
    id: 7,
    from: 'S3',
    to: 'S1',
    sentAt: 0,
    deliverAt: 5,
    kind: 'AppendEntries',
    cls: 'heartbeat',
    epoch: 1,
    label: 'heartbeat',
    client: false,
    ...over,
  };
}

describe('nodeLabel', () => {
  it('names the server, its role and its epoch in the protocol’s words', () => {
    expect(nodeLabel(node(), 'term')).toBe('server S1, leader, term 3');
    expect(nodeLabel(node(), 'ballot')).toBe('server S1, leader, ballot 3');
  });
  it('says crashed and paused', () => {
    expect(nodeLabel(node({ up: false, role: 'down' }), 'term')).toBe('server S1, crashed, term 3');
    expect(nodeLabel(node({ pausedUntil: 500 }), 'term')).toBe('server S1, leader, term 3, paused');
    expect(nodeLabel(node({ up: false, pausedUntil: 500 }), 'term')).toBe(
      'server S1, crashed, term 3',
    );
  });
  it('leaves the epoch out for a protocol without one', () => {
    expect(nodeLabel(node({ role: 'node', epoch: null }), 'epoch')).toBe('server S1, node');
  });
});

describe('messageLabel', () => {
  it('is the label, the route and the epoch', () => {
    expect(messageLabel(message(), 'term')).toBe('message 7: heartbeat from S3 to S1, term 1');
    expect(messageLabel(message({ label: 'AppendEntries ×3', epoch: 4 }), 'term')).toBe(
      'message 7: AppendEntries ×3 from S3 to S1, term 4',
    );
  });
  it('carries no epoch for client traffic', () => {
    expect(
      messageLabel(message({ from: 'c1', label: 'client request', epoch: null }), 'term'),
    ).toBe('message 7: client request from c1 to S1');
  });
});

describe('leaderText', () => {
  it('reads like the status line', () => {
    expect(leaderText('S3', 'term', 4)).toBe('leader S3, term 4');
    expect(leaderText('S3', 'term', null)).toBe('leader S3');
  });
});
