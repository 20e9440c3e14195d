/**
 * Property tests for membership change (dissertation §4): random schedules mixing add-server
 * and remove-server with crashes, restarts, partitions, one-way cuts, pauses and forced
 * timeouts, over a lossy, duplicating network, with the extensions (and log compaction)
 * switched on by the seed.
 * Every run keeps every invariant (Figure 3's and Single-Server Changes), agrees on committed
 * prefixes and gives a linearizable client history. A failing seed is a one-line
 * reproduction: raftSimulator(membershipScenario(seed)).
 */
import { describe, expect, it } from 'vitest';
import { createStream, nextFloat, uniformInt } from '../../rng';
import type { Scenario } from '../../scenario';
import { nodeIds } from '../../scenario';
import type { Action, TimedAction } from '../../types';
import { raftScenario, raftSimulator, safetyProblems } from './testkit';

const FAULTS_END = 5000;
const DURATION = 7000;

/** A schedule over a cluster that starts with 3 servers and may grow to 7. */
function membershipSchedule(seed: number): TimedAction[] {
  const rng = createStream(seed, 'membership-property');
  let known = 3; // servers the schedule may name: S1…S(known), added ones included
  const pick = () => `S${uniformInt(rng, 1, known)}`;
  const out: TimedAction[] = [];
  let t = 200;
  for (;;) {
    t += Math.round(-Math.log(1 - nextFloat(rng)) * 220);
    if (t >= FAULTS_END) break;
    const r = nextFloat(rng);
    let action: Action;
    if (r < 0.2) {
      action = { type: 'add-server' };
      if (known < 7) known++;
    } else if (r < 0.34) {
      action = { type: 'remove-server', node: nextFloat(rng) < 0.4 ? 'leader' : pick() };
    } else if (r < 0.46) action = { type: 'crash', node: nextFloat(rng) < 0.5 ? 'leader' : pick() };
    else if (r < 0.58) action = { type: 'restart', node: pick() };
    else if (r < 0.68) {
      const ids = nodeIds(known);
      const cut = uniformInt(rng, 1, ids.length - 1);
      action = { type: 'partition', groups: [ids.slice(0, cut), ids.slice(cut)] };
    } else if (r < 0.76) action = { type: 'cut', from: pick(), to: pick() };
    else if (r < 0.84) action = { type: 'heal' };
    else if (r < 0.92) action = { type: 'pause', node: pick(), duration: uniformInt(rng, 50, 400) };
    else action = { type: 'timeout', node: pick() };
    out.push({ at: t, action });
  }
  out.push({ at: FAULTS_END, action: { type: 'heal' } });
  for (const id of nodeIds(known))
    out.push({ at: FAULTS_END, action: { type: 'restart', node: id } });
  return out;
}

export function membershipScenario(seed: number): Scenario {
  const scenario = raftScenario({
    nodes: 3,
    seed,
    duration: DURATION,
    network: { loss: 0.03, duplicate: 0.05 },
    raft: {
      preVote: (seed & 1) !== 0,
      checkQuorum: (seed & 2) !== 0,
      noopOnElection: (seed & 4) === 0,
      reads: (['log', 'readIndex', 'log'] as const)[seed % 3]!,
      // §7 log compaction half the time: configuration entries are compacted away too.
      snapshotEvery: (seed & 8) !== 0 ? 5 : 0,
    },
    workload: { clients: 3, rate: 15, keys: 3, readRatio: 0.4 },
  });
  // Built here, not parsed: a schedule may name a server whose add-server gets refused at
  // run time (that action is then skipped with its reason, which is part of what is tested).
  scenario.actions = membershipSchedule(seed);
  return scenario;
}

describe('Raft membership change under random faults', () => {
  it('200 schedules mixing add/remove-server with faults: invariants hold, history linearizable', () => {
    let joins = 0;
    let removals = 0;
    let refused = 0;
    let stepDowns = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const sim = raftSimulator(membershipScenario(seed), true).run();
      expect(safetyProblems(sim), `seed ${seed}`).toEqual([]);
      for (const e of sim.state.trace) {
        if (e.kind === 'join') joins++;
        else if (e.kind === 'skip' && /refuses/.test(e.detail ?? '')) refused++;
        else if (e.kind === 'note' && /^asked to remove/.test(e.detail ?? '')) removals++;
        else if (e.kind === 'note' && /steps down: the configuration without/.test(e.detail ?? ''))
          stepDowns++;
      }
    }
    // The schedules really changed the membership, and the rules really refused some changes.
    expect(joins).toBeGreaterThan(200);
    expect(removals).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(50);
    expect(stepDowns).toBeGreaterThan(10);
  }, 180_000);
});
