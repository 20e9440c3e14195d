/** Reads without log entries (dissertation §6.4): readIndex, the lease, and clock drift. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkKvHistory } from '../../check/linearizability';
import { createSimulator } from '../../create';
import { parseScenario, parseScenarioText } from '../../scenario';
import type { Scenario } from '../../scenario';
import type { RaftState } from './types';

function run(raft: object, seed = 1) {
  const parsed = parseScenario({
    protocol: 'raft',
    nodes: 5,
    seed,
    duration: 4000,
    raft,
    workload: { clients: 3, rate: 20, keys: 2, readRatio: 0.7 },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return createSimulator(parsed.scenario).run();
}

const loggedGets = (sim: ReturnType<typeof run>) => {
  const leader = sim.state.nodes.find((n) => (n.state as RaftState).role === 'leader')!;
  return (leader.state as RaftState).log.filter((e) => e.command?.op.type === 'get').length;
};

describe('§6.4 reads', () => {
  it('readIndex and lease answer gets without log entries, and stay linearizable', () => {
    for (const raft of [{ reads: 'readIndex' }, { reads: 'lease', checkQuorum: true }]) {
      for (let seed = 1; seed <= 10; seed++) {
        const sim = run(raft, seed);
        const gets = sim.state.clientOps.filter((o) => o.op === 'get' && o.ok);
        expect(gets.length, JSON.stringify(raft)).toBeGreaterThan(50);
        // Only gets that came before the leader committed its no-op went through the log.
        expect(loggedGets(sim)).toBeLessThanOrEqual(3);
        expect(checkKvHistory(sim.state.clientOps).ok).toBe(true);
      }
    }
    // The log mode logs them (so the count above is a real difference).
    expect(loggedGets(run({}))).toBeGreaterThan(50);
  });

  it('a lease read is faster than a readIndex read (no heartbeat round to wait for)', () => {
    const median = (raft: object) => {
      const l = run(raft)
        .state.clientOps.filter((o) => o.op === 'get' && o.ok)
        .map((o) => o.completedAt! - o.invokedAt)
        .sort((a, b) => a - b);
      return l[l.length >> 1]!;
    };
    expect(median({ reads: 'lease', checkQuorum: true })).toBeLessThan(
      median({ reads: 'readIndex' }),
    );
  });

  it('says in plain words that a lease needs CheckQuorum, and names an unknown node', () => {
    const errors = (raft: object) => {
      const r = parseScenario({ protocol: 'raft', nodes: 3, seed: 1, duration: 10, raft });
      return r.ok ? [] : r.errors;
    };
    expect(errors({ reads: 'lease' })).toEqual([
      '$.raft.reads: "lease" needs "checkQuorum": true, whose followers keep the lease',
    ]);
    expect(errors({ clockDrift: { S9: 0.1 } })).toEqual([
      '$.raft.clockDrift.S9: unknown node "S9" (expected S1…S3)',
    ]);
  });
});

describe('raft-lease-read-clock-drift (shipped)', () => {
  const shipped = (): Scenario => {
    const p = parseScenarioText(
      readFileSync('public/scenarios/raft-lease-read-clock-drift.json', 'utf8'),
    );
    if (!p.ok) throw new Error(p.errors.join('\n'));
    return p.scenario;
  };
  const withConfig = (s: Scenario, patch: object): Scenario => ({
    ...s,
    protocolConfig: { ...(s.protocolConfig as object), ...patch },
  });
  const userOps = (s: Scenario) =>
    createSimulator(s)
      .run()
      .state.clientOps.filter((o) => o.client.startsWith('user'));

  it('the slow-clocked old leader answers a stale x = 1 and the checker catches it', () => {
    const sim = createSimulator(shipped()).run();
    const leaders = sim.state.leaders.map((l) => [l.node, l.epoch]);
    expect(leaders.slice(1)).toEqual([
      ['S3', 2],
      [expect.any(String), 3],
    ]);
    const [put1, put2, get] = sim.state.clientOps;
    expect(put1).toMatchObject({ op: 'put', value: '1', ok: true });
    expect(put2).toMatchObject({ op: 'put', value: '2', ok: true });
    expect(put2!.completedAt!).toBeLessThan(get!.invokedAt);
    expect(get).toMatchObject({ op: 'get', ok: true, result: '1' });
    expect(checkKvHistory(sim.state.clientOps).ok).toBe(false);
  });

  it('with a correct clock S3 refuses; with readIndex the read never answers stale', () => {
    const fair = userOps(withConfig(shipped(), { clockDrift: {} }));
    expect(fair[2]).toMatchObject({ op: 'get', ok: false });
    expect(checkKvHistory(fair).ok).toBe(true);
    const indexed = userOps(withConfig(shipped(), { reads: 'readIndex' }));
    expect(indexed[2]!.ok).toBe(false);
    expect(checkKvHistory(indexed).ok).toBe(true);
  });
});
