/**
 * PreVote (dissertation §9.6) and CheckQuorum with the leader lease (§6.2, §4.2.3): the
 * liveness gaps of the paper's §5 Raft they close, over 100 seeds each, and the two shipped
 * scenarios that tell their stories. A "deaf" server can send but not receive.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkKvHistory } from '../../check/linearizability';
import { createSimulator } from '../../create';
import { parseScenario, parseScenarioText } from '../../scenario';
import type { Scenario } from '../../scenario';
import type { Simulator } from '../../simulator';
import type { Action } from '../../types';
import type { RaftState } from './types';

const IDS = ['S1', 'S2', 'S3', 'S4', 'S5'];
const FAULT = { from: 1000, to: 4000 };
const BOTH = { preVote: true, checkQuorum: true };

function scenario(seed: number, raft: object, actions: ({ at: number } & Action)[] = []) {
  const parsed = parseScenario({
    protocol: 'raft',
    nodes: 5,
    seed,
    duration: 6000,
    raft,
    workload: { clients: 2, rate: 10, requestTimeout: 200, opTimeout: 1000 },
    actions,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.scenario;
}

/** The leader when the fault begins (the same run up to then). */
function leaderAt(s: Scenario): string {
  const sim = createSimulator(s);
  sim.runUntil(FAULT.from);
  return sim.currentLeader()!;
}

/** Every link into `node` cut during the fault. */
function deafen(node: string): ({ at: number } & Action)[] {
  return [
    ...IDS.filter((o) => o !== node).map((o) => ({
      at: FAULT.from,
      type: 'cut' as const,
      from: o,
      to: node,
    })),
    { at: FAULT.to, type: 'heal' as const },
  ];
}

const terms = (sim: Simulator) => sim.state.nodes.map((n) => (n.state as RaftState).currentTerm);
const elections = (sim: Simulator) => sim.state.leaders.filter((l) => l.time > FAULT.from);
const okDuring = (sim: Simulator) =>
  sim.state.clientOps.filter(
    (o) => o.ok && o.completedAt! > FAULT.from + 600 && o.completedAt! < FAULT.to,
  ).length;

function over100(raft: object, fault: (leader: string) => ({ at: number } & Action)[]) {
  return Array.from({ length: 100 }, (_, i) => {
    const plain = scenario(i + 1, raft);
    const leader = leaderAt(plain);
    const sim = createSimulator(scenario(i + 1, raft, fault(leader))).run();
    expect(sim.state.violations, `seed ${i + 1}`).toEqual([]);
    expect(checkKvHistory(sim.state.clientOps).ok, `seed ${i + 1}`).toBe(true);
    return { sim, leader };
  });
}

describe('a deaf leader (§6.2 CheckQuorum)', () => {
  it('is replaced and clients progress during the fault, in at least 95 of 100 seeds', () => {
    const runs = over100(BOTH, deafen);
    const progressed = runs.filter(({ sim }) => okDuring(sim) > 0 && elections(sim).length > 0);
    expect(progressed.length).toBeGreaterThanOrEqual(95);
  });

  it('without CheckQuorum stalls the cluster for the whole fault', () => {
    const runs = over100({}, deafen);
    expect(runs.filter(({ sim }) => okDuring(sim) > 0).length).toBe(0);
  });
});

describe('a deaf follower (§9.6 PreVote)', () => {
  const follower = (leader: string) => IDS.find((id) => id !== leader)!;

  it('raises no leader’s term: the first leader leads throughout', () => {
    const runs = over100(BOTH, (leader) => deafen(follower(leader)));
    for (const { sim } of runs) {
      expect(elections(sim)).toEqual([]);
      expect(new Set(terms(sim)).size).toBe(1);
    }
  });

  it('without PreVote drives terms up and deposes the leader', () => {
    const runs = over100({}, (leader) => deafen(follower(leader)));
    const disrupted = runs.filter(({ sim }) => elections(sim).length > 0);
    expect(disrupted.length).toBeGreaterThanOrEqual(95);
  });
});

describe('a minority partition heals', () => {
  const split = (leader: string) => {
    const others = IDS.filter((id) => id !== leader);
    return [
      {
        at: FAULT.from,
        type: 'partition' as const,
        groups: [others.slice(0, 2), [leader, ...others.slice(2)]],
      },
      { at: FAULT.to, type: 'heal' as const },
    ];
  };

  it('without a re-election in at least 95 % of seeds, with PreVote', () => {
    const calm = over100(BOTH, split).filter(({ sim }) => elections(sim).length === 0);
    expect(calm.length).toBeGreaterThanOrEqual(95);
  });

  it('with a re-election in most seeds without it (the minority inflated its terms)', () => {
    const rough = over100({}, split).filter(({ sim }) => elections(sim).length > 0);
    expect(rough.length).toBeGreaterThanOrEqual(50);
  });
});

describe('shipped extension scenarios', () => {
  const shipped = (name: string) => {
    const p = parseScenarioText(readFileSync(`public/scenarios/${name}.json`, 'utf8'));
    if (!p.ok) throw new Error(p.errors.join('\n'));
    return p.scenario;
  };
  const without = (s: Scenario): Scenario => ({
    ...s,
    protocolConfig: { ...(s.protocolConfig as object), preVote: false, checkQuorum: false },
  });

  it('raft-prevote-deaf-follower: S3 leads term 1 throughout; without PreVote terms pass 15', () => {
    const s = shipped('raft-prevote-deaf-follower');
    const sim = createSimulator(s).run();
    expect(sim.state.leaders.map((l) => [l.node, l.epoch])).toEqual([['S3', 1]]);
    expect(terms(sim)).toEqual([1, 1, 1, 1, 1]);
    const off = createSimulator(without(s)).run();
    expect(elections(off).length).toBeGreaterThan(1);
    expect(Math.max(...terms(off))).toBeGreaterThan(15);
  });

  it('raft-checkquorum-deaf-leader: S3 steps down, a new leader serves during the fault', () => {
    const s = shipped('raft-checkquorum-deaf-leader');
    const sim = createSimulator(s).run();
    expect(sim.state.leaders[0]).toMatchObject({ node: 'S3', epoch: 1 });
    const during = sim.state.leaders.filter((l) => l.time > FAULT.from && l.time < FAULT.to);
    expect(during.length).toBe(1);
    expect(during[0]!.node).not.toBe('S3');
    expect(okDuring(sim)).toBeGreaterThan(0);
    // After the heal S3's inflated term forces one more election (PreVote would not).
    expect(sim.state.leaders.filter((l) => l.time > FAULT.to).length).toBe(1);
    expect(okDuring(createSimulator(without(s)).run())).toBe(0);
  });
});
