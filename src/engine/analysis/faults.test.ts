import { describe, expect, it } from 'vitest';
import { createSimulator } from '../create';
import { scenarioOf } from '../testing/scenarios';
import { computeFaults } from './faults';
import { traceOf } from './testTrace';

const pick = (kind: string, faults: ReturnType<typeof computeFaults>) =>
  faults.filter((f) => f.kind === kind).map((f) => [f.start, f.end, f.open]);

describe('computeFaults', () => {
  it('a crash lasts until the restart; a crash never restarted stays open to the end', () => {
    const faults = computeFaults(
      traceOf([
        [100, 'crash', { node: 'S1' }],
        [150, 'crash', { node: 'S2' }],
        [300, 'restart', { node: 'S1' }],
        [400, 'note', { node: 'S3', detail: 'x' }],
      ]),
      { endTime: 1000 },
    );
    expect(pick('crash', faults)).toEqual([
      [100, 300, false],
      [150, 1000, true],
    ]);
    expect(faults.find((f) => f.node === 'S1')!.startEvent).toBe(1);
    expect(faults.find((f) => f.node === 'S1')!.endEvent).toBe(3);
  });

  it('a partition lasts until heal, and a new partition replaces the old one', () => {
    const faults = computeFaults(
      traceOf([
        [10, 'partition', { detail: 'partition S1 | S2,S3' }],
        [20, 'partition', { detail: 'partition S1,S2 | S3' }],
        [50, 'heal'],
        [60, 'partition', { detail: 'partition S3 | S1,S2' }],
      ]),
      { endTime: 90 },
    );
    expect(pick('partition', faults)).toEqual([
      [10, 20, false],
      [20, 50, false],
      [60, 90, true],
    ]);
  });

  it('a cut link lasts until link up or heal; link up on an up link does nothing', () => {
    const faults = computeFaults(
      traceOf([
        [5, 'link', { from: 'S2', to: 'S3', detail: 'S2→S3 up' }],
        [10, 'cut', { from: 'S1', to: 'S2', detail: 'S1→S2 down' }],
        [12, 'link', { from: 'S2', to: 'S1', detail: 'S2→S1 down' }],
        [30, 'link', { from: 'S1', to: 'S2', detail: 'S1→S2 up' }],
        [40, 'heal'],
      ]),
    );
    expect(
      faults.filter((f) => f.kind === 'link').map((f) => [f.node, f.to, f.start, f.end]),
    ).toEqual([
      ['S1', 'S2', 10, 30],
      ['S2', 'S1', 12, 40],
    ]);
  });

  it('a pause lasts until resume', () => {
    const faults = computeFaults(
      traceOf([
        [10, 'pause', { node: 'S1', detail: 'until 60' }],
        [60, 'resume', { node: 'S1', detail: '0 deferred events' }],
      ]),
    );
    expect(pick('pause', faults)).toEqual([[10, 60, false]]);
  });

  it('no leader from the start until the first leader, and after the leader crashes', () => {
    const faults = computeFaults(
      traceOf([
        [
          0,
          'role',
          {
            node: 'S1',
            role: 'follower',
            epoch: 0,
            leads: false,
            campaigns: false,
            detail: 'term 0',
          },
        ],
        [
          150,
          'role',
          {
            node: 'S1',
            role: 'candidate',
            epoch: 1,
            leads: false,
            campaigns: true,
            detail: 'term 1',
          },
        ],
        [
          170,
          'role',
          { node: 'S1', role: 'leader', epoch: 1, leads: true, campaigns: false, detail: 'term 1' },
        ],
        [500, 'crash', { node: 'S1' }],
        [
          650,
          'role',
          {
            node: 'S2',
            role: 'candidate',
            epoch: 2,
            leads: false,
            campaigns: true,
            detail: 'term 2',
          },
        ],
        [
          700,
          'role',
          { node: 'S2', role: 'leader', epoch: 2, leads: true, campaigns: false, detail: 'term 2' },
        ],
        [
          800,
          'role',
          {
            node: 'S2',
            role: 'follower',
            epoch: 3,
            leads: false,
            campaigns: false,
            detail: 'term 3',
          },
        ],
      ]),
      { endTime: 1000 },
    );
    expect(pick('no-leader', faults)).toEqual([
      [0, 170, false],
      [500, 700, false],
      [800, 1000, true],
    ]);
  });

  it('a stale leader still counts: no gap while another node is leader', () => {
    const faults = computeFaults(
      traceOf([
        [
          10,
          'role',
          { node: 'S1', role: 'leader', epoch: 1, leads: true, campaigns: false, detail: 'term 1' },
        ],
        [
          20,
          'role',
          { node: 'S2', role: 'leader', epoch: 2, leads: true, campaigns: false, detail: 'term 2' },
        ],
        [
          30,
          'role',
          {
            node: 'S1',
            role: 'follower',
            epoch: 2,
            leads: false,
            campaigns: false,
            detail: 'term 2',
          },
        ],
      ]),
    );
    expect(pick('no-leader', faults)).toEqual([[0, 10, false]]);
  });

  it('shades no leader for protocols that never elect one', () => {
    const faults = computeFaults(
      traceOf([
        [
          0,
          'role',
          { node: 'S1', role: 'node', epoch: 1, leads: false, campaigns: false, detail: 'term 1' },
        ],
      ]),
    );
    expect(pick('no-leader', faults)).toEqual([]);
  });

  it('reads a simulator trace', () => {
    const sim = createSimulator(
      scenarioOf({
        duration: 3000,
        actions: [
          { at: 500, type: 'crash', node: 'S2' },
          { at: 900, type: 'restart', node: 'S2' },
          { at: 1000, type: 'partition', groups: [['S1'], ['S2', 'S3']] },
          { at: 1500, type: 'heal' },
        ],
      }),
      { trace: true },
    ).run();
    const faults = computeFaults(sim.state.trace);
    expect(pick('crash', faults)).toEqual([[500, 900, false]]);
    expect(pick('partition', faults)).toEqual([[1000, 1500, false]]);
  });
});
