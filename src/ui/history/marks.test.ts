import { describe, expect, it } from 'vitest';
import { traceOf } from '../../engine/analysis/testTrace';
import { markLetter, pointMarks } from './marks';

const trace = traceOf([
  [0, 'role', { node: 'S1', role: 'candidate', epoch: 2, leads: false, campaigns: true }],
  [5, 'role', { node: 'S1', role: 'leader', epoch: 2, leads: true, campaigns: false }],
  [6, 'role', { node: 'S2', role: 'follower', epoch: 2, leads: false, campaigns: false }],
  [7, 'crash', { node: 'S3' }],
  [7, 'role', { node: 'S3', role: 'down', epoch: 2, leads: false, campaigns: false }],
  [8, 'send', { node: 'S1', from: 'S1', to: 'S2', msg: 1 }],
  [9, 'role', { node: 'S4', role: 'node', epoch: null, leads: false, campaigns: false }],
  [20, 'restart', { node: 'S3' }],
]);
const opts = {
  servers: new Set(['S1', 'S2', 'S3', 'S4']),
  lanes: ['S1', 'S2', 'S3', 'S4'],
  epochName: 'term',
  max: 100,
};

describe('pointMarks', () => {
  it('marks leading and campaigning from the structured role fields', () => {
    const marks = pointMarks(trace, 0, 10, opts);
    expect(marks.map((m) => [m.lane, m.kind, m.label])).toEqual([
      ['S1', 'campaigns', 'S1 becomes candidate (term 2)'],
      ['S1', 'leads', 'S1 becomes leader (term 2)'],
      ['S2', 'role', 'S2 becomes follower (term 2)'],
      ['S3', 'crash', 'S3 crash'],
      ['S4', 'role', 'S4 becomes node'],
    ]);
    expect(marks.map(markLetter)).toEqual(['C', 'L', null, null, null]);
  });

  it('keeps to the window, the lanes shown and the cap', () => {
    expect(pointMarks(trace, 6, 30, opts).map((m) => m.entry.time)).toEqual([6, 7, 9, 20]);
    expect(pointMarks(trace, 0, 30, { ...opts, lanes: ['S3'] }).map((m) => m.kind)).toEqual([
      'crash',
      'restart',
    ]);
    expect(pointMarks(trace, 0, 30, { ...opts, max: 2 })).toHaveLength(2);
  });
});
