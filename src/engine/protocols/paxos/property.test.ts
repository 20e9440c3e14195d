/**
 * Property tests in the simulator: hundreds of random fault schedules (crash, restart,
 * partition, one-way cut, heal, pause, forced timeout) over a lossy, duplicating network.
 * Every run must keep the four invariants and agree on every learned slot; Multi-Paxos runs
 * serve a client workload whose history must be linearizable. Once the faults stop, the
 * cluster must make progress again within a bound. A failing seed is a one-line
 * reproduction: multiPaxosSimulator(multiScenario(seed, true)).run().
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenario';
import type { PaxosConfig } from './config';
import {
  learnedValues,
  multiPaxosSimulator,
  paxosScenario,
  paxosSimulator,
  randomFaults,
  safetyProblems,
  upStates,
} from './simkit';

const FAULTS_END = 6000;
const DURATION = 10000;
/** Virtual time allowed, after the last fault, for a leader to emerge. */
const ELECTION_BOUND = 2000;

/** Seed-dependent options, so that every code path is exercised. */
function options(seed: number): Partial<PaxosConfig> {
  switch (seed % 4) {
    case 1:
      return { backoff: 'none' };
    case 2:
      return { proposers: ['S1', 'S2', 'S3'], heartbeatInterval: 30 };
    case 3:
      return { leaderTimeout: { min: 100, max: 200 }, retryTimeout: { min: 60, max: 120 } };
    default:
      return {};
  }
}

export function multiScenario(seed: number, lossy: boolean): Scenario {
  const scenario = paxosScenario('multi-paxos', {
    seed,
    duration: DURATION,
    network: lossy ? { loss: 0.05, duplicate: 0.05 } : { duplicate: 0.05 },
    paxos: options(seed),
    workload: { clients: 3, rate: 20, keys: 3, readRatio: 0.5 },
  });
  scenario.actions = randomFaults(seed, {
    start: 300,
    end: FAULTS_END,
    meanGap: 250,
    nodes: 5,
    leader: true,
  });
  return scenario;
}

export function singleScenario(seed: number): Scenario {
  const nodes = 3 + (seed % 3);
  const scenario = paxosScenario('paxos', {
    seed,
    nodes,
    duration: 6000,
    network: { loss: 0.05, duplicate: 0.05 },
    paxos: { ...options(seed), proposers: null },
  });
  // Dense faults from the start, while the proposers are still dueling.
  scenario.actions = randomFaults(seed, { start: 0, end: 2000, meanGap: 60, nodes, leader: false });
  return scenario;
}

describe('Multi-Paxos under random faults', () => {
  it('300 schedules over a lossy, duplicating network: invariants hold, learned slots agree, history linearizable', () => {
    let ops = 0;
    let crashes = 0;
    let leaders = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const sim = multiPaxosSimulator(multiScenario(seed, true)).run();
      expect(safetyProblems(sim), `seed ${seed}`).toEqual([]);
      ops += sim.state.clientOps.filter((o) => o.ok).length;
      crashes += sim.scenario.actions.filter((a) => a.action.type === 'crash').length;
      leaders += sim.state.leaders.length;
    }
    // The runs did real work and real damage.
    expect(ops).toBeGreaterThan(300 * 50);
    expect(crashes).toBeGreaterThan(300 * 2);
    expect(leaders).toBeGreaterThan(300 * 3);
  }, 120_000);

  it('liveness: once faults stop, a leader emerges within a bound and requests complete', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const sim = multiPaxosSimulator(multiScenario(seed, false));
      sim.runUntil(FAULTS_END);
      const pendingAtHeal = sim.state.clientOps.filter(
        (o) => o.completedAt === null && FAULTS_END + ELECTION_BOUND + 1000 < o.invokedAt + 5000,
      );
      let electedAt = Infinity;
      while (sim.state.time < FAULTS_END + ELECTION_BOUND && electedAt === Infinity) {
        sim.runUntil(sim.state.time + 5);
        if (upStates(sim).some((s) => s.role === 'leader')) electedAt = sim.state.time;
      }
      expect(
        electedAt,
        `seed ${seed}: no leader ${ELECTION_BOUND} ms after the faults stopped`,
      ).toBeLessThan(Infinity);
      sim.run();
      for (const op of pendingAtHeal) {
        const done = sim.state.clientOps[op.id - 1]!;
        expect(done.ok, `seed ${seed}: op ${op.id} pending at heal`).toBe(true);
        expect(done.completedAt!).toBeLessThanOrEqual(FAULTS_END + ELECTION_BOUND + 1000);
      }
      const later = sim.state.clientOps.filter((o) => o.invokedAt >= 7000 && o.invokedAt < 8000);
      expect(later.length, `seed ${seed}: no request issued 7–8 s`).toBeGreaterThan(0);
      for (const op of later)
        expect(op.ok, `seed ${seed}: op ${op.id} at ${op.invokedAt}`).toBe(true);
      expect(upStates(sim).filter((s) => s.role === 'leader')).toHaveLength(1);
      expect(safetyProblems(sim), `seed ${seed}`).toEqual([]);
    }
  }, 120_000);
});

describe('single-decree Paxos under random faults', () => {
  it('500 schedules with every node proposing: one value is chosen, and every node learns it', () => {
    let duels = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const sim = paxosSimulator(singleScenario(seed)).run();
      expect(safetyProblems(sim), `seed ${seed}`).toEqual([]);
      // Faults stopped at 2 s; by 6 s every proposer (every node) has learned the one value.
      expect(learnedValues(sim), `seed ${seed}`).toHaveLength(1);
      for (const s of upStates(sim)) expect(s.chosen[0], `seed ${seed} ${s.id}`).toBeDefined();
      if (sim.state.nodes.some((n) => (n.state?.round ?? 0) > 2)) duels++;
    }
    expect(duels).toBeGreaterThan(100);
  }, 60_000);
});
