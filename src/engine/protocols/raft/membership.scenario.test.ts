/**
 * The shipped membership scenario tells its story on its shipped seed
 * (public/scenarios/raft-membership-grow-shrink.json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NodeRead } from '../../protocol';
import { parseScenarioText } from '../../scenario';
import { configurationInForce } from './membership';
import { raftSimulator, safetyProblems, stateOf } from './testkit';
import type { RaftSimulator } from './testkit';
import type { RaftPersistent, RaftState } from './types';

const FILE = 'public/scenarios/raft-membership-grow-shrink.json';

function shipped(): RaftSimulator {
  const parsed = parseScenarioText(readFileSync(FILE, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return raftSimulator(parsed.scenario, true);
}

const inForce = (sim: RaftSimulator) =>
  configurationInForce(
    sim.state.nodes.map((_, i) => sim.read(i) as NodeRead<RaftState, RaftPersistent>),
  );

describe('raft-membership-grow-shrink on its shipped seed', () => {
  it('grows 3 → 4 → 5, the leader removes itself, steps down, and S4 leads term 2', () => {
    const sim = shipped();
    sim.runUntil(999);
    expect(sim.currentLeader()).toBe('S1');
    expect(stateOf(sim, 'S1').currentTerm).toBe(1);
    expect(inForce(sim)).toEqual({ members: ['S1', 'S2', 'S3'], quorum: 2 });

    sim.runUntil(1999);
    expect(inForce(sim)).toEqual({ members: ['S1', 'S2', 'S3', 'S4'], quorum: 3 });
    sim.runUntil(2999);
    expect(inForce(sim)).toEqual({ members: ['S1', 'S2', 'S3', 'S4', 'S5'], quorum: 3 });
    sim.run();
    expect(inForce(sim)).toEqual({ members: ['S2', 'S3', 'S4', 'S5'], quorum: 3 });

    // The configurations were appended in order, each committed before the next (the
    // leader's log holds them; the commit index covers each before the next is appended).
    const leader = stateOf(sim, sim.currentLeader()!);
    const configs = leader.log.flatMap((e, i) =>
      e.config ? [{ index: i + 1, members: e.config }] : [],
    );
    expect(configs.map((c) => c.members.join(','))).toEqual([
      'S1,S2,S3,S4',
      'S1,S2,S3,S4,S5',
      'S2,S3,S4,S5',
    ]);
    const notes = sim.state.trace.filter((e) => e.kind === 'note' && e.node === 'S1');
    expect(
      notes.filter((e) => /^appends configuration/.test(e.detail ?? '')).map((e) => e.time),
    ).toEqual([1000, 2000, 3000]);
    expect(sim.state.trace.filter((e) => e.kind === 'skip')).toEqual([]);

    // S1 steps down once the entry removing it commits, and never campaigns again.
    const down = notes.find((e) => /steps down: the configuration without it/.test(e.detail ?? ''));
    expect(down).toBeDefined();
    expect(down!.time).toBeGreaterThan(3000);
    const s1Roles = sim.state.trace.filter(
      (e) => e.kind === 'role' && e.node === 'S1' && e.time > 3000,
    );
    expect(s1Roles.map((e) => e.role)).toEqual(['follower']);

    // A new leader after the leader removed itself: S4, which joined with an empty log.
    expect(sim.state.leaders.map((l) => `${l.node}@${l.epoch}`)).toEqual(['S1@1', 'S4@2']);
    expect(sim.state.leaders[1]!.time).toBeGreaterThan(down!.time);
    const s4 = stateOf(sim, 'S4');
    expect(s4.role).toBe('leader');
    expect(s4.members).toEqual(['S2', 'S3', 'S4', 'S5']);

    // Clients kept working across the changes; nothing unsafe, the history linearizable.
    expect(sim.state.clientOps.filter((o) => o.ok && o.invokedAt > 3500).length).toBeGreaterThan(5);
    expect(sim.state.violations).toEqual([]);
    expect(safetyProblems(sim)).toEqual([]);
  });
});
