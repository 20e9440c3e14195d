/**
 * Single-server membership changes, rule by rule (Ongaro's dissertation, §4.1–4.3).
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario';
import type { RaftSimulator } from './testkit';
import { raftScenario, raftSimulator, safetyProblems, stateOf, TestNode } from './testkit';
import { configEntryProblem } from './membershipInvariants';
import type { AppendEntries, LogEntry, RaftState } from './types';

const cfg = (term: number, members: string[]): LogEntry => ({
  term,
  command: null,
  config: members,
});

/** Three servers, S-something leads term 1 by 1 s; a light workload keeps commits coming. */
function threeServers(actions: ({ at: number } & Record<string, unknown>)[] = [], seed = 3) {
  return raftSimulator(
    raftScenario({
      nodes: 3,
      seed,
      duration: 6000,
      workload: { clients: 2, rate: 10, keys: 3 },
      actions: actions as never,
    }),
    true,
  );
}

function leaderOf(sim: RaftSimulator): RaftState {
  const id = sim.currentLeader();
  if (id === null) throw new Error('no leader');
  return stateOf(sim, id);
}

const skips = (sim: RaftSimulator) =>
  sim.state.trace.filter((e) => e.kind === 'skip').map((e) => e.detail ?? '');

describe('§4.1 the configuration in force is the latest in the log, committed or not', () => {
  it('a follower adopts a configuration entry the moment it is appended, before it commits', () => {
    const node = new TestNode('S2', 3);
    expect(node.state.members).toEqual(['S1', 'S2', 'S3']);
    const ae: AppendEntries = {
      type: 'AppendEntries',
      term: 1,
      leaderId: 'S1',
      prevLogIndex: 0,
      prevLogTerm: 0,
      entries: [{ term: 1, command: null }, cfg(1, ['S1', 'S2', 'S3', 'S4'])],
      leaderCommit: 0,
    };
    node.receive('S1', ae);
    expect(node.state.commitIndex).toBe(0);
    expect(node.state.members).toEqual(['S1', 'S2', 'S3', 'S4']);
    expect(node.state.peers).toEqual(['S1', 'S3', 'S4']);
    expect(node.state.configIndex).toBe(2);
  });

  it('a configuration entry truncated away stops being in force: the one before it returns', () => {
    const node = new TestNode('S2', 3);
    node.receive('S1', {
      type: 'AppendEntries',
      term: 1,
      leaderId: 'S1',
      prevLogIndex: 0,
      prevLogTerm: 0,
      entries: [{ term: 1, command: null }, cfg(1, ['S1', 'S2'])],
      leaderCommit: 1,
    });
    expect(node.state.members).toEqual(['S1', 'S2']);
    // A leader of term 2 never had entry 2: its entry there replaces it.
    node.receive('S3', {
      type: 'AppendEntries',
      term: 2,
      leaderId: 'S3',
      prevLogIndex: 1,
      prevLogTerm: 1,
      entries: [{ term: 2, command: null }],
      leaderCommit: 1,
    });
    expect(node.state.members).toEqual(['S1', 'S2', 'S3']);
    expect(node.state.configIndex).toBe(0);
  });

  it('a restarted server reads its configuration back from its log', () => {
    const node = new TestNode(
      'S2',
      3,
      {},
      {
        log: [{ term: 1, command: null }, cfg(1, ['S1', 'S2', 'S3', 'S4'])],
        currentTerm: 1,
      },
    );
    expect(node.state.members).toEqual(['S1', 'S2', 'S3', 'S4']);
  });
});

