/**
 * The Paxos scenarios the lab ships in public/scenarios: each description is a claim, and each
 * test checks that its story happens on the shipped seed (and that 20 seeds stay safe).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../scenario';
import type { Scenario } from '../../scenario';
import type { Simulator } from '../../simulator';
import type { MultiState } from './multi/types';
import {
  learnedValues,
  multiPaxosSimulator,
  paxosSimulator,
  safetyProblems,
  stateOf,
  upStates,
} from './simkit';
import type { PaxosState } from './single/types';

function shipped(name: string, seed?: number): Scenario {
  const parsed = parseScenarioText(readFileSync(`public/scenarios/${name}.json`, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return seed === undefined ? parsed.scenario : { ...parsed.scenario, seed };
}

const single = (name: string, seed?: number) => paxosSimulator(shipped(name, seed));
const multi = (name: string, seed?: number) => multiPaxosSimulator(shipped(name, seed));
const learned = (sim: Simulator<PaxosState>, id: string) =>
  stateOf(sim, id).chosen[0]?.value ?? null;
const maxRound = (sim: Simulator<PaxosState>) =>
  Math.max(...upStates(sim).map((s) => s.promised?.round ?? 0));

describe('paxos-happy-path', () => {
  it('every node learns v-S1 within 70 ms, in one ballot of two round trips', () => {
    const sim = single('paxos-happy-path');
    sim.runUntil(70);
    for (const id of ['S1', 'S2', 'S3', 'S4', 'S5']) expect(learned(sim, id), id).toBe('v-S1');
    expect(stateOf(sim, 'S1').ballot).toEqual({ round: 1, node: 'S1' });
    sim.run();
    expect(sim.state.stats.byKind).toEqual({ prepare: 4, promise: 4, accept: 4, accepted: 20 });
  });
});

describe('paxos-dueling-livelock', () => {
  it('without back-off nothing is chosen in 3 s while the ballots climb past round 190', () => {
    const sim = single('paxos-dueling-livelock').run();
    expect(learnedValues(sim)).toEqual([]);
    expect(maxRound(sim)).toBeGreaterThan(190);
    expect(sim.state.violations).toEqual([]);
  });

  it('the duel goes on forever whatever the seed', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(learnedValues(single('paxos-dueling-livelock', seed).run()), `seed ${seed}`).toEqual(
        [],
      );
    }
  });
});

describe('paxos-dueling-backoff', () => {
  it('randomized back-off ends the same duel: every node learns one value within 500 ms, below round 10', () => {
    const sim = single('paxos-dueling-backoff');
    sim.runUntil(500);
    expect(learnedValues(sim)).toHaveLength(1);
    for (const s of upStates(sim)) expect(s.chosen[0], s.id).toBeDefined();
    expect(maxRound(sim)).toBeLessThan(10);
  });

  it('on every seed the duel ends within a second', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const sim = single('paxos-dueling-backoff', seed);
      sim.runUntil(1000);
      expect(upStates(sim).filter((s) => s.chosen[0]).length, `seed ${seed}`).toBe(3);
    }
  });
});

describe('paxos-acceptor-crash', () => {
  it('a majority chooses despite a crashed acceptor; a restarted acceptor keeps its promise; S5 adopts v-S1', () => {
    const sim = single('paxos-acceptor-crash');
    sim.runUntil(59.9); // S3 crashes at 60 ms
    for (const id of ['S1', 'S2', 'S3']) expect(learned(sim, id), id).toBe('v-S1');
    expect(learned(sim, 'S5')).toBeNull();
    sim.runUntil(121);
    const s3 = stateOf(sim, 'S3');
    expect(s3.promised).toEqual({ round: 1, node: 'S1' });
    expect(s3.accepted[0]).toEqual({ ballot: { round: 1, node: 'S1' }, value: 'v-S1' });
    sim.run();
    const s5 = stateOf(sim, 'S5');
    expect(s5.ballot!.round).toBeGreaterThan(1);
    expect(s5.value).toBe('v-S1');
    expect(s5.proposals).toEqual([]);
    for (const s of upStates(sim)) {
      expect(s.chosen[0]?.value, s.id).toBe('v-S1');
      expect(s.accepted[0]?.value, s.id).not.toBe('v-S5');
    }
  });
});

describe('paxos-minority-partition', () => {
  it('the minority never chooses; the majority chooses v-S5; after the heal S1 adopts it', () => {
    const sim = single('paxos-minority-partition');
    sim.runUntil(1999);
    expect(learned(sim, 'S1')).toBeNull();
    expect(learned(sim, 'S2')).toBeNull();
    for (const id of ['S3', 'S4', 'S5']) expect(learned(sim, id), id).toBe('v-S5');
    expect(stateOf(sim, 'S1').round).toBeGreaterThan(2); // it kept trying
    sim.run();
    for (const s of upStates(sim)) expect(s.chosen[0]?.value, s.id).toBe('v-S5');
    expect(stateOf(sim, 'S1').value).toBe('v-S5');
    // v-S1 was never even put forward: S1 never completed phase 1 before learning of v-S5.
    expect(paxosRun(sim).map((p) => p.command)).toEqual(['v-S5']);
  });
});

function paxosRun(sim: Simulator<PaxosState>) {
  return upStates(sim).flatMap((s) => s.proposals.map((p) => ({ node: s.id, command: p.value })));
}

function slotOf(s: MultiState, value: string): number {
  return s.accepted.findIndex((e) => e?.value?.op.type === 'put' && e.value.op.value === value);
}

describe('multi-paxos-leader-failover', () => {
  it('the new leader finds the open slot in its promises, re-proposes it there, and it is chosen once', () => {
    const sim = multi('multi-paxos-leader-failover');
    sim.runUntil(2015.9);
    expect(stateOf(sim, 'S1').role).toBe('leader');
    const slot = slotOf(stateOf(sim, 'S1'), 'open');
    expect(slot).toBeGreaterThanOrEqual(0);
    sim.runUntil(2060);
    // Open: accepted by a majority of the followers, known chosen by no one.
    const followers = upStates(sim);
    expect(followers.filter((s) => slotOf(s, 'open') === slot).length).toBeGreaterThanOrEqual(3);
    for (const s of followers) expect(s.chosen[slot] ?? null, s.id).toBeNull();
    sim.runUntil(3999);
    const leader = upStates(sim).find((s) => s.role === 'leader')!;
    expect(leader.id).not.toBe('S1');
    expect(leader.accepted[slot]).toMatchObject({
      ballot: leader.ballot!,
      value: { op: { value: 'open' } },
    });
    expect(leader.chosen[slot]?.value).toMatchObject({ op: { key: 'x', value: 'open' } });
    expect(leader.proposals.some((p) => p.slot === slot)).toBe(false); // re-proposed, not proposed
    const op = sim.state.clientOps.find((o) => o.value === 'open')!;
    expect(op.ok).toBe(true);
    sim.run();
    // The old leader came back at 4 s and learned the slot too.
    expect(stateOf(sim, 'S1').chosen[slot]?.value).toMatchObject({ op: { value: 'open' } });
    expect(safetyProblems(sim)).toEqual([]);
  });
});

describe('multi-paxos-minority-partition', () => {
  it('the stranded leader chooses nothing; the majority elects a higher ballot and goes on; the heal deposes S1', () => {
    const sim = multi('multi-paxos-minority-partition');
    sim.runUntil(2001);
    expect(stateOf(sim, 'S1').role).toBe('leader');
    const commitAtSplit = stateOf(sim, 'S1').commit;
    sim.runUntil(3999);
    const s1 = stateOf(sim, 'S1');
    expect(s1.role).toBe('leader');
    expect(s1.commit).toBe(commitAtSplit);
    expect(stateOf(sim, 'S2').commit).toBeLessThanOrEqual(commitAtSplit);
    const stranded = s1.proposals.filter((p) => p.time > 2000);
    expect(stranded.length).toBeGreaterThan(0);
    const leader = upStates(sim).find((s) => s.role === 'leader' && s.id !== 'S1')!;
    expect(['S3', 'S4', 'S5']).toContain(leader.id);
    expect(leader.commit).toBeGreaterThan(commitAtSplit + 5);
    sim.run();
    const final = upStates(sim);
    expect(final.filter((s) => s.role === 'leader').map((s) => s.id)).toEqual([leader.id]);
    for (const p of stranded) {
      expect(stateOf(sim, leader.id).accepted[p.slot]?.ballot, `slot ${p.slot}`).not.toEqual({
        round: 1,
        node: 'S1',
      });
    }
    expect(stateOf(sim, 'S1').commit).toBeGreaterThan(commitAtSplit);
    expect(safetyProblems(sim)).toEqual([]);
  });
});

describe('the shipped Paxos scenarios', () => {
  const names = [
    'paxos-happy-path',
    'paxos-dueling-livelock',
    'paxos-dueling-backoff',
    'paxos-acceptor-crash',
    'paxos-minority-partition',
    'multi-paxos-leader-failover',
    'multi-paxos-minority-partition',
  ];

  it('are all listed in public/scenarios/index.json', () => {
    const index = JSON.parse(readFileSync('public/scenarios/index.json', 'utf8')) as {
      file: string;
    }[];
    for (const n of names) expect(index.map((e) => e.file)).toContain(`${n}.json`);
  });

  it.each(names)(
    '%s: 20 seeds with no violation, agreeing learners, a linearizable history',
    (name) => {
      for (let seed = 1; seed <= 20; seed++) {
        const s = shipped(name, seed);
        const problems =
          s.protocol === 'paxos'
            ? safetyProblems(paxosSimulator(s).run())
            : safetyProblems(multiPaxosSimulator(s).run());
        expect(problems, `${name} seed ${seed}`).toEqual([]);
        expect(s.description.length).toBeGreaterThan(100);
      }
    },
  );
});
