import { describe, expect, it } from 'vitest';
import type { RaftNodeView, RaftView } from '../../../engine/protocols/raft/view';
import { entryState } from './commit';

function node(commitIndex: number, logTerms: number[], logStart = 1): RaftNodeView {
  return {
    votedFor: null,
    leaderId: null,
    commitIndex,
    lastApplied: commitIndex,
    logLength: logStart - 1 + logTerms.length,
    logStart,
    logTerms,
    snapshotIndex: 0,
    snapshotTerm: 0,
    votes: [],
  };
}

function view(nodes: RaftNodeView[], clusterCommit: number): RaftView {
  return { nodes, longest: Math.max(...nodes.map((n) => n.logLength)), clusterCommit };
}

describe('entryState', () => {
  // S1 crashed holding [1, 1, 2]; S2 and S3 committed [1, 1, 3] up to index 3.
  const v = view([node(0, [1, 1, 2]), node(3, [1, 1, 3]), node(2, [1, 1, 3])], 3);
  const up = [false, true, true];

  it('a crashed server: entries the cluster committed are committed by the cluster', () => {
    expect(entryState({ index: 1, term: 1 }, 0, v, up)).toBe('cluster');
    expect(entryState({ index: 2, term: 1 }, 0, v, up)).toBe('cluster');
  });

  it('a crashed server: an entry where the cluster committed another one is not committed', () => {
    expect(entryState({ index: 3, term: 2 }, 0, v, up)).toBe('replaced');
  });

  it('an up server: its own commitIndex first, then the cluster', () => {
    expect(entryState({ index: 2, term: 1 }, 2, v, up)).toBe('committed');
    expect(entryState({ index: 3, term: 3 }, 2, v, up)).toBe('cluster');
    expect(entryState({ index: 3, term: 3 }, 1, v, up)).toBe('committed');
  });

  it('past the cluster commit: uncommitted', () => {
    const w = view([node(0, [1, 1, 2, 2]), node(3, [1, 1, 3])], 3);
    expect(entryState({ index: 4, term: 2 }, 0, w, [false, true])).toBe('uncommitted');
  });

  it('a crashed server is never committed by its own stale commitIndex', () => {
    const w = view([node(5, [1, 1]), node(0, [1])], 0);
    expect(entryState({ index: 1, term: 1 }, 0, w, [false, true])).toBe('uncommitted');
  });

  it('outside the window only the index is known to be committed', () => {
    const w = view([node(0, [1], 1), node(10, [4], 10)], 10);
    expect(entryState({ index: 3, term: 1 }, 0, w, [false, true])).toBe('index-committed');
  });

  it('down servers do not count as the cluster', () => {
    const w = view([node(0, [1, 1]), node(2, [1, 1])], 2);
    expect(entryState({ index: 1, term: 1 }, 0, w, [false, false])).toBe('index-committed');
  });
});
