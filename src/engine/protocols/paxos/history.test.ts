/**
 * Paxos in the run history: restoring a keyframe and replaying reproduces the very same state
 * (nodes, checker memories, violations), under faults, for both variants: the state is plain
 * data and every random draw comes from the node's stream.
 */
import { describe, expect, it } from 'vitest';
import { stateHash } from '../../history/hash';
import { RunHistory } from '../../history/history';
import { paxosScenario, randomFaults } from './simkit';

describe.each(['paxos', 'multi-paxos'] as const)('%s in the run history', (protocol) => {
  it('seeking back and forth replays the same state from keyframes', () => {
    const scenario = paxosScenario(protocol, {
      seed: 4,
      duration: 4000,
      network: { loss: 0.05, duplicate: 0.05 },
      workload: { clients: 2, rate: 10, keys: 3, readRatio: 0.5 },
    });
    scenario.actions = randomFaults(4, {
      start: 0,
      end: 3000,
      meanGap: protocol === 'paxos' ? 60 : 250,
      nodes: 5,
      leader: protocol === 'multi-paxos',
    });
    const h = new RunHistory(scenario, { keyframeEvery: 40 });
    h.advanceTo(4000);
    const end = stateHash(h.sim);
    const nodes = structuredClone(h.sim.state.nodes);
    for (const t of [300, 2500, 1100]) {
      h.seekTime(t);
      h.seekTime(4000);
      expect(stateHash(h.sim), `after a seek to ${t}`).toBe(end);
    }
    expect(h.sim.state.nodes).toEqual(nodes);
    expect(h.sim.state.violations).toEqual([]);
  });
});
