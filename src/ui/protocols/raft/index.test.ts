import { describe, expect, it } from 'vitest';
import type { RaftView } from '../../../engine/protocols/raft/view';
import type { NodeView, RunInfo } from '../../../worker/protocol';
import { raftStatus, raftView } from '.';

const ids = ['S1', 'S2', 'S3'];
const node = (over: Partial<NodeView>): NodeView => ({
  id: 'S1',
  up: true,
  pausedUntil: 0,
  role: 'follower',
  epoch: 1,
  leads: false,
  campaigns: false,
  timers: [],
  ...over,
});
const view = {
  nodes: ids.map((_, i) => ({
    votedFor: 'S1',
    leaderId: null,
    commitIndex: 0,
    lastApplied: 0,
    logLength: 0,
    logStart: 1,
    logTerms: [],
    snapshotIndex: 0,
    snapshotTerm: 0,
    votes: i === 0 ? ['S1', 'S3'] : [],
  })),
  longest: 0,
  clusterCommit: 0,
} satisfies RaftView;

describe('the Raft view module', () => {
  it('draws vote pips for a campaigning server only', () => {
    const decorate = raftView.decoration!.decorate;
    expect(decorate(node({ campaigns: true, role: 'candidate' }), 0, view, ids)).toEqual({
      servers: ids,
      votes: ['S1', 'S3'],
      quorum: 2,
    });
    expect(decorate(node({}), 0, view, ids)).toBeNull();
    expect(decorate(node({ campaigns: true, up: false }), 0, view, ids)).toBeNull();
  });

  it('drains the election timer', () => {
    expect(raftView.arcTimer).toBe('election');
  });

  it('puts the election timeout on the status line', () => {
    const run = { config: { electionTimeout: { min: 150, max: 300 }, heartbeatInterval: 50 } };
    expect(raftStatus(run as RunInfo)).toBe('election timeout 150–300 ms');
    expect(raftStatus({ config: null } as RunInfo)).toBeNull();
  });
});
