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
      '$.actions[0].type',
    ],
    ['missing node in action', { actions: [{ at: 1, type: 'crash' }] }, '$.actions[0].node'],
    ['unknown node', { actions: [{ at: 1, type: 'crash', node: 'S9' }] }, '$.actions[0].node'],
    [
      'pause without duration',
      { actions: [{ at: 1, type: 'pause', node: 'S1' }] },
      '$.actions[0].duration',
    ],
    [
      'node in two partition groups',
      { actions: [{ at: 1, type: 'partition', groups: [['S1'], ['S1', 'S2']] }] },
      '$.actions[0].groups[1][0]',
    ],
    [
      'put without value',
      { actions: [{ at: 1, type: 'request', node: 'S1', op: { type: 'put', key: 'a' } }] },
      '$.actions[0].op.value',
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

/** The errors of a scenario that must not parse. */
function errorsOf(r: ReturnType<typeof parseScenario>): string[] {
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.errors;
}

const small = { protocol: 'raft', nodes: 3, seed: 1, duration: 1000 };

describe('scenario input limits (issue 16, item 7)', () => {
  it('refuses a number JSON reads as Infinity (1e999), with its path, in any section', () => {
    const text = (patch: string) => JSON.stringify(small).replace(/}$/, `,${patch}}`);
    expect(errorsOf(parseScenarioText(text('"workload":{"rate":1e999}')))).toEqual([
      '$.workload.rate: not a finite number (JSON reads a number as large as 1e999 as Infinity)',
    ]);
    expect(errorsOf(parseScenarioText(text('"raft":{"heartbeatInterval":1e999}')))[0]).toMatch(
      /^\$\.raft\.heartbeatInterval: not a finite number/,
    );
    // Every protocol's section is held to it, whatever its own schema says.
    const paxos = JSON.stringify({ ...small, protocol: 'paxos' }).replace(
      /}$/,
      ',"paxos":{"retryTimeout":{"min":10,"max":-1e999}}}',
    );
    expect(errorsOf(parseScenarioText(paxos))[0]).toMatch(
      /^\$\.paxos\.retryTimeout\.max: not a finite number/,
    );
  });

  it.each([
    ['network', { network: [] }, '$.network'],
    ['workload', { workload: [] }, '$.workload'],
    ['raft', { raft: [] }, '$.raft'],
    ['a latency range', { network: { latency: [10, 15] } }, '$.network.latency'],
    ['a Raft timer range', { raft: { electionTimeout: [] } }, '$.raft.electionTimeout'],
    ['a Paxos record', { protocol: 'paxos', paxos: { values: [] } }, '$.paxos.values'],
    ['the document', null, '$'],
  ])('refuses a list where %s must be an object', (_label, patch, path) => {
    const input = patch === null ? [small] : { ...small, ...patch };
    const errors = errorsOf(parseScenario(input));
    expect(errors.some((e) => e.startsWith(`${path}: expected`) && e.endsWith('got a list'))).toBe(
      true,
    );
  });

  it('accepts a file that starts with a UTF-8 byte-order mark', () => {
    const text = JSON.stringify(issueExample);
    expect(parseScenarioText(`\uFEFF${text}`)).toEqual(parseScenarioText(text));
  });

  it('refuses text over 1 MB before parsing it', () => {
    const huge = JSON.stringify({ ...small, description: 'x'.repeat(2_000_000) });
    expect(errorsOf(parseScenarioText(huge))).toEqual([
      '$: the scenario is more than 1000000 bytes long; at most 1000000 bytes are read',
    ]);
    // Counted in UTF-8 bytes, as on disk: 400 000 three-byte characters are 1.2 MB.
    const wide = JSON.stringify({ ...small, description: '✓'.repeat(400_000) });
    expect(errorsOf(parseScenarioText(wide))[0]).toMatch(/^\$: the scenario is more than 1000000/);
    expect(parseScenarioText(JSON.stringify({ ...small, description: '✓'.repeat(9000) })).ok).toBe(
      true,
    );
  });

  it('refuses more than 10 000 actions, and any list or object that long', () => {
    const heal = { at: 1, type: 'heal' };
    expect(parseScenario({ ...small, actions: Array(10_000).fill(heal) }).ok).toBe(true);
    expect(errorsOf(parseScenario({ ...small, actions: Array(10_001).fill(heal) }))).toEqual([
      '$.actions: a list of 10001 items; at most 10000 are allowed in one list',
    ]);
    const keys = Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`k${i}`, 1]));
    expect(errorsOf(parseScenario({ ...small, extra: keys }))[0]).toMatch(
      /^\$\.extra: an object of 10001 keys/,
    );
  });

  it('limits the length of names, descriptions, keys, values and any other text', () => {
    const request = (op: object) => ({
      ...small,
      actions: [{ at: 1, type: 'request', node: 'S1', op }],
    });
    expect(errorsOf(parseScenario({ ...small, name: 'n'.repeat(201) }))).toEqual([
      '$.name: text of 201 characters; at most 200 are allowed',
    ]);
    expect(parseScenario({ ...small, description: 'd'.repeat(10_000) }).ok).toBe(true);
    expect(errorsOf(parseScenario({ ...small, description: 'd'.repeat(10_001) }))).toEqual([
      '$.description: text of 10001 characters; at most 10000 are allowed',
    ]);
    expect(errorsOf(parseScenario(request({ type: 'get', key: 'k'.repeat(257) })))).toEqual([
      '$.actions[0].op.key: must be at most 256 characters long, got 257',
    ]);
    expect(
      errorsOf(parseScenario(request({ type: 'put', key: 'k', value: 'v'.repeat(1001) }))),
    ).toEqual(['$.actions[0].op.value: text of 1001 characters; at most 1000 are allowed']);
    expect(errorsOf(parseScenario({ ...small, ['p'.repeat(1001)]: 1 }))[0]).toMatch(
      /^\$: a property name of 1001 characters/,
    );
  });

  it('refuses deep nesting without recursing into it', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(errorsOf(parseScenarioText(deep))[0]).toMatch(/nested more than 16 levels deep$/);
  });

  it('refuses a run that asks for too much work, naming the numbers', () => {
    const busy = { ...small, nodes: 15, duration: 3_600_000, workload: { clients: 100, rate: 10 } };
    expect(errorsOf(parseScenario(busy))).toEqual([
      '$.workload: the run asks for too much work: 15 nodes × 100 clients × 10 requests/s × 3600 s' +
        ' = 54000000, more than the 1000000 a run may ask for (lower the nodes, clients, rate or duration)',
    ]);
    // A workload action's rate counts too.
    const later = {
      ...small,
      duration: 600_000,
      workload: { clients: 10, rate: 1 },
      actions: [{ at: 1000, type: 'workload', enabled: true, rate: 1000 }],
    };
    expect(errorsOf(parseScenario(later))[0]).toMatch(/10 clients × 1000 requests\/s × 600 s/);
    // The lab's default (five servers, an hour, two clients at 2/s) is far below.
    expect(
      parseScenario({ ...small, nodes: 5, duration: 3_600_000, workload: { clients: 3, rate: 10 } })
        .ok,
    ).toBe(true);
  });

  it('refuses timers and latencies of 0 that would keep a run at one instant', () => {
    const zero = { min: 0, max: 0 };
    expect(errorsOf(parseScenario({ ...small, raft: { electionTimeout: zero } }))).toEqual([
      '$.raft.electionTimeout.min: must be at least 1, got 0',
      '$.raft.electionTimeout.max: must be at least 1, got 0',
    ]);
    expect(errorsOf(parseScenario({ ...small, network: { latency: zero } }))).toEqual([
      '$.network.latency.max: must be greater than 0, got 0',
    ]);
    expect(errorsOf(parseScenario({ ...small, network: { clientLatency: zero } }))[0]).toBe(
      '$.network.clientLatency.max: must be greater than 0, got 0',
    );
    const link = { from: 'S1', to: 'S2', latency: zero };
    expect(errorsOf(parseScenario({ ...small, network: { links: [link] } }))[0]).toBe(
      '$.network.links[0].latency.max: must be greater than 0, got 0',
    );
    // A minimum of 0 with a positive maximum is fine: time still advances.
    expect(parseScenario({ ...small, network: { latency: { min: 0, max: 5 } } }).ok).toBe(true);
  });

  it('lists at most 20 errors, then how many more', () => {
    const bad = { ...small, actions: Array(2000).fill({ at: -1, type: 'heal' }) };
    const errors = errorsOf(parseScenario(bad));
    expect(errors).toHaveLength(21);
    expect(errors[0]).toBe('$.actions[0].at: must be at least 0, got -1');
    expect(errors[20]).toBe('… and 1980 more problems');
  });

  it('says what is wrong in plain words, not in the schema library’s', () => {
    expect(errorsOf(parseScenario({ protocol: 'raft', nodes: 3, seed: 1 }))).toEqual([
      '$.duration: required, a number of ms from 1 to 3600000',
    ]);
    const errors = errorsOf(
      parseScenario({
        protocol: 'zab',
        nodes: 'five',
        seed: 2.5,
        network: { latency: { min: 5 } },
        actions: [{ at: 1, type: 'explode' }, 5, { at: 1, type: 'crash' }],
        raft: { heartbeatInterval: 'often' },
      }),
    );
    expect(errors).toEqual([
      '$.protocol: must be one of "raft", "paxos", "multi-paxos", "dynamo", "loadbalancer", "echo", got "zab"',
      '$.nodes: expected a whole number from 1 to 15, got "five"',
      '$.seed: must be a whole number, got 2.5',
      '$.duration: required, a number of ms from 1 to 3600000',
      '$.network.latency.max: required, a number of ms greater than 0',
      '$.actions[0].type: must be one of "crash", "restart", "pause", "timeout", "partition",' +
        ' "cut", "link", "heal", "request", "drop", "workload", "speed", …, got "explode"',
      '$.actions[1]: expected an object with a "type", got 5',
      '$.actions[2].node: required, non-empty text',
    ]);
    for (const e of errors) expect(e).not.toMatch(/Invalid|Expected|received/);
  });
});

