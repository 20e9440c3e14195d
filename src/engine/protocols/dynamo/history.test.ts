/** Keys are data, state is plain data, and keyframes replay the same run. */
import { describe, expect, it } from 'vitest';
import { RunHistory } from '../../history/history';
import { stateHash } from '../../history/hash';
import { runScenario } from '../../run';
import { dynamoScenario, get, put } from './testkit';

const TRICKY = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];

const tricky = (versioning: 'lww' | 'vector') =>
  dynamoScenario({
    duration: 4000,
    dynamo: { versioning, hintedHandoff: true },
    workload: { clients: 2, rate: 10 },
    actions: [
      ...TRICKY.flatMap((key, i) => [
        get(1000 + i * 200, 'S1', key),
        put(1050 + i * 200, 'S2', key, `v-${key}`),
        get(1150 + i * 200, 'S3', key),
      ]),
      { at: 2500, type: 'crash', node: 'S2' },
      { at: 3000, type: 'restart', node: 'S2' },
    ],
  });

describe.each(['lww', 'vector'] as const)('dynamo (%s): plain data', (versioning) => {
  it('get constructor finds nothing; put __proto__ is stored and read back', () => {
    const result = runScenario(tricky(versioning));
    const ops = result.clientOps.filter((o) => o.client.startsWith('user'));
    TRICKY.forEach((key, i) => {
      const [before, write, after] = ops.slice(i * 3, i * 3 + 3);
      expect(before).toMatchObject({ op: 'get', key, ok: true, result: null });
      expect(write).toMatchObject({ op: 'put', key, ok: true });
      expect(after).toMatchObject({ op: 'get', key, ok: true, result: `v-${key}` });
    });
    expect(() => structuredClone(result)).not.toThrow();
    expect(result.violations).toEqual([]);
  });

  it('the run history replays the same state from its keyframes', () => {
    const h = new RunHistory(tricky(versioning), { keyframeEvery: 50 });
    h.advanceTo(4000);
    const end = stateHash(h.sim);
    const nodes = structuredClone(h.sim.state.nodes);
    h.seekTime(1200);
    h.seekTime(2700);
    h.seekTime(4000);
    expect(stateHash(h.sim)).toBe(end);
    expect(h.sim.state.nodes).toEqual(nodes);
  });
});
