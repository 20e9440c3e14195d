import { describe, expect, it } from 'vitest';
import { isolateLeader, splitMinority } from './presets';
import { viewModule } from './registry';

const ids = ['S1', 'S2', 'S3', 'S4', 'S5'];

describe('presets', () => {
  it('isolate the leader, only when there is one', () => {
    expect(isolateLeader({ ids, leader: 'S3' }).action).toEqual({
      type: 'partition',
      groups: [['S3']],
    });
    expect(isolateLeader({ ids, leader: null }).action).toBeNull();
  });

  it('split a minority holding the leader from the majority', () => {
    const p = splitMinority({ ids, leader: 'S4' });
    expect(p.label).toBe('Split 2 | 3');
    expect(p.action).toEqual({
      type: 'partition',
      groups: [
        ['S4', 'S1'],
        ['S2', 'S3', 'S5'],
      ],
    });
    expect(splitMinority({ ids: ['S1'], leader: null }).action).toBeNull();
  });

  it('Raft offers both; echo, which has no leader, neither', () => {
    expect(
      viewModule('raft')
        .presets({ ids, leader: null })
        .map((p) => p.label),
    ).toEqual(['Isolate leader', 'Split 2 | 3']);
    expect(viewModule('echo').presets({ ids, leader: null })).toEqual([]);
  });
});