describe('§4.1 one change at a time', () => {
  it('the leader refuses a second change until the first is committed', () => {
    const sim = threeServers([
      { at: 1000, type: 'add-server' },
      { at: 1000, type: 'add-server' },
    ]).run();
    expect(sim.state.nodes.map((n) => n.id)).toEqual(['S1', 'S2', 'S3', 'S4']);
    expect(skips(sim)).toEqual([
      expect.stringMatching(
        /add-server: S\d refuses: the previous configuration change \(entry \d+\) is not committed yet/,
      ),
    ]);
    expect(leaderOf(sim).members).toEqual(['S1', 'S2', 'S3', 'S4']);
    expect(safetyProblems(sim)).toEqual([]);
  });

  it('a new leader takes no change before it has committed an entry of its own term (§4.1 errata)', () => {
    // No no-op on election and no clients: the new leader commits nothing in its term.
    const sim = raftSimulator(
      raftScenario({
        nodes: 3,
        seed: 3,
        duration: 2000,
        raft: { noopOnElection: false },
        workload: { clients: 0 },
        actions: [
          { at: 1000, type: 'add-server' },
          { at: 1200, type: 'request', node: 'leader', op: { type: 'put', key: 'k', value: 'v' } },
          { at: 1500, type: 'add-server' },
        ],
      }),
      true,
    ).run();
    expect(skips(sim)[0]).toMatch(/has committed no entry of its own term 1 yet/);
    // Once the put of term 1 commits, the change goes through: S4 is the first server added.
    expect(sim.state.nodes.map((n) => n.id)).toEqual(['S1', 'S2', 'S3', 'S4']);
    expect(leaderOf(sim).members).toEqual(['S1', 'S2', 'S3', 'S4']);
  });

  it('every configuration entry a leader appends changes one server (the checker agrees)', () => {
    const leader = new TestNode('S1', 3).state;
    leader.role = 'leader';
    leader.currentTerm = 2;
    leader.log = [{ term: 2, command: null }, cfg(2, ['S1', 'S4'])];
    leader.commitIndex = 1;
    expect(configEntryProblem(leader, 2)).toMatch(/changed 3 servers at once/);
    leader.log = [{ term: 2, command: null }, cfg(2, ['S1', 'S2', 'S3', 'S4'])];
    expect(configEntryProblem(leader, 2)).toBeNull();
    leader.log.push(cfg(2, ['S1', 'S2', 'S3', 'S4', 'S5']));
    expect(configEntryProblem(leader, 3)).toMatch(
      /before the previous one \(entry 2\) was committed/,
    );
    leader.commitIndex = 0;
    leader.log = [cfg(2, ['S1', 'S2', 'S3', 'S4'])];
    expect(configEntryProblem(leader, 1)).toMatch(/before committing an entry of its term 2/);
  });
});

