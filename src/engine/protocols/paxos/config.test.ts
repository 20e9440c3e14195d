/** The `paxos` scenario section: defaults filled by the schema, semantic errors with paths. */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { checkPaxosConfig, DEFAULT_PAXOS_CONFIG, paxosConfigSchema } from './config';
import type { PaxosConfig } from './config';

const nodes = ['S1', 'S2', 'S3'];
const parse = (input: unknown) => v.parse(paxosConfigSchema, input);
const check = (c: Partial<PaxosConfig>) =>
  checkPaxosConfig({ ...DEFAULT_PAXOS_CONFIG, ...c }, { path: '$.paxos', nodes });

describe('the paxos section', () => {
  it('an absent section or absent fields take every default', () => {
    const defaults = {
      proposers: null,
      values: {},
      retryTimeout: { min: 150, max: 300 },
      backoff: 'randomized',
      leaderTimeout: { min: 150, max: 300 },
      heartbeatInterval: 50,
    };
    expect(parse(undefined)).toEqual(defaults);
    expect(parse({})).toEqual(defaults);
    expect(parse({ backoff: 'none', proposers: ['S2'] })).toEqual({
      ...defaults,
      backoff: 'none',
      proposers: ['S2'],
    });
    // Defaults are fresh objects: filling one section does not alias another.
    expect(parse({}).retryTimeout).not.toBe(parse({}).retryTimeout);
  });

  it('the schema rejects wrong shapes', () => {
    expect(v.safeParse(paxosConfigSchema, { backoff: 'exponential' }).success).toBe(false);
    expect(v.safeParse(paxosConfigSchema, { values: { S1: 3 } }).success).toBe(false);
    expect(v.safeParse(paxosConfigSchema, { retryTimeout: { min: 1 } }).success).toBe(false);
  });

  it('semantic errors carry their JSON path', () => {
    expect(check({ proposers: ['S1', 'S9', 'S1'] })).toEqual([
      '$.paxos.proposers[1]: unknown node "S9" (expected S1…S3)',
      '$.paxos.proposers[2]: "S1" is listed twice',
    ]);
    expect(check({ proposers: [] })).toEqual(['$.paxos.proposers: no node may propose']);
    expect(check({ values: { S2: 'x', S7: 'y' } })).toEqual([
      '$.paxos.values.S7: unknown node "S7" (expected S1…S3)',
    ]);
    expect(check({ retryTimeout: { min: 300, max: 100 } })).toEqual([
      '$.paxos.retryTimeout: min (300) is greater than max (100)',
    ]);
    expect(check({ leaderTimeout: { min: 0, max: -5 }, heartbeatInterval: 0 })).toEqual([
      '$.paxos.leaderTimeout.min: must be positive (got 0)',
      '$.paxos.leaderTimeout.max: must be positive (got -5)',
      '$.paxos.leaderTimeout: min (0) is greater than max (-5)',
      '$.paxos.heartbeatInterval: must be positive (got 0)',
    ]);
    expect(check({})).toEqual([]);
  });
});
