/**
 * The store's behaviour in the simulator, section by section of the paper, with the anomalies
 * judged by the independent history checkers (check/anomalies.ts, check/linearizability.ts).
 */
import { describe, expect, it } from 'vitest';
import { findAnomalies } from '../../check/anomalies';
import { checkKvHistory, isIndeterminate } from '../../check/linearizability';
import { nodeIds } from '../../scenario';
import { ringWalk } from './ring';
import {
  dynamoScenario,
  dynamoSimulator,
  get,
  gets,
  held,
  opPutting,
  put,
  stateOf,
  valuesAt,
  violations,
} from './testkit';

const seeds = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const kinds = (sim: ReturnType<typeof dynamoSimulator>) =>
  findAnomalies(sim.state.clientOps).map((a) => a.kind);

describe('§4.5 quorums', () => {
  it('R + W > N, no faults: a single client sees a linearizable history', () => {
    for (const seed of seeds(10)) {
      const sim = dynamoSimulator(
        dynamoScenario({
          seed,
          nodes: 5,
          duration: 5000,
          workload: { clients: 1, rate: 40, keys: 1 },
        }),
      ).run();
      const ops = sim.state.clientOps;
      expect(ops.length).toBeGreaterThan(50);
      expect(ops.every((o) => o.ok || o.completedAt === null)).toBe(true);
      expect(checkKvHistory(ops).ok, `seed ${seed}`).toBe(true);
      expect(violations(sim)).toEqual([]);
    }
  });

  it('R + W > N, no faults: concurrent clients never read a stale value', () => {
    for (const seed of seeds(10)) {
      const sim = dynamoSimulator(
        dynamoScenario({ seed, nodes: 5, duration: 4000, workload: { clients: 4, rate: 20 } }),
      ).run();
      expect(sim.state.clientOps.length).toBeGreaterThan(100);
      expect(kinds(sim), `seed ${seed}`).toEqual([]);
    }
  });

  const partitioned = (r: number, w: number) =>
    dynamoSimulator(
      dynamoScenario({
        dynamo: { r, w },
        actions: [
          put(50, 'S1', 'k', 'a'),
          { at: 100, type: 'partition', groups: [['S1'], ['S2', 'S3']] },
          put(200, 'S2', 'k', 'b'),
          get(400, 'S1', 'k'),
        ],
      }),
    ).run();

  it('R = W = 1 under a partition: the minority side reads a stale value', () => {
    const sim = partitioned(1, 1);
    const b = opPutting(sim, 'b');
    const read = gets(sim, 'k')[0]!;
    expect(b.ok).toBe(true);
    expect(read).toMatchObject({ ok: true, result: 'a' });
    expect(findAnomalies(sim.state.clientOps)).toContainEqual({
      kind: 'stale-read',
      key: 'k',
      ops: [b.id, read.id],
      time: read.completedAt,
    });
  });

  it('R = W = 2 under the same partition: the minority refuses instead (not definitely)', () => {
    const sim = partitioned(2, 2);
    expect(opPutting(sim, 'b').ok).toBe(true);
    const read = gets(sim, 'k')[0]!;
    expect(read).toMatchObject({ ok: false, result: 'timeout' });
    expect(isIndeterminate(read)).toBe(true);
    expect(kinds(sim)).toEqual([]);
  });

  it('a put that timed out is not a definite failure, and may still have been stored', () => {
    const sim = dynamoSimulator(
      dynamoScenario({
        dynamo: { w: 3, antiEntropyInterval: 0 },
        actions: [{ at: 100, type: 'crash', node: 'S3' }, put(200, 'S1', 'k', 'a')],
      }),
    ).run();
    const a = opPutting(sim, 'a');
    expect(a).toMatchObject({ ok: false, result: 'timeout' });
    expect(isIndeterminate(a)).toBe(true);
    expect(valuesAt(sim, 'k', 2)).toEqual(['a', 'a']);
  });
});

