import { describe, expect, it } from 'vitest';
import { parseScenario, parseScenarioText, scenarioToJson } from './scenario';

const issueExample = {
  protocol: 'raft',
  nodes: 5,
  seed: 1,
  duration: 10000,
  network: { latency: { min: 10, max: 15 }, loss: 0, duplicate: 0 },
  raft: { electionTimeout: { min: 150, max: 300 }, heartbeatInterval: 50 },
  workload: { clients: 2, rate: 10, keys: 4, readRatio: 0.5 },
  actions: [{ at: 3000, type: 'crash', node: 'leader' }],
};

describe('scenario format', () => {
  it('accepts the documented example and fills defaults', () => {
    const r = parseScenario(issueExample);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.nodes).toBe(5);
    expect(r.scenario.network.clientLatency).toEqual({ min: 10, max: 15 });
    expect(r.scenario.workload.requestTimeout).toBe(500);
    expect(r.scenario.actions).toEqual([{ at: 3000, action: { type: 'crash', node: 'leader' } }]);
  });

  it('accepts every action type', () => {
    const actions = [
      { at: 1, type: 'crash', node: 'S1' },
      { at: 2, type: 'restart', node: 'S1' },
      { at: 3, type: 'pause', node: 'S2', duration: 100 },
      { at: 4, type: 'timeout', node: 'leader' },
      { at: 5, type: 'partition', groups: [['S1', 'S2'], ['S3']] },
      { at: 6, type: 'cut', from: 'S1', to: 'S3' },
      { at: 7, type: 'heal' },
      { at: 8, type: 'request', node: 'leader', op: { type: 'put', key: 'a', value: '1' } },
      { at: 9, type: 'request', node: 'S2', op: { type: 'get', key: 'a' } },
    ];
    const r = parseScenario({ ...issueExample, nodes: 3, actions });
    expect(r.ok).toBe(true);
  });

  it('round-trips through its JSON form', () => {
    const r = parseScenario(issueExample);
    if (!r.ok) throw new Error('example must parse');
    const again = parseScenario(scenarioToJson(r.scenario));
    expect(again).toEqual(r);
  });

  it.each([
    ['wrong protocol', { protocol: 'zab' }, '$.protocol'],
    ['nodes not a number', { nodes: 'five' }, '$.nodes'],
    ['nodes fractional', { nodes: 2.5 }, '$.nodes'],
    ['negative seed', { seed: -1 }, '$.seed'],
    ['loss above 1', { network: { loss: 1.5 } }, '$.network.loss'],
    ['latency min > max', { network: { latency: { min: 20, max: 10 } } }, '$.network.latency'],
    [
      'unknown action type',
      { actions: [{ at: 1, type: 'explode', node: 'S1' }] },
      '$.actions.0.type',
    ],
    ['missing node in action', { actions: [{ at: 1, type: 'crash' }] }, '$.actions.0.node'],
    ['unknown node', { actions: [{ at: 1, type: 'crash', node: 'S9' }] }, '$.actions[0].node'],
    [
      'pause without duration',
      { actions: [{ at: 1, type: 'pause', node: 'S1' }] },
      '$.actions.0.duration',
    ],
    [
      'node in two partition groups',
      { actions: [{ at: 1, type: 'partition', groups: [['S1'], ['S1', 'S2']] }] },
      '$.actions[0].groups[1][0]',
    ],
    [
      'put without value',
      { actions: [{ at: 1, type: 'request', node: 'S1', op: { type: 'put', key: 'a' } }] },
      '$.actions.0.op.value',
    ],
  ])('rejects %s, naming the JSON path', (_label, patch, path) => {
    const r = parseScenario({ ...issueExample, ...patch });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.some((e) => e.startsWith(`${path}:`))).toBe(true);
  });

  it('lists every error, not just the first', () => {
    const r = parseScenario({ ...issueExample, nodes: 0, seed: 'x', duration: -5 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.filter((e) => /^\$\.(nodes|seed|duration):/.test(e))).toHaveLength(3);
  });

  it('reports text that is not JSON without throwing', () => {
    const r = parseScenarioText('{ "protocol": ');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatch(/^\$: not valid JSON/);
  });

  it('rejects a document that is not an object', () => {
    const r = parseScenario([1, 2, 3]);
    expect(r.ok).toBe(false);
  });
});