describe('§4.2 adding and removing servers', () => {
  it('quorums are majorities of the configuration in force, not of the servers that exist', () => {
    // Grown to five, three down: the two left are a majority of the first three, not of five.
    const sim = threeServers([
      { at: 1000, type: 'add-server' },
      { at: 1500, type: 'add-server' },
      { at: 2000, type: 'crash', node: 'S4' },
      { at: 2000, type: 'crash', node: 'S5' },
      { at: 2000, type: 'crash', node: 'S2' },
    ]);
    sim.runUntil(2000);
    const leader = leaderOf(sim);
    expect(leader.members).toHaveLength(5);
    const committed = leader.commitIndex;
    sim.runUntil(4000);
    expect(Math.max(...sim.state.nodes.map((n) => n.state?.commitIndex ?? 0))).toBe(committed);
    // One of them back: three of five, and commits resume.
    sim.act({ type: 'restart', node: 'S4' });
    sim.runUntil(6000);
    expect(Math.max(...sim.state.nodes.map((n) => n.state?.commitIndex ?? 0))).toBeGreaterThan(
      committed,
    );
    expect(safetyProblems(sim)).toEqual([]);
  });

  it('a leader removing itself does not count its own copy: {S2, S3} needs both (§4.2.2)', () => {
    const sim = threeServers();
    sim.runUntil(1000);
    const leader = leaderOf(sim);
    const others = ['S1', 'S2', 'S3'].filter((id) => id !== leader.id);
    sim.act({ type: 'crash', node: others[1]! });
    sim.act({ type: 'remove-server', node: leader.id });
    sim.runUntil(2500);
    // One of the two new members holds the entry: with the leader's own copy that would be
    // 2 of 2; without it, 1 of 2 — not committed, so the leader keeps leading.
    const s = stateOf(sim, leader.id);
    expect(s.members).toEqual(others);
    expect(s.commitIndex).toBeLessThan(s.configIndex);
    expect(s.role).toBe('leader');
    // The crashed member returns: the removal commits and the leader steps down.
    sim.act({ type: 'restart', node: others[1]! });
    sim.runUntil(4000);
    expect(stateOf(sim, leader.id).role).toBe('follower');
    expect(stateOf(sim, leader.id).commitIndex).toBeGreaterThanOrEqual(s.configIndex);
    expect(safetyProblems(sim)).toEqual([]);
  });

  it('a leader that removes itself steps down once that entry commits, then never campaigns (§4.2.2)', () => {
    const sim = threeServers([{ at: 1000, type: 'remove-server', node: 'leader' }]);
    sim.runUntil(1000);
    const old = sim.currentLeader()!;
    sim.runUntil(6000);
    const s = stateOf(sim, old);
    expect(s.members).not.toContain(old);
    expect(s.role).toBe('follower');
    const steps = sim.state.trace.find(
      (e) => e.node === old && /steps down: the configuration without it/.test(e.detail ?? ''),
    );
    expect(steps).toBeDefined();
    expect(s.commitIndex).toBeGreaterThanOrEqual(s.configIndex);
    // A member leads a later term; the removed server never became a candidate again.
    const next = sim.currentLeader();
    expect(next).not.toBeNull();
    expect(next).not.toBe(old);
    expect(leaderOf(sim).members).toHaveLength(2);
    const campaigns = sim.state.trace.filter(
      (e) => e.kind === 'role' && e.node === old && e.campaigns,
    );
    expect(campaigns.filter((e) => e.time > 1000)).toEqual([]);
    // Even a forced timeout does not make it campaign.
    sim.act({ type: 'timeout', node: old });
    expect(stateOf(sim, old).role).toBe('follower');
    expect(safetyProblems(sim)).toEqual([]);
  });

  it('a new server catches up from an empty log and counts in the quorum once it is added', () => {
    const sim = threeServers([{ at: 1000, type: 'add-server' }]).run();
    const s4 = stateOf(sim, 'S4');
    const leader = leaderOf(sim);
    expect(s4.members).toEqual(['S1', 'S2', 'S3', 'S4']);
    expect(s4.commitIndex).toBeGreaterThan(leader.commitIndex - 5);
    expect(s4.kv).toEqual(leader.kv);
    expect(sim.state.trace.filter((e) => e.kind === 'join').map((e) => e.node)).toEqual(['S4']);
  });

  it('ids are always fresh: a server added after a removal is the next number, never a reused one', () => {
    const sim = threeServers([
      { at: 1000, type: 'add-server' },
      { at: 2000, type: 'remove-server', node: 'S4' },
      { at: 3000, type: 'add-server' },
    ]).run();
    expect(sim.state.nodes.map((n) => n.id)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5']);
    expect(leaderOf(sim).members).toEqual(['S1', 'S2', 'S3', 'S5']);
    expect(safetyProblems(sim)).toEqual([]);
  });

  it('remove-server of a server that is not in the configuration is refused with its reason', () => {
    const sim = threeServers([
      { at: 1000, type: 'add-server' },
      { at: 2000, type: 'remove-server', node: 'S4' },
      { at: 3000, type: 'remove-server', node: 'S4' },
    ]).run();
    expect(skips(sim)).toEqual([expect.stringMatching(/refuses: S4 is not in the configuration/)]);
  });
});

describe('determinism with a growing cluster', () => {
  it('the same scenario and seed give the same trace, byte for byte', () => {
    const actions = [
      { at: 800, type: 'add-server' },
      { at: 1600, type: 'add-server' },
      { at: 2400, type: 'remove-server', node: 'leader' },
      { at: 3000, type: 'crash', node: 'S5' },
    ];
    const a = threeServers(actions, 5).run();
    const b = threeServers(actions, 5).run();
    expect(JSON.stringify(b.state.trace)).toBe(JSON.stringify(a.state.trace));
    expect(a.state.nodes).toHaveLength(5);
  });
});

describe('scenario checks for membership actions', () => {
  const errorsOf = (json: Record<string, unknown>) => {
    const r = parseScenario({ nodes: 3, seed: 1, duration: 5000, protocol: 'raft', ...json });
    return r.ok ? [] : r.errors;
  };

  it('an action may name a server from the time an add-server starts it', () => {
    expect(
      errorsOf({
        actions: [
          { at: 1000, type: 'add-server' },
          { at: 2000, type: 'crash', node: 'S4' },
          { at: 3000, type: 'remove-server', node: 'S4' },
        ],
      }),
    ).toEqual([]);
    expect(
      errorsOf({
        actions: [
          { at: 500, type: 'remove-server', node: 'S4' },
          { at: 1000, type: 'add-server' },
        ],
      }),
    ).toEqual([
      '$.actions[0].node: unknown node "S4" (expected S1…S3 or "leader"; S4 is added later, by add-server #1)',
    ]);
  });

  it('a protocol without membership change rejects the actions, naming them', () => {
    expect(errorsOf({ protocol: 'paxos', actions: [{ at: 1000, type: 'add-server' }] })).toEqual([
      '$.actions[0]: add-server: Paxos runs a fixed cluster (it has no membership change)',
    ]);
  });

  it('a cluster may not grow past 15 servers', () => {
    const adds = Array.from({ length: 3 }, (_, i) => ({ at: 1000 + i, type: 'add-server' }));
    expect(errorsOf({ nodes: 13, actions: adds })).toEqual([
      '$.actions[2]: add-server would make 16 servers, more than the 15 a run may have',
    ]);
  });
});
