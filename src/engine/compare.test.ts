/** A scenario run beside another protocol (`compare`, the CAP view): parsing and the twin. */
import { describe, expect, it } from 'vitest';
import { companionScenario, parseScenario, scenarioToJson } from './scenario';

const cap = {
  protocol: 'dynamo',
  compare: 'raft',
  nodes: 5,
  seed: 3,
  duration: 2000,
  dynamo: { n: 3, r: 1, w: 1 },
  raft: { heartbeatInterval: 40 },
  workload: { clients: 2 },
};

describe('compare', () => {
  it('validates both sections and makes the twin with the protocols swapped', () => {
    const r = parseScenario(cap);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.compare?.protocol).toBe('raft');
    const twin = companionScenario(r.scenario)!;
    expect(twin.protocol).toBe('raft');
    expect((twin.protocolConfig as { heartbeatInterval: number }).heartbeatInterval).toBe(40);
    expect(twin.compare?.protocol).toBe('dynamo');
    expect((twin.compare?.config as { r: number }).r).toBe(1);
    // The same schedule: seed, workload (sticky as the dynamo side has it), actions.
    expect(twin.seed).toBe(3);
    expect(twin.workload).toEqual(r.scenario.workload);
    expect(twin.workload.sticky).toBe(true);
  });

  it('round-trips through the JSON shape with both sections', () => {
    const r = parseScenario(cap);
    if (!r.ok) throw new Error(r.errors.join('; '));
    const json = scenarioToJson(r.scenario);
    expect(json.compare).toBe('raft');
    const again = parseScenario(json);
    expect(again.ok && again.scenario).toEqual(r.scenario);
  });

  it('names what is wrong with a compare', () => {
    const errors = (json: Record<string, unknown>) => {
      const r = parseScenario(JSON.parse(JSON.stringify({ ...cap, ...json })) as unknown);
      return r.ok ? [] : r.errors;
    };
    expect(errors({ compare: 'dynamo', raft: undefined })).toEqual([
      '$.compare: "dynamo" is the run\'s own protocol (name another one)',
    ]);
    // A section neither protocol reads is named, not ignored.
    expect(errors({ compare: undefined })).toEqual([
      '$.raft: a dynamo scenario does not read a "raft" section (remove it, or name its protocol in "compare")',
    ]);
    expect(errors({ compare: 'paxos', raft: undefined })).toEqual([
      '$.compare: Paxos takes no client requests, so there is nothing to compare',
    ]);
    expect(errors({ raft: { heartbeatInterval: -1 } })[0]).toMatch(/^\$\.raft\.heartbeatInterval/);
    expect(errors({ compare: 'zab' })[0]).toMatch(/^\$\.compare/);
  });
});
