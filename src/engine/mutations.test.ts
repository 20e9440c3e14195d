import { describe, expect, it } from 'vitest';
import { mutantsOf } from './mutations';
import { PAXOS_MUTANTS } from './protocols/paxos/mutants';
import { RAFT_MUTANTS } from './protocols/raft/mutants';
import { runScenario } from './run';
import { parseScenario, scenarioToJson } from './scenario';

const raft = { protocol: 'raft', nodes: 3, seed: 1, duration: 500 };

describe('the scenario field "mutations"', () => {
  it('lists every mutant of the issue, each with one sentence', () => {
    expect(RAFT_MUTANTS.map((m) => m.name)).toEqual([
      'no-election-restriction',
      'commit-previous-term-by-count',
      'forget-vote-on-restart',
      'forget-term-on-restart',
      'no-log-truncation',
      'vote-twice-per-term',
      'leader-steps-down-never',
    ]);
    expect(PAXOS_MUTANTS.map((m) => m.name)).toEqual([
      'accept-below-promise',
      'ignore-accepted-in-promise',
      'forget-promise-on-restart',
    ]);
    for (const m of [...RAFT_MUTANTS, ...PAXOS_MUTANTS]) {
      expect(m.description).toMatch(/^\w.+\.$/);
      expect(m.description).not.toMatch(/\.\s/); // one sentence
    }
    expect(mutantsOf('multi-paxos')).toBe(mutantsOf('paxos'));
    expect(mutantsOf('echo')).toEqual([]);
  });

  it('refuses an unknown name, naming the known ones', () => {
    const r = parseScenario({ ...raft, mutations: ['no-election-restriction', 'typo'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      `$.mutations[1]: unknown mutation "typo"; Raft's mutants are ${RAFT_MUTANTS.map((m) => m.name).join(', ')}`,
    ]);
  });

  it('refuses a mutation of another protocol, and a name listed twice', () => {
    const r = parseScenario({
      ...raft,
      mutations: ['accept-below-promise', 'vote-twice-per-term', 'vote-twice-per-term'],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatch(
      /^\$\.mutations\[0\]: unknown mutation "accept-below-promise" \(it is a mutant of paxos and multi-paxos\); Raft's mutants are /,
    );
    expect(r.errors[1]).toBe('$.mutations[2]: "vote-twice-per-term" is listed twice');
    const echo = parseScenario({ ...raft, protocol: 'echo', mutations: ['x'] });
    expect(echo.ok || echo.errors[0]).toBe(
      '$.mutations[0]: unknown mutation "x"; Echo has no mutants',
    );
  });

  it('survives export and marks the run line right after the seed', () => {
    const parsed = parseScenario({ ...raft, mutations: ['vote-twice-per-term'] });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const json = scenarioToJson(parsed.scenario);
    expect(json.mutations).toEqual(['vote-twice-per-term']);
    const again = parseScenario(json);
    expect(again.ok && again.scenario).toEqual(parsed.scenario);
    expect(Object.keys(runScenario(parsed.scenario)).slice(0, 3)).toEqual([
      'seed',
      'mutations',
      'endTime',
    ]);
  });

  it('leaves a scenario without mutants as it was: no field in the export or the run line', () => {
    const parsed = parseScenario({ ...raft, mutations: [] });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect('mutations' in scenarioToJson(parsed.scenario)).toBe(false);
    expect('mutations' in runScenario(parsed.scenario)).toBe(false);
  });
});
