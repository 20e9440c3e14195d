/**
 * Property tests: hundreds of random fault schedules (crash, restart, partition, one-way
 * cut, heal, pause, forced timeout) over a lossy, duplicating network, under a client
 * workload. Every run must keep the five invariants, agree on every committed prefix and
 * produce a client history that is linearizable per key; and once the faults stop, a leader
 * must emerge and client requests must complete within a bound. A failing seed is a one-line
 * reproduction: raftSimulator(propertyScenario(seed)).
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenario';
import { leaders, raftScenario, raftSimulator, randomFaults, safetyProblems } from './testkit';

const FAULTS_END = 6000;
const DURATION = 10000;
/** Virtual time allowed, after the last fault, for a leader to emerge. */
const ELECTION_BOUND = 2000;

/**
 * Seed-dependent protocol options, so that every code path is exercised: the replication
 * variants by the seed's low bits, and every combination of the extensions (PreVote,
 * CheckQuorum with its lease) by the next two, the read mode (§6.4) by the two after, and
 * log compaction (§7) by the next.
 */
function raftOptions(seed: number) {
  // Reads (§6.4) by the next bits; the lease needs CheckQuorum's follower side.
  const reads = (['log', 'readIndex', 'lease'] as const)[(seed >> 4) % 3]!;
  const extensions = {
    preVote: (seed & 4) !== 0,
    checkQuorum: (seed & 8) !== 0 || reads === 'lease',
    reads,
    // §7 log compaction by the bits after those: off, often (InstallSnapshot is common), rarely.
    snapshotEvery: ([0, 3, 8] as const)[(seed >> 6) % 3]!,
  };
  switch (seed % 4) {
    case 1:
      return { ...extensions, fastBackoff: false, maxEntriesPerMessage: 2 };
    case 2:
      return { ...extensions, noopOnElection: false };
    case 3:
      return { ...extensions, maxEntriesPerMessage: 1 };
    default:
      return extensions;
  }
}

export function propertyScenario(seed: number, lossy: boolean): Scenario {
  const scenario = raftScenario({
    seed,
    duration: DURATION,
    network: lossy ? { loss: 0.05, duplicate: 0.05 } : { duplicate: 0.05 },
    raft: raftOptions(seed),
    workload: { clients: 3, rate: 20, keys: 3, readRatio: 0.5 },
  });
  scenario.actions = randomFaults(seed, { start: 300, end: FAULTS_END, meanGap: 250, nodes: 5 });
  return scenario;
}

describe('Raft under random faults', () => {
  it('300 schedules over a lossy, duplicating network: invariants hold, prefixes agree, history linearizable', () => {
    let ops = 0;
    let crashes = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const sim = raftSimulator(propertyScenario(seed, true)).run();
      expect(safetyProblems(sim), `seed ${seed}`).toEqual([]);
      ops += sim.state.clientOps.filter((o) => o.ok).length;
      crashes += sim.scenario.actions.filter((a) => a.action.type === 'crash').length;
    }
    // The runs did real work and real damage.
    expect(ops).toBeGreaterThan(300 * 50);
    expect(crashes).toBeGreaterThan(300 * 2);
  }, 120_000);

  it('liveness: once faults stop, a leader emerges within a bound and requests complete', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const sim = raftSimulator(propertyScenario(seed, false));
      sim.runUntil(FAULTS_END);
      const pendingAtHeal = sim.state.clientOps.filter(
        (o) => o.completedAt === null && FAULTS_END + ELECTION_BOUND + 1000 < o.invokedAt + 5000,
      );
      let electedAt = Infinity;
      while (sim.state.time < FAULTS_END + ELECTION_BOUND && electedAt === Infinity) {
        sim.runUntil(sim.state.time + 5);
        if (leaders(sim).length > 0) electedAt = sim.state.time;
      }
      expect(
        electedAt,
        `seed ${seed}: no leader ${ELECTION_BOUND} ms after the faults stopped`,
      ).toBeLessThan(Infinity);
      sim.run();
      // Requests pending when the faults stopped complete (their deadline is later than the bound).
      for (const op of pendingAtHeal) {
        const done = sim.state.clientOps[op.id - 1]!;
        expect(done.ok, `seed ${seed}: op ${op.id} pending at heal`).toBe(true);
        expect(done.completedAt!).toBeLessThanOrEqual(FAULTS_END + ELECTION_BOUND + 1000);
      }
      // Every request issued in a healthy second succeeds.
      const later = sim.state.clientOps.filter((o) => o.invokedAt >= 7000 && o.invokedAt < 8000);
      expect(later.length, `seed ${seed}: no request issued 7–8 s`).toBeGreaterThan(0);
      for (const op of later)
        expect(op.ok, `seed ${seed}: op ${op.id} at ${op.invokedAt}`).toBe(true);
      expect(leaders(sim)).toHaveLength(1);
      expect(safetyProblems(sim), `seed ${seed}`).toEqual([]);
    }
  }, 120_000);
});
