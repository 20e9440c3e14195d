/**
 * Clients on a side of the network (issue 11): a workload client named in a partition group
 * reaches only that group's servers; sticky clients start at their home server and fail over
 * after one unanswered request timeout.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';
import { placeClientsAtHome } from './clientHome';
import { parseScenario } from '../scenario';
import { scenarioOf } from '../testing/scenarios';
import type { TraceEntry } from '../types';

const sends = (trace: readonly TraceEntry[], client: string) =>
  trace.filter((e) => e.kind === 'send' && e.from === client);

describe('sticky clients', () => {
  it('client ci first sends to S((i-1) mod nodes + 1)', () => {
    const r = runScenario(
      scenarioOf({
        protocol: 'dynamo',
        nodes: 3,
        duration: 400,
        workload: { clients: 5, rate: 20 },
      }),
      { trace: true },
    );
    const home = { c1: 'S1', c2: 'S2', c3: 'S3', c4: 'S1', c5: 'S2' };
    for (const [client, server] of Object.entries(home)) {
      expect(sends(r.trace!, client)[0]?.to, client).toBe(server);
    }
  });

  it('is on by default for dynamo and off for raft, and can be set either way', () => {
    const of = (json: Record<string, unknown>) => scenarioOf(json).workload.sticky;
    expect(of({ protocol: 'dynamo' })).toBe(true);
    expect(of({ protocol: 'raft' })).toBe(false);
    expect(of({ protocol: 'raft', workload: { sticky: true } })).toBe(true);
    expect(of({ protocol: 'dynamo', workload: { sticky: false } })).toBe(false);
  });

  it('fails over to the next server after one request timeout when its home is down', () => {
    const r = runScenario(
      scenarioOf({
        protocol: 'dynamo',
        nodes: 3,
        duration: 1500,
        network: { latency: { min: 1, max: 2 } },
        workload: { clients: 1, rate: 5, requestTimeout: 200 },
        actions: [{ at: 0, type: 'crash', node: 'S1' }],
      }),
      { trace: true },
    );
    const [first, second] = sends(r.trace!, 'c1');
    expect(first?.to).toBe('S1');
    expect(second?.to).toBe('S2');
    expect(second!.time - first!.time).toBeCloseTo(200, 3);
    expect(r.clientOps[0]).toMatchObject({ ok: true, attempts: 2 });
  });
});

describe('clients in partition groups', () => {
  const raftSplit = (seed: number) =>
    runScenario(
      scenarioOf({
        protocol: 'raft',
        nodes: 5,
        seed,
        duration: 6000,
        workload: { clients: 2, rate: 10, sticky: true, requestTimeout: 200, opTimeout: 1000 },
        actions: [
          {
            at: 1500,
            type: 'partition',
            groups: [
              ['S1', 'S2', 'c1'],
              ['S3', 'S4', 'S5', 'c2'],
            ],
          },
          { at: 4000, type: 'heal' },
        ],
      }),
      { trace: true },
    );

  it('a client reaches only the servers of its group, and every server after heal', () => {
    for (const seed of [1, 2, 3]) {
      const r = raftSplit(seed);
      const delivered = r.trace!.filter(
        (e) => e.kind === 'deliver' && e.from === 'c1' && e.time > 1500 && e.time < 4000,
      );
      expect(delivered.length, `seed ${seed}`).toBeGreaterThan(0);
      for (const e of delivered) expect(['S1', 'S2'], `seed ${seed}`).toContain(e.to);
      const after = r.trace!.filter(
        (e) => e.kind === 'deliver' && e.from === 'c1' && e.time > 4000,
      );
      expect(
        after.some((e) => !['S1', 'S2'].includes(e.to!)),
        `seed ${seed}`,
      ).toBe(true);
    }
  });

  it('the Raft minority refuses its client while the majority serves its own', () => {
    for (const seed of [1, 2, 3]) {
      const r = raftSplit(seed);
      // Operations invoked well inside the partition, and finished before the heal.
      const inside = (client: string) =>
        r.clientOps.filter((o) => o.client === client && o.invokedAt > 2500 && o.invokedAt < 2900);
      expect(inside('c1').length, `seed ${seed}`).toBeGreaterThan(0);
      expect(
        inside('c1').every((o) => !o.ok),
        `seed ${seed}`,
      ).toBe(true);
      expect(
        inside('c2').some((o) => o.ok),
        `seed ${seed}`,
      ).toBe(true);
    }
  });

  it('names an unknown client in plain words', () => {
    const parsed = parseScenario({
      protocol: 'raft',
      nodes: 3,
      seed: 1,
      duration: 1000,
      workload: { clients: 2 },
      actions: [
        {
          at: 10,
          type: 'partition',
          groups: [
            ['S1', 'c9'],
            ['S2', 'S3'],
          ],
        },
      ],
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors).toEqual([
        '$.actions[0].groups[0][1]: unknown client "c9" (the workload has clients c1…c2)',
      ]);
    }
  });
});

describe('placing sticky clients at home', () => {
  it('adds each client to its home server’s group, and leaves placed clients alone', () => {
    const ids = ['S1', 'S2', 'S3', 'S4', 'S5'];
    expect(
      placeClientsAtHome(
        [
          ['S1', 'S2'],
          ['S3', 'S4', 'S5'],
        ],
        7,
        ids,
      ),
    ).toEqual([
      ['S1', 'S2', 'c1', 'c2', 'c6', 'c7'],
      ['S3', 'S4', 'S5', 'c3', 'c4', 'c5'],
    ]);
    // S2…S5 named in no group form the rest: written out, with their clients.
    expect(placeClientsAtHome([['S1']], 3, ids)).toEqual([
      ['S1', 'c1'],
      ['S2', 'S3', 'S4', 'S5', 'c2', 'c3'],
    ]);
    expect(placeClientsAtHome([['S1', 'c2'], ['S2']], 3, ids)).toEqual([['S1', 'c2'], ['S2']]);
  });
});
