/**
 * Log compaction in whole runs (§7): the shipped raft-snapshot-catch-up scenario tells its
 * story on its own seed, and compaction keeps every safety check quiet across seeds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../scenario';
import type { Scenario } from '../../scenario';
import { firstLogIndex, lastLogIndex, snapshotIndex } from './log';
import { leaders, raftScenario, raftSimulator, safetyProblems, stateOf, upStates } from './testkit';

function shipped(): Scenario {
  const text = readFileSync('public/scenarios/raft-snapshot-catch-up.json', 'utf8');
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

describe('raft-snapshot-catch-up (shipped)', () => {
  it('is listed in public/scenarios/index.json', () => {
    const index = JSON.parse(readFileSync('public/scenarios/index.json', 'utf8')) as {
      file: string;
    }[];
    expect(index.map((e) => e.file)).toContain('raft-snapshot-catch-up.json');
  });

  it('on its seed: the others compact past S1’s log while it is down; on restart S1 installs the leader’s snapshot and ends with the leader’s store', () => {
    const scenario = shipped();
    expect(scenario.protocolConfig).toMatchObject({ snapshotEvery: 10 });
    const sim = raftSimulator(scenario, true);
    sim.runUntil(999);
    const s1 = stateOf(sim, 'S1');
    // S1 crashes holding entries up to 15, the first 10 in its own snapshot.
    expect(snapshotIndex(s1)).toBe(10);
    const heldAtCrash = lastLogIndex(s1);
    expect(heldAtCrash).toBe(15);

    sim.runUntil(3499);
    expect(sim.state.nodes.find((n) => n.id === 'S1')!.up).toBe(false);
    for (const s of upStates(sim)) {
      // Compacted far past S1's log: the entries S1 lacks exist in no log any more.
      expect(firstLogIndex(s), s.id).toBeGreaterThan(heldAtCrash + 1);
    }

    sim.run();
    const trace = sim.state.trace;
    const installs = trace.filter(
      (e) =>
        e.kind === 'deliver' && e.to === 'S1' && e.msgKind === 'InstallSnapshot' && e.time > 3500,
    );
    expect(installs.length).toBeGreaterThan(0);
    expect(installs[0]!.from).toBe('S3');
    // Figure 13, step 7: its log ends before the snapshot's last entry, so it is discarded.
    const note = trace.find(
      (e) => e.kind === 'note' && e.node === 'S1' && /^installs S3's snapshot/.test(e.detail ?? ''),
    );
    expect(note?.detail).toMatch(/discarding its log 11…15$/);
    // It counts against the messages like any other.
    expect(sim.state.stats.byKind.InstallSnapshot).toBeGreaterThan(0);

    // S3 leads term 1 throughout; S1 ends with the leader's store, applied as far.
    expect(sim.state.leaders.map((l) => [l.node, l.epoch])).toEqual([['S3', 1]]);
    const leader = leaders(sim)[0]!;
    const after = stateOf(sim, 'S1');
    expect(Object.keys(leader.kv).length).toBeGreaterThan(0);
    expect(after.kv).toEqual(leader.kv);
    expect(after.sessions).toEqual(leader.sessions);
    expect(after.lastApplied).toBe(leader.lastApplied);
    expect(snapshotIndex(after)).toBeGreaterThan(heldAtCrash);
    expect(safetyProblems(sim)).toEqual([]);
  });

  it('without compaction the same run repairs S1 by AppendEntries alone', () => {
    const scenario = shipped();
    scenario.protocolConfig = { ...(scenario.protocolConfig as object), snapshotEvery: 0 };
    const sim = raftSimulator(scenario).run();
    expect(sim.state.stats.byKind.InstallSnapshot ?? 0).toBe(0);
    expect(stateOf(sim, 'S1').kv).toEqual(leaders(sim)[0]!.kv);
    expect(stateOf(sim, 'S1').snapshot).toBeNull();
  });
});

describe('§7 compaction across seeds', () => {
  it('40 seeds of crash-and-restart with frequent snapshots: InstallSnapshot happens, every check holds', () => {
    let installs = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const scenario = raftScenario({
        seed,
        duration: 5000,
        raft: { snapshotEvery: 4 },
        workload: { clients: 2, rate: 30, keys: 3, readRatio: 0.3 },
        actions: [
          { at: 800, type: 'crash', node: 'leader' },
          { at: 1200, type: 'crash', node: `S${(seed % 5) + 1}` },
          { at: 2500, type: 'restart', node: 'S1' },
          { at: 2500, type: 'restart', node: 'S2' },
          { at: 2500, type: 'restart', node: 'S3' },
          { at: 2500, type: 'restart', node: 'S4' },
          { at: 2500, type: 'restart', node: 'S5' },
          { at: 4000, type: 'workload', enabled: false },
        ],
      });
      const sim = raftSimulator(scenario).run();
      expect(safetyProblems(sim), `seed ${seed}`).toEqual([]);
      installs += sim.state.stats.byKind.InstallSnapshot ?? 0;
      const states = upStates(sim);
      for (const s of states) expect(s.kv, `seed ${seed} ${s.id}`).toEqual(states[0]!.kv);
    }
    expect(installs).toBeGreaterThan(40);
  });
});