describe('a protocol that shares another’s section', () => {
  it('Multi-Paxos reads, checks and exports the `paxos` section', () => {
    const r = parseScenario({
      ...small,
      protocol: 'multi-paxos',
      paxos: { heartbeatInterval: 30 },
    });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect((r.scenario.protocolConfig as { heartbeatInterval: number }).heartbeatInterval).toBe(30);
    const json = scenarioToJson(r.scenario);
    expect(json.paxos).toEqual(r.scenario.protocolConfig);
    expect('multi-paxos' in json).toBe(false);
    expect(parseScenario(json)).toEqual(r);
    expect(errorsOf(parseScenario({ ...small, protocol: 'multi-paxos', paxos: [] }))).toEqual([
      '$.paxos: expected an object of paxos settings, got a list',
    ]);
    expect(
      errorsOf(
        parseScenario({ ...small, protocol: 'multi-paxos', paxos: { heartbeatInterval: 0 } }),
      ),
    ).toEqual(['$.paxos.heartbeatInterval: must be positive (got 0)']);
  });
});

describe('unknown fields', () => {
  const base = { protocol: 'raft', nodes: 3, seed: 1, duration: 1000 };
  const errorsOf = (json: Record<string, unknown>) => {
    const r = parseScenario({ ...base, ...json });
    return r.ok ? [] : r.errors;
  };

  it('are errors naming the field, in sections, nested objects and actions alike', () => {
    expect(errorsOf({ raft: { prevote: true } })).toEqual([
      '$.raft.prevote: unknown field (did you mean "preVote"?)',
    ]);
    expect(errorsOf({ seeds: 3 })[0]).toMatch(/^\$\.seeds: unknown field \(expected one of name, /);
    expect(errorsOf({ network: { latency: { min: 1, max: 2, mean: 1 } } })).toEqual([
      '$.network.latency.mean: unknown field (expected one of min, max)',
    ]);
    expect(errorsOf({ actions: [{ at: 1, type: 'crash', node: 'S1', nodes: 2 }] })).toEqual([
      '$.actions[0].nodes: unknown field (expected one of at, type, node)',
    ]);
  });

  it('a section the run does not read is named too', () => {
    expect(errorsOf({ paxos: {} })).toEqual([
      '$.paxos: a raft scenario does not read a "paxos" section (remove it, or name its protocol in "compare")',
    ]);
  });
});