describe('§4.4 versioning', () => {
  it('LWW with a clock 200 ms ahead silently loses an acknowledged write', () => {
    const sim = dynamoSimulator(
      dynamoScenario({
        dynamo: { clockSkew: { S2: 200 } },
        actions: [put(100, 'S2', 'k', 'a'), put(200, 'S1', 'k', 'b'), get(1000, 'S3', 'k')],
      }),
    ).run();
    const a = opPutting(sim, 'a');
    const b = opPutting(sim, 'b');
    expect(a.completedAt!).toBeLessThan(b.invokedAt);
    expect(b.ok).toBe(true);
    const final = gets(sim, 'k')[0]!;
    expect(final.result).toBe('a');
    expect(valuesAt(sim, 'k')).toEqual(['a', 'a', 'a']);
    expect(findAnomalies(sim.state.clientOps)).toContainEqual({
      kind: 'lost-write',
      key: 'k',
      ops: [b.id, final.id],
      time: final.completedAt,
    });
    expect(violations(sim)).toEqual([]);
  });

  it('without skew the same writes are both kept in order', () => {
    const sim = dynamoSimulator(
      dynamoScenario({
        actions: [put(100, 'S2', 'k', 'a'), put(200, 'S1', 'k', 'b'), get(1000, 'S3', 'k')],
      }),
    ).run();
    expect(gets(sim, 'k')[0]!.result).toBe('b');
    expect(kinds(sim)).toEqual([]);
  });

  const splitBrain = (versioning: 'lww' | 'vector') =>
    dynamoSimulator(
      dynamoScenario({
        duration: 4000,
        dynamo: { versioning, r: 1, w: 1, antiEntropyInterval: 200 },
        actions: [
          { at: 100, type: 'partition', groups: [['S1'], ['S2', 'S3']] },
          put(200, 'S1', 'k', 'a'),
          put(200, 'S2', 'k', 'b'),
          { at: 500, type: 'heal' },
          get(1500, 'S3', 'k'),
          put(2000, 'S3', 'k', 'c'),
          get(3000, 'S1', 'k'),
        ],
      }),
    ).run();

  it('vector versioning keeps concurrent writes as siblings; a later write resolves them', () => {
    const sim = splitBrain('vector');
    const [read, after] = gets(sim, 'k');
    expect(read!.result).toBe('a|b');
    expect(findAnomalies(sim.state.clientOps).map((x) => x.kind)).toEqual(['siblings']);
    expect(after!.result).toBe('c');
    expect(valuesAt(sim, 'k')).toEqual(['c', 'c', 'c']);
    expect(violations(sim)).toEqual([]);
  });

  it('LWW keeps one of the concurrent writes and drops the other', () => {
    const sim = splitBrain('lww');
    expect(['a', 'b']).toContain(gets(sim, 'k')[0]!.result);
  });
});

describe('§5 read repair', () => {
  const run = (readRepair: boolean) =>
    dynamoSimulator(
      dynamoScenario({
        dynamo: { readRepair, antiEntropyInterval: 0 },
        actions: [
          { at: 100, type: 'partition', groups: [['S1', 'S2'], ['S3']] },
          put(200, 'S1', 'k', 'a'),
          { at: 400, type: 'heal' },
          get(500, 'S1', 'k'),
        ],
      }),
    ).run();

  it('a get writes the newest version back to the replica that missed it', () => {
    expect(valuesAt(run(true), 'k')).toEqual(['a', 'a', 'a']);
  });

  it('without it (and without anti-entropy) the replica stays stale', () => {
    expect(valuesAt(run(false), 'k')).toEqual(['a', 'a', null]);
  });
});

