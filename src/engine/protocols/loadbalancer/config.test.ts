import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario';
import { DEFAULT_LB_CONFIG } from './config';

const errorsOf = (fields: Record<string, unknown>) => {
  const r = parseScenario({
    protocol: 'loadbalancer',
    nodes: 3,
    seed: 1,
    duration: 1000,
    ...fields,
  });
  return r.ok ? [] : r.errors;
};

describe('the loadbalancer and load sections', () => {
  it('fill every default', () => {
    const r = parseScenario({ protocol: 'loadbalancer', nodes: 2, seed: 1, duration: 1000 });
    expect(r.ok && r.scenario.protocolConfig).toEqual(DEFAULT_LB_CONFIG);
    expect(DEFAULT_LB_CONFIG).toMatchObject({
      strategy: 'round-robin',
      workers: 1,
      queue: null,
      service: { distribution: 'exponential', mean: 10, sigma: null },
      healthCheck: null,
      dnsTtl: 30_000,
      retries: 0,
      timeout: 1000,
    });
    expect(r.ok && r.scenario.load).toEqual({
      model: 'open',
      rate: 50,
      phases: [],
      clients: 10,
      keys: 1000,
    });
  });

  it('name the path of each problem', () => {
    expect(
      errorsOf({
        loadbalancer: {
          strategy: 'fastest',
          weights: { S9: 2 },
          speeds: { S2: 0.5, X: 1 },
          service: { distribution: 'uniform', mean: 10, sigma: 8 },
          healthCheck: { interval: 0 },
        },
      }),
    ).toEqual([
      expect.stringMatching(/^\$\.loadbalancer\.strategy: .*"round-robin".*got "fastest"/),
      expect.stringMatching(/^\$\.loadbalancer\.healthCheck\.interval: /),
    ]);
    expect(
      errorsOf({
        loadbalancer: {
          weights: { S9: 2 },
          speeds: { S2: 0.5, X: 1 },
          service: { distribution: 'uniform', mean: 10, sigma: 8 },
        },
      }),
    ).toEqual([
      '$.loadbalancer.weights.S9: unknown node "S9" (expected S1…S3)',
      '$.loadbalancer.speeds.X: unknown node "X" (expected S1…S3)',
      expect.stringMatching(
        /^\$\.loadbalancer\.service\.sigma: a uniform service time of mean 10 ms has sigma at most/,
      ),
    ]);
    expect(
      errorsOf({
        loadbalancer: { strategy: 'weighted-round-robin', weights: { S1: 0, S2: 0, S3: 0 } },
      }),
    ).toEqual(['$.loadbalancer.weights: every weight is 0, so no backend would get a request']);
  });

  it('check the load, the speed action, and that only a balancer takes a load', () => {
    expect(
      errorsOf({
        load: {
          model: 'open',
          phases: [
            { at: 500, rate: 1 },
            { at: 200, rate: 2 },
          ],
        },
      }),
    ).toEqual(['$.load.phases[1].at: phases go in time order (200 ms is not after 500 ms)']);
    expect(errorsOf({ load: { model: 'closed', users: 0 } })).toEqual([
      expect.stringMatching(/^\$\.load\.users: /),
    ]);
    expect(errorsOf({ load: { model: 'open', rate: 100_000 }, duration: 60_000 })).toEqual([
      expect.stringMatching(/^\$\.load: the run asks for too much work: about 6000000 requests/),
    ]);
    expect(errorsOf({ actions: [{ at: 1, type: 'speed', node: 'S7', factor: 2 }] })).toEqual([
      '$.actions[0].node: unknown node "S7" (expected S1…S3 or "leader")',
    ]);
    expect(errorsOf({ actions: [{ at: 1, type: 'speed', node: 'S1', factor: 0 }] })).toEqual([
      expect.stringMatching(/^\$\.actions\[0\]\.factor: /),
    ]);
    expect(errorsOf({ protocol: 'raft', load: { model: 'open' } })).toEqual([
      '$.load: Raft takes no load (only a protocol with a balancer does); use "workload"',
    ]);
  });
});
