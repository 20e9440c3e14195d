import { describe, expect, it } from 'vitest';
import { createSimulator } from '../create';
import { scenarioOf } from '../testing/scenarios';
import type { TraceEntry } from '../types';
import { describeAction, describeTrace, entryNodes, formatMs, traceTail } from './describe';

const e = (fields: Partial<TraceEntry> & Pick<TraceEntry, 'kind'>): TraceEntry => ({
  id: 1,
  time: 0,
  ...fields,
});

describe('describeTrace', () => {
  it.each([
    [
      e({
        kind: 'send',
        from: 'S1',
        to: 'S2',
        msg: 12,
        msgKind: 'AppendEntries',
        deliverAt: 23.45,
      }),
      'S1 sends AppendEntries #12 to S2, arriving at 23.5 ms',
    ],
    [
      e({ kind: 'deliver', from: 'S1', to: 'S2', msg: 12, msgKind: 'AppendEntries' }),
      'S2 receives AppendEntries #12 from S1',
    ],
    [
      e({ kind: 'drop', from: 'S1', to: 'S2', msg: 3, msgKind: 'RequestVote', detail: 'lost' }),
      'RequestVote #3 from S1 to S2 is dropped: lost',
    ],
    [e({ kind: 'timer', node: 'S3', detail: 'election' }), 'S3: election timer fires'],
    [e({ kind: 'crash', node: 'S2' }), 'S2 crashes'],
    [e({ kind: 'restart', node: 'S2' }), 'S2 restarts'],
    [e({ kind: 'pause', node: 'S2', detail: 'until 1500' }), 'S2 pauses until 1500 ms'],
    [e({ kind: 'partition', detail: 'partition S1 | S2,S3' }), 'Network partitioned: S1 | S2,S3'],
    [e({ kind: 'cut', from: 'S1', to: 'S2', detail: 'S1→S2 down' }), 'Link S1→S2 is cut'],
    [e({ kind: 'link', from: 'S1', to: 'S2', detail: 'S1→S2 up' }), 'Link S1→S2 up'],
    [e({ kind: 'heal' }), 'Network healed: every link is up'],
    [
      e({ kind: 'role', node: 'S3', role: 'leader', epoch: 3, leads: true, detail: 'term 3' }),
      'S3 becomes leader in term 3',
    ],
    [
      e({ kind: 'client-invoke', node: 'c1', detail: 'c1#1 get k4' }),
      'Client c1 invokes c1#1 get k4',
    ],
    [
      e({ kind: 'client-reply', node: 'c1', detail: 'c1#1 get k4 → ok' }),
      'Client c1 completes c1#1 get k4 → ok',
    ],
    [
      e({ kind: 'client-give-up', node: 'c1', detail: 'c1#1 get k4' }),
      'Client c1 gives up on c1#1 get k4',
    ],
    [
      e({ kind: 'violation', detail: 'Election Safety: two leaders' }),
      'Invariant violated: Election Safety: two leaders',
    ],
    [e({ kind: 'note', node: 'S1', detail: 'granted vote to S2' }), 'S1: granted vote to S2'],
  ])('%o → %s', (entry, text) => {
    expect(describeTrace(entry)).toBe(text);
  });

  it('describes every entry of a real run without placeholders', () => {
    const sim = createSimulator(
      scenarioOf({
        duration: 2000,
        network: { loss: 0.05 },
        workload: { clients: 2, rate: 20 },
        actions: [
          { at: 300, type: 'crash', node: 'S2' },
          { at: 600, type: 'restart', node: 'S2' },
          { at: 700, type: 'pause', node: 'S1', duration: 100 },
        ],
      }),
      { trace: true },
    ).run();
    for (const entry of sim.state.trace) {
      const text = describeTrace(entry);
      expect(text).not.toMatch(/undefined|\?/);
      expect(text.length).toBeGreaterThan(5);
    }
  });
});

describe('helpers', () => {
  it('formats times', () => {
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(1234.56)).toBe('1234.6 ms');
    expect(formatMs(12.0)).toBe('12 ms');
  });
  it('lists the nodes an entry involves', () => {
    expect(entryNodes(e({ kind: 'send', from: 'S1', to: 'S2' }))).toEqual(['S1', 'S2']);
    expect(entryNodes(e({ kind: 'crash', node: 'S3' }))).toEqual(['S3']);
  });
});

describe('traceTail', () => {
  const sends = [2, 3, 4].map((n) =>
    e({ id: 5, time: 10, kind: 'send', from: 'S1', to: `S${n}`, msgKind: 'AppendEntries', msg: n }),
  );
  const trace = [
    e({ id: 4, time: 9, kind: 'timer', node: 'S1', detail: 'heartbeat' }),
    ...sends,
    e({ id: 6, time: 20, kind: 'crash', node: 'S2' }),
  ];

  it('folds the sends of one event into one line, newest last', () => {
    expect(traceTail(trace, 10).map((l) => l.text)).toEqual([
      'S1: heartbeat timer fires',
      'S1 sends AppendEntries to S2, S3, S4',
      'S2 crashes',
    ]);
  });

  it('stops at `end` (the cursor) and keeps at most `max` lines', () => {
    expect(traceTail(trace, 10, 4).map((l) => l.id)).toEqual([4, 5]);
    expect(traceTail(trace, 1, 4).map((l) => l.id)).toEqual([5]);
  });
});

describe('describeAction', () => {
  it('says what a user or scripted action does', () => {
    expect(describeAction({ type: 'crash', node: 'leader' })).toBe('crash the leader');
    expect(describeAction({ type: 'partition', groups: [['S1', 'S2']] })).toBe(
      'isolate S1, S2 from the other servers',
    );
  });

  it('a partition never says "the rest" when there is none (issue 16, item 7)', () => {
    const five = ['S1', 'S2', 'S3', 'S4', 'S5'];
    const split = {
      type: 'partition' as const,
      groups: [
        ['S1', 'S2'],
        ['S3', 'S4', 'S5'],
      ],
    };
    // The lab's drag makes groups of every server: no group is left over.
    expect(describeAction(split)).toBe('partition S1, S2 | S3, S4, S5');
    expect(describeAction(split, five)).toBe('partition S1, S2 | S3, S4, S5');
    // With the cluster known, the servers left over are named.
    expect(describeAction({ type: 'partition', groups: [['S1'], ['S2']] }, five)).toBe(
      'partition S1 | S2 | S3, S4, S5',
    );
    expect(describeAction({ type: 'partition', groups: [['S1', 'S2']] }, ['S1', 'S2'])).toBe(
      'partition S1, S2',
    );
    expect(describeAction({ type: 'partition', groups: [['leader']] }, five)).toBe(
      'partition the leader | the other servers',
    );
    expect(describeAction({ type: 'partition', groups: [['leader'], ['S1']] }, ['S1', 'S2'])).toBe(
      'partition the leader | S1 | S2 unless it leads',
    );
    for (const groups of [
      [['S1', 'S2'], ['S3']],
      [['S3'], ['S1', 'S2']],
    ]) {
      expect(describeAction({ type: 'partition', groups }, ['S1', 'S2', 'S3'])).not.toMatch(
        /the rest|other/,
      );
    }
  });

  it('says why a run was stopped', () => {
    const entry = { id: 7, time: 0, kind: 'end' as const, detail: 'too many events at 0 ms' };
    expect(describeTrace(entry)).toBe('The run stopped: too many events at 0 ms');
  });
});
