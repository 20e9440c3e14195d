import { describe, expect, it } from 'vitest';
import type { CheckView } from '../../types';
import { replicaMonotonicity, wellFormedVersions } from './invariants';
import type { DynamoState, Versions } from './types';
import { DEFAULT_DYNAMO_CONFIG } from './config';
import { makeVersion } from './version';

function node(store: Record<string, Versions>, versioning: 'lww' | 'vector' = 'vector') {
  return { store, config: { ...DEFAULT_DYNAMO_CONFIG, versioning }, id: 'S1' } as DynamoState;
}
const view = (state: DynamoState): CheckView<DynamoState> => ({
  nodes: [{ id: 'S1', up: true, state }],
  time: 0,
  eventId: 0,
  touched: 'S1',
});

describe('Dynamo invariants', () => {
  const a = makeVersion('a', 1, 'S1', 1, { S1: 1 });
  const b = makeVersion('b', 2, 'S2', 1, { S2: 1 });
  const ab = makeVersion('c', 3, 'S1', 2, { S1: 2, S2: 1 });

  it('a replica may replace versions only by newer ones', () => {
    const m = replicaMonotonicity.initialMemory();
    expect(replicaMonotonicity.check(view(node({ k: [a, b] })), m)).toBeNull();
    expect(replicaMonotonicity.check(view(node({ k: [ab] })), m)).toBeNull();
    expect(replicaMonotonicity.check(view(node({ k: [b] })), m)).toMatch(/dropped version/);
    expect(replicaMonotonicity.check(view(node({})), m)).toMatch(/no longer holds k/);
  });

  it('siblings form an antichain; LWW keeps one version', () => {
    const m = wellFormedVersions.initialMemory();
    expect(wellFormedVersions.check(view(node({ k: [a, b] })), m)).toBeNull();
    expect(wellFormedVersions.check(view(node({ k: [a, ab] })), m)).toMatch(/supersedes/);
    const l = wellFormedVersions.initialMemory();
    expect(wellFormedVersions.check(view(node({ k: [a, b] }, 'lww')), l)).toMatch(/2 versions/);
  });
});
