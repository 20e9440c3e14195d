/**
 * Random fault schedules (crashes, restarts, partitions, heals) against a busy workload:
 * the store's invariants hold on every seed, and once the network heals, every node is back
 * and the workload stops, anti-entropy brings every replica of every key to the same versions.
 */
import { describe, expect, it } from 'vitest';
import { createStream, nextFloat, uniformInt } from '../../rng';
import { nodeIds } from '../../scenario';
import type { Action } from '../../types';
import { ringWalk } from './ring';
import { dynamoScenario, dynamoSimulator, held, stateOf, violations } from './testkit';
import type { DynamoConfig } from './types';

function faults(seed: number, nodes: number, end: number): ({ at: number } & Action)[] {
  const rng = createStream(seed, 'dynamo-faults');
  const ids = nodeIds(nodes);
  const pick = () => ids[uniformInt(rng, 0, ids.length - 1)]!;
  const out: ({ at: number } & Action)[] = [];
  for (let t = 200; t < end; t += uniformInt(rng, 100, 600)) {
    const r = nextFloat(rng);
    if (r < 0.25) out.push({ at: t, type: 'crash', node: pick() });
    else if (r < 0.5) out.push({ at: t, type: 'restart', node: pick() });
    else if (r < 0.75) {
      const cut = uniformInt(rng, 1, ids.length - 1);
      out.push({ at: t, type: 'partition', groups: [ids.slice(0, cut), ids.slice(cut)] });
    } else out.push({ at: t, type: 'heal' });
  }
  out.push({ at: end, type: 'heal' }, { at: end, type: 'workload', enabled: false });
  for (const id of ids) out.push({ at: end, type: 'restart', node: id });
  return out;
}

function diverged(sim: ReturnType<typeof dynamoSimulator>, keys: number, n: number): string[] {
  const ring = stateOf(sim, 'S1').ring;
  return Array.from({ length: keys }, (_, i) => `k${i + 1}`).filter((k) => {
    const names = ringWalk(ring, k)
      .slice(0, n)
      .map((id) => JSON.stringify(held(sim, id, k)));
    return names.some((x) => x !== names[0]);
  });
}

describe('random faults', () => {
  const configs: Partial<DynamoConfig>[] = [
    { versioning: 'lww' },
    { versioning: 'vector', r: 1, w: 1 },
    { versioning: 'lww', hintedHandoff: true, clockSkew: { S2: 200 } },
    { versioning: 'vector', hintedHandoff: true, readRepair: false },
  ];
  configs.forEach((dynamo, c) => {
    it(`keeps its invariants and converges (${JSON.stringify(dynamo)})`, () => {
      for (let seed = 1; seed <= 8; seed++) {
        const sim = dynamoSimulator(
          dynamoScenario({
            seed,
            nodes: 5,
            duration: 8000,
            dynamo: { ...dynamo, antiEntropyInterval: 300 },
            workload: { clients: 3, rate: 20, keys: 6 },
            actions: faults(seed * 10 + c, 5, 4000),
          }),
        ).run();
        expect(violations(sim), `seed ${seed}`).toEqual([]);
        expect(sim.state.stopped, `seed ${seed}`).toBeFalsy();
        expect(diverged(sim, 6, 3), `seed ${seed}`).toEqual([]);
      }
    });
  });
});