describe('§4.6 sloppy quorum and hinted handoff', () => {
  const key = 'k';
  const ids = nodeIds(5);
  const walk = ringWalk(stateOf(dynamoSimulator(dynamoScenario({ nodes: 5 })), 'S1').ring, key);
  const [coordinator, , owner] = walk;
  const fallback = walk[3]!;
  const run = (hintedHandoff: boolean, extra: Parameters<typeof dynamoScenario>[0] = {}) =>
    dynamoSimulator(
      dynamoScenario({
        nodes: 5,
        duration: 3000,
        dynamo: { w: 3, hintedHandoff, readRepair: false, antiEntropyInterval: 0 },
        ...extra,
        actions: [
          { at: 100, type: 'crash', node: owner! },
          put(200, coordinator!, key, 'a'),
          { at: 1000, type: 'restart', node: owner! },
          ...(extra.actions ?? []),
        ],
      }),
    );

  it('a write for a down replica goes to the next server with a hint, and back later', () => {
    expect(ids).toContain(fallback);
    const sim = run(true);
    sim.runUntil(900);
    expect(opPutting(sim, 'a').ok).toBe(true);
    expect(stateOf(sim, fallback).hints).toMatchObject([{ owner, key }]);
    expect(held(sim, fallback, key)).toEqual([]);
    sim.runUntil(1300);
    expect(held(sim, owner!, key).map((v) => v.value)).toEqual(['a']);
    expect(stateOf(sim, fallback).hints).toEqual([]);
    expect(violations(sim.run())).toEqual([]);
  });

  it('the hint survives a crash of the node holding it', () => {
    const sim = run(true, {
      actions: [
        { at: 500, type: 'crash', node: fallback },
        { at: 1500, type: 'restart', node: fallback },
      ],
    });
    sim.runUntil(1400);
    expect(held(sim, owner!, key)).toEqual([]);
    sim.runUntil(2000);
    expect(held(sim, owner!, key).map((v) => v.value)).toEqual(['a']);
  });

  it('without it, W = 3 with a replica down times out', () => {
    const sim = run(false).run();
    expect(opPutting(sim, 'a')).toMatchObject({ ok: false, result: 'timeout' });
  });
});

describe('§4.7 anti-entropy', () => {
  const run = (antiEntropyInterval: number, seed = 1) =>
    dynamoSimulator(
      dynamoScenario({
        seed,
        nodes: 5,
        duration: 4000,
        dynamo: { r: 1, w: 1, readRepair: false, antiEntropyInterval },
        actions: [
          {
            at: 100,
            type: 'partition',
            groups: [
              ['S1', 'S2'],
              ['S3', 'S4', 'S5'],
            ],
          },
          ...['k1', 'k2', 'k3', 'k4'].flatMap((k, i) => [
            put(200 + i, 'S1', k, `left${i}`),
            put(300 + i, 'S4', k, `right${i}`),
          ]),
          { at: 1000, type: 'heal' },
        ],
      }),
    ).run();

  const diverged = (sim: ReturnType<typeof run>) =>
    ['k1', 'k2', 'k3', 'k4'].filter((k) => {
      const replicas = ringWalk(stateOf(sim, 'S1').ring, k).slice(0, 3);
      const names = replicas.map((id) => JSON.stringify(held(sim, id, k)));
      return names.some((x) => x !== names[0]);
    });

  it('after the partition heals, every replica of every key converges', () => {
    for (const seed of seeds(5)) {
      const sim = run(200, seed);
      expect(diverged(sim)).toEqual([]);
      expect(violations(sim)).toEqual([]);
    }
  });

  it('without it the replicas stay diverged', () => {
    expect(diverged(run(0)).length).toBeGreaterThan(0);
  });
});

describe('§4.1 durability', () => {
  it('a crashed and restarted replica keeps its data and its write counter', () => {
    const sim = dynamoSimulator(
      dynamoScenario({
        dynamo: { antiEntropyInterval: 0, readRepair: false },
        actions: [
          put(100, 'S1', 'k', 'a'),
          { at: 300, type: 'crash', node: 'S1' },
          { at: 400, type: 'restart', node: 'S1' },
        ],
      }),
    );
    sim.runUntil(299);
    const counter = stateOf(sim, 'S1').counter;
    sim.run();
    expect(held(sim, 'S1', 'k').map((v) => v.value)).toEqual(['a']);
    expect(stateOf(sim, 'S1').counter).toBe(counter);
  });
});
