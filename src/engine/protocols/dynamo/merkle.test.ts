import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../create';
import { scenarioOf } from '../../testing/scenarios';
import { bucketOf, buildTree, compareLevel, MERKLE_DEPTH } from './merkle';

const tree = (entries: [string, number][]) => buildTree(new Map(entries));

describe('Merkle trees (§4.7)', () => {
  it('agree at the root on the same keys and digests, in any order; empty is 0', () => {
    const a = tree([
      ['k1', 11],
      ['k2', 22],
    ]);
    const b = tree([
      ['k2', 22],
      ['k1', 11],
    ]);
    expect(a).toEqual(b);
    expect(a).toHaveLength(MERKLE_DEPTH + 1);
    expect(a[MERKLE_DEPTH]).toHaveLength(2 ** MERKLE_DEPTH);
    expect(tree([])[0]).toEqual([0]);
  });

  it('a descent from the root finds exactly the leaf of the key that differs', () => {
    const keys: [string, number][] = Array.from({ length: 40 }, (_, i) => [`k${i}`, i]);
    const mine = tree(keys);
    const theirs = tree(keys.map(([k, d]) => [k, k === 'k17' ? 999 : d]));
    let level = 0;
    let step = compareLevel(mine, 0, { 0: theirs[0]![0]! });
    while (level < MERKLE_DEPTH && step.differ.length > 0) {
      // The other side answers with its own hashes of the children that differ.
      const hashes = Object.fromEntries(
        Object.keys(step.children).map((i) => [i, theirs[level + 1]![Number(i)]!]),
      );
      level++;
      step = compareLevel(mine, level, hashes);
    }
    expect(level).toBe(MERKLE_DEPTH);
    expect(step.differ).toEqual([bucketOf('k17')]);
  });

  it('in a quiet, agreeing store an exchange is one message, the root', () => {
    const sim = createSimulator(
      scenarioOf({
        protocol: 'dynamo',
        nodes: 3,
        duration: 6000,
        dynamo: { antiEntropyInterval: 500 },
        workload: { clients: 2, rate: 10, keys: 20 },
        actions: [{ at: 2000, type: 'workload', enabled: false }],
      }),
      { trace: true },
    ).run();
    // Long after the writes stopped (and read repair, anti-entropy, settled them).
    const late = sim.state.trace.filter((e) => e.kind === 'send' && e.time > 4000);
    const kinds = new Set(late.map((e) => e.msgKind));
    expect(kinds).toEqual(new Set(['merkle']));
    // One root per exchange: three nodes, one exchange each per 500 ms, over 2 s (a descent
    // would add four messages, and a key exchange three more, per exchange).
    expect(late.length).toBeGreaterThanOrEqual(9);
    expect(late.length).toBeLessThanOrEqual(15);
  });
});
