import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario';
import { DEFAULT_DYNAMO_CONFIG } from './config';

function errors(dynamo: unknown, nodes = 3): string[] {
  const r = parseScenario({ protocol: 'dynamo', nodes, seed: 1, duration: 1000, dynamo });
  return r.ok ? [] : r.errors;
}

describe('the dynamo section', () => {
  it('fills every default', () => {
    expect(DEFAULT_DYNAMO_CONFIG).toEqual({
      n: 3,
      r: 2,
      w: 2,
      versioning: 'lww',
      readRepair: true,
      hintedHandoff: false,
      antiEntropyInterval: 1000,
      vnodes: 8,
      clockSkew: {},
    });
    const r = parseScenario({ protocol: 'dynamo', nodes: 3, seed: 1, duration: 1000 });
    expect(r.ok && r.scenario.protocolConfig).toEqual(DEFAULT_DYNAMO_CONFIG);
  });

  it('accepts the documented example', () => {
    expect(
      errors({
        n: 3,
        r: 2,
        w: 2,
        versioning: 'vector',
        readRepair: true,
        hintedHandoff: false,
        antiEntropyInterval: 1000,
        vnodes: 8,
        clockSkew: { S2: 200 },
      }),
    ).toEqual([]);
  });

  it('says what is wrong, with paths', () => {
    expect(errors({ n: 3, r: 4, w: 5 })).toEqual([
      '$.dynamo.r: R (4) is more than N (3)',
      '$.dynamo.w: W (5) is more than N (3)',
    ]);
    expect(errors({ n: 4 })).toEqual(['$.dynamo.n: N (4) is more than the 3 nodes of the cluster']);
    expect(errors({ clockSkew: { S2: -5, S9: 10 } })).toEqual([
      '$.dynamo.clockSkew.S2: a clock skew is at least 0 ms (got -5)',
      '$.dynamo.clockSkew.S9: unknown node "S9" (expected S1…S3)',
    ]);
    expect(errors({ versioning: 'crdt' })[0]).toMatch(/^\$\.dynamo\.versioning/);
    expect(errors({ r: 0 })[0]).toMatch(/^\$\.dynamo\.r/);
  });
});
