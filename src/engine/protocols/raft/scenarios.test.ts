/**
 * Whole-cluster scenarios modelled on the paper's sections, run in the simulator, including
 * the scenario files the lab ships in public/scenarios.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../scenario';
import type { Scenario } from '../../scenario';
import { entryId } from './invariants';
import { leaders, raftScenario, raftSimulator, safetyProblems, stateOf, upStates } from './testkit';
import type { RaftSimulator } from './testkit';

const SCENARIOS = [
  'leader-crash',
  'split-vote',
  'minority-partition',
  'leader-isolated-healed',
  'log-repair-many-crashes',
  'figure-8',
];

/** A shipped scenario, on its own seed unless another is given. */
function shipped(name: string, seed?: number): Scenario {
  const parsed = parseScenarioText(readFileSync(`public/scenarios/${name}.json`, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return seed === undefined ? parsed.scenario : { ...parsed.scenario, seed };
}

/** Ends the workload at `at` so that the cluster can quiesce before the run ends. */
function quiesceAt(s: Scenario, at: number): Scenario {
  return { ...s, actions: [...s.actions, { at, action: { type: 'workload', enabled: false } }] };
}

const ids = (sim: RaftSimulator, id: string) => stateOf(sim, id).log.map(entryId);
const seeds = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('§5.2 leader election in the simulator', () => {
  it('with no faults a leader is elected, almost always in the first round (term 1)', () => {
    let firstRound = 0;
    for (const seed of seeds(100)) {
      const sim = raftSimulator(raftScenario({ seed, duration: 1000 })).run();
      expect(leaders(sim), `seed ${seed}`).toHaveLength(1);
      expect(sim.state.leaders[0]!.time).toBeLessThan(1000);
      if (sim.state.leaders[0]!.epoch === 1) firstRound++;
    }
    expect(firstRound).toBeGreaterThanOrEqual(90);
  });

  it('after the leader crashes, a new leader is elected in a higher term', () => {
    for (const seed of seeds(20)) {
      const sim = raftSimulator(shipped('leader-crash', seed));
      sim.runUntil(2999);
      const before = leaders(sim)[0]!;
      sim.runUntil(4000);
      const after = leaders(sim);
      expect(after, `seed ${seed}`).toHaveLength(1);
      expect(after[0]!.id).not.toBe(before.id);
      expect(after[0]!.currentTerm).toBeGreaterThan(before.currentTerm);
    }
  });

  it('a narrow timeout range produces split votes that still resolve', () => {
    let extraRounds = 0;
    for (const seed of seeds(30)) {
      const sim = raftSimulator(shipped('split-vote', seed));
      sim.runUntil(1999);
      const term = Math.max(...upStates(sim).map((s) => s.currentTerm));
      sim.runUntil(3999);
      const next = sim.state.leaders.find((l) => l.time > 2000);
      expect(next, `seed ${seed}`).toBeDefined();
      if (next!.epoch! > term + 1) extraRounds++;
    }
    expect(extraRounds).toBeGreaterThan(5);
  });
});

describe('§5.3 log replication in the simulator', () => {
  it('a node restarted after a crash catches up with the leader', () => {
    for (const seed of seeds(10)) {
      const sim = raftSimulator(quiesceAt(shipped('leader-crash', seed), 9000));
      sim.runUntil(2999);
      const crashed = leaders(sim)[0]!.id;
      sim.run();
      const leader = leaders(sim)[0]!;
      const restarted = stateOf(sim, crashed);
      expect(restarted.role).toBe('follower');
      expect(ids(sim, crashed)).toEqual(ids(sim, leader.id));
      expect(restarted.commitIndex).toBe(leader.commitIndex);
      expect(restarted.kv).toEqual(leader.kv);
    }
  });

  it('a new leader repairs divergent follower logs after many crashes', () => {
    for (const seed of seeds(10)) {
      const sim = raftSimulator(quiesceAt(shipped('log-repair-many-crashes', seed), 11000)).run();
      const leader = leaders(sim)[0]!;
      for (const s of upStates(sim)) {
        expect(ids(sim, s.id), `seed ${seed} ${s.id}`).toEqual(ids(sim, leader.id));
        expect(s.commitIndex).toBe(leader.commitIndex);
      }
      expect(safetyProblems(sim)).toEqual([]);
    }
  });

  it('a minority side cannot commit, and its uncommitted entries are discarded after heal', () => {
    let strandedLeaders = 0;
    for (const seed of seeds(30)) {
      const scenario = quiesceAt(shipped('minority-partition', seed), 9000);
      const sim = raftSimulator(scenario);
      sim.runUntil(3000);
      const split = scenario.actions.find((a) => a.action.type === 'partition')!.action;
      const minority = split.type === 'partition' ? split.groups[0]! : [];
      const lengthAtSplit = minority.map((id) => stateOf(sim, id).log.length);
      sim.runUntil(3050); // Messages sent before the split have landed.
      const commitAtSplit = minority.map((id) => stateOf(sim, id).commitIndex);
      sim.runUntil(5999);
      expect(
        minority.map((id) => stateOf(sim, id).commitIndex),
        `seed ${seed}`,
      ).toEqual(commitAtSplit);
      const stranded = minority.map((id) => stateOf(sim, id)).find((s) => s.role === 'leader');
      // What it appended after the split reached no one in the majority.
      const from = stranded
        ? Math.max(stranded.commitIndex, lengthAtSplit[minority.indexOf(stranded.id)]!)
        : 0;
      const discarded = stranded ? stranded.log.slice(from).map((e) => entryId(e)) : [];
      sim.run();
      if (stranded && discarded.length > 0) {
        strandedLeaders++;
        const finalLog = ids(sim, stranded.id);
        for (const id of discarded) expect(finalLog).not.toContain(id);
      }
      const leader = leaders(sim)[0]!;
      for (const s of upStates(sim)) expect(ids(sim, s.id)).toEqual(ids(sim, leader.id));
    }
    expect(strandedLeaders).toBeGreaterThan(3);
  });
});

describe('§5.4.2 Figure 8 in the simulator', () => {
  it('an old-term entry on a majority is not committed, and is safely overwritten', () => {
    for (const seed of seeds(20)) {
      const sim = raftSimulator(shipped('figure-8', seed));
      sim.runUntil(539);
      const s1 = stateOf(sim, 'S1');
      expect(s1.role).toBe('leader');
      expect(s1.currentTerm).toBe(3);
      // put x=2 (term 1, index 2) is on S1, S2, S3 and S4: a majority.
      const holders = upStates(sim).filter(
        (s) => s.log[1]?.command?.op.type === 'put' && s.log[1].term === 1,
      );
      expect(holders.length).toBeGreaterThanOrEqual(3);
      // Restarted, S1 knows nothing committed; its own term-3 entries would be needed.
      expect(s1.commitIndex).toBeLessThan(2);
      sim.run();
      const s5 = stateOf(sim, 'S5');
      expect(s5.role).toBe('leader');
      for (const s of upStates(sim)) {
        expect(
          s.log.map((e) => `${e.term}:${e.command?.op.type === 'put' ? e.command.op.value : '-'}`),
        ).toEqual(['1:1', '2:3', '4:4']);
        expect(s.commitIndex).toBe(3);
      }
      const x2 = sim.state.clientOps.find((o) => o.value === '2')!;
      expect(x2.ok).toBe(false);
      expect(sim.state.violations).toEqual([]);
    }
  });
});

describe('each shipped scenario tells its story on its shipped seed', () => {
  it('minority partition: the leader is stranded in the minority, its entries never commit and are overwritten', () => {
    const scenario = shipped('minority-partition');
    const sim = raftSimulator(scenario);
    const split = scenario.actions.find((a) => a.action.type === 'partition')!;
    expect(split.at).toBe(3000);
    const [minority, majority] = split.action.type === 'partition' ? split.action.groups : [];
    sim.runUntil(2999);
    const stranded = leaders(sim)[0]!;
    expect(minority).toContain(stranded.id);
    sim.runUntil(3050); // what was sent before the split has landed
    const commitAtSplit = stranded.commitIndex;
    const lengthAtSplit = stranded.log.length;
    const majorityCommit = Math.max(...majority!.map((id) => stateOf(sim, id).commitIndex));
    sim.runUntil(5999);
    const s = stateOf(sim, stranded.id);
    expect(s.role).toBe('leader'); // it still believes it leads…
    expect(s.log.length).toBeGreaterThan(lengthAtSplit); // …and keeps accepting requests…
    expect(s.commitIndex).toBe(commitAtSplit); // …none of which commits.
    const appended = s.log.slice(Math.max(commitAtSplit, lengthAtSplit)).map(entryId);
    const newLeader = sim.state.leaders.find((l) => l.time > 3000)!;
    expect(majority).toContain(newLeader.node);
    expect(newLeader.time).toBeLessThan(3600);
    expect(newLeader.epoch).toBeGreaterThan(stranded.currentTerm);
    expect(stateOf(sim, newLeader.node).commitIndex).toBeGreaterThan(majorityCommit + 5);
    sim.runUntil(6500);
    expect(stateOf(sim, stranded.id).role).toBe('follower');
    for (const n of upStates(sim))
      for (const id of appended) expect(ids(sim, n.id)).not.toContain(id);
    sim.run();
    expect(safetyProblems(sim)).toEqual([]);
  });

  it('leader crash: a new leader within about a timeout and a round; the old one catches up', () => {
    const sim = raftSimulator(shipped('leader-crash'));
    sim.runUntil(2999);
    const old = leaders(sim)[0]!;
    const oldTerm = old.currentTerm;
    sim.runUntil(6000);
    const next = sim.state.leaders.find((l) => l.time > 3000)!;
    expect(next.node).not.toBe(old.id);
    // One election timeout (≤ 300 ms) plus one round of RequestVote (≤ 2 × 15 ms), give or take.
    expect(next.time - 3000).toBeLessThan(300 + 2 * 15 + 50);
    // The clients' gap: a silent request times out (500 ms) and is retried once before
    // moving on, so completions stop for about a second — longer than the election.
    const done = sim.state.clientOps.filter((o) => o.ok).map((o) => o.completedAt!);
    const lastBefore = Math.max(...done.filter((t) => t <= 3000));
    const firstAfter = Math.min(...done.filter((t) => t > 3000));
    const requestTimeout = sim.scenario.workload.requestTimeout;
    expect(firstAfter - lastBefore).toBeGreaterThan(next.time - 3000);
    expect(firstAfter - lastBefore).toBeLessThan(2 * requestTimeout + 300);
    expect(firstAfter - 3000).toBeGreaterThan(requestTimeout);
    sim.runUntil(6001);
    const back = stateOf(sim, old.id);
    expect(back.role).toBe('follower');
    expect(back.currentTerm).toBeGreaterThanOrEqual(oldTerm); // persisted term kept
    sim.run();
    expect(ids(sim, old.id)).toEqual(ids(sim, leaders(sim)[0]!.id));
  });

  it('leader isolated: it keeps leading alone and commits nothing; on heal it steps down', () => {
    const sim = raftSimulator(shipped('leader-isolated-healed'));
    sim.runUntil(3000);
    const old = leaders(sim)[0]!;
    const commit = old.commitIndex;
    const length = old.log.length;
    sim.runUntil(4999);
    const isolated = stateOf(sim, old.id);
    expect(isolated.role).toBe('leader');
    expect(isolated.commitIndex).toBe(commit);
    expect(isolated.log.length).toBeGreaterThan(length);
    const held = isolated.log.slice(length).map(entryId);
    const other = sim.state.leaders.find((l) => l.time > 3000)!;
    expect(other.node).not.toBe(old.id);
    expect(other.epoch).toBeGreaterThan(isolated.currentTerm);
    sim.runUntil(5200);
    expect(stateOf(sim, old.id).role).toBe('follower');
    sim.run();
    for (const n of upStates(sim)) for (const id of held) expect(ids(sim, n.id)).not.toContain(id);
    expect(safetyProblems(sim)).toEqual([]);
  });

  it('log repair: at most two servers down at once, and every server ends with the same log', () => {
    const sim = raftSimulator(quiesceAt(shipped('log-repair-many-crashes'), 9800));
    let maxDown = 0;
    while (sim.stepUntil(sim.scenario.duration)) {
      maxDown = Math.max(maxDown, sim.state.nodes.filter((n) => !n.up).length);
    }
    expect(maxDown).toBeLessThanOrEqual(2);
    expect(maxDown).toBeGreaterThan(0);
    const leader = leaders(sim)[0]!;
    for (const n of upStates(sim)) expect(ids(sim, n.id)).toEqual(ids(sim, leader.id));
    expect(safetyProblems(sim)).toEqual([]);
  });

  it('split vote: a clean start, then at least two leaderless terms after the crash', () => {
    const sim = raftSimulator(shipped('split-vote'));
    sim.runUntil(1999);
    expect(sim.state.leaders).toHaveLength(1);
    const first = sim.state.leaders[0]!;
    expect(first.epoch).toBe(1);
    sim.runUntil(6000);
    const next = sim.state.leaders.find((l) => l.time > 2000)!;
    expect(next.epoch! - first.epoch!).toBeGreaterThanOrEqual(3);
    expect(next.time - 2000).toBeLessThan(1000);
    // "Over 200 seeds … a median of about 3 terms after the crashed one."
    const gaps: number[] = [];
    for (const seed of seeds(200)) {
      const s = raftSimulator(shipped('split-vote', seed));
      s.runUntil(1999);
      const before = s.state.leaders.at(-1)!;
      s.runUntil(6000);
      gaps.push(s.state.leaders.find((l) => l.time > 2000)!.epoch! - before.epoch!);
    }
    gaps.sort((a, b) => a - b);
    expect(gaps[100]).toBeGreaterThanOrEqual(2);
    expect(gaps[100]).toBeLessThanOrEqual(4);
  });
});

describe('the shipped scenarios', () => {
  it.each(SCENARIOS)(
    '%s: 20 seeds with no violation, agreeing prefixes, a linearizable history',
    (name) => {
      for (const seed of seeds(20)) {
        const sim = raftSimulator(shipped(name, seed)).run();
        expect(safetyProblems(sim), `${name} seed ${seed}`).toEqual([]);
        expect(sim.scenario.description.length).toBeGreaterThan(100);
      }
    },
  );
});
