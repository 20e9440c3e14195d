/**
 * The simulator's half of membership change: a server joins at run time with its runtime,
 * links, random stream and trace presence; history scrubs across the change; protocols
 * without membership refuse it.
 */
import { describe, expect, it } from 'vitest';
import { RunHistory } from '../history/history';
import { parseScenario } from '../scenario';
import type { Scenario } from '../scenario';
import { raftScenario } from '../protocols/raft/testkit';
import { protocolModule } from '../protocols/registry';
import { decodeRunLink, encodeRunLink } from '../share/link';
import { Simulator } from '../simulator';

function grown(): Scenario {
  return raftScenario({
    nodes: 3,
    seed: 3,
    duration: 4000,
    workload: { clients: 2, rate: 10, keys: 3 },
    actions: [{ at: 1000, type: 'add-server' }],
  });
}

describe('a server that joins at run time', () => {
  it('gets a runtime, links both ways, a random stream and a join entry in the trace', () => {
    const sim = new Simulator(grown(), protocolModule('raft'), { trace: true });
    sim.runUntil(1000);
    const st = sim.state;
    expect(st.nodes.map((n) => n.id)).toEqual(['S1', 'S2', 'S3', 'S4']);
    expect(sim.ids).toEqual(['S1', 'S2', 'S3', 'S4']);
    expect(sim.indexOf.get('S4')).toBe(3);
    expect(st.cut).toHaveLength(4);
    for (const row of st.cut) expect(row).toEqual([false, false, false, false]);
    expect(st.rng.nodes).toHaveLength(4);
    expect(st.observed).toHaveLength(4);
    expect(sim.contexts[3]!.self).toBe('S4');
    expect(sim.contexts[0]!.peers).toEqual(['S2', 'S3', 'S4']);
    expect(st.trace.filter((e) => e.kind === 'join')).toEqual([
      expect.objectContaining({ node: 'S4', time: 1000 }),
    ]);
    // It takes part: messages reach it and its answers come back.
    sim.runUntil(1500);
    const delivered = st.trace.filter((e) => e.kind === 'deliver' && e.from === 'S4');
    expect(delivered.length).toBeGreaterThan(0);
  });

  it('a partition drawn after it joined places it like any other server', () => {
    const sim = new Simulator(grown(), protocolModule('raft'));
    sim.runUntil(1100);
    sim.act({
      type: 'partition',
      groups: [
        ['S1', 'S4'],
        ['S2', 'S3'],
      ],
    });
    expect(sim.state.cut[3]).toEqual([false, true, true, false]);
    expect(sim.state.cut[1]![3]).toBe(true);
  });

  it('a user action adds a server like a scripted one: the runs are the same', () => {
    const scripted = new Simulator(grown(), protocolModule('raft'), { trace: true }).run();
    const s = grown();
    s.actions = [];
    const live = new Simulator(s, protocolModule('raft'), { trace: true });
    live.runUntil(1000);
    live.act({ type: 'add-server' });
    live.run();
    expect(JSON.stringify(live.state.trace)).toBe(JSON.stringify(scripted.state.trace));
  });

  it('the history scrubs back to before the server joined and forward again, identically', () => {
    const h = new RunHistory(grown(), { keyframeEvery: 50 });
    h.advanceTo(3000);
    const ahead = JSON.stringify(h.sim.state.nodes.map((n) => n.state));
    h.seekTime(500);
    expect(h.sim.state.nodes).toHaveLength(3);
    expect(h.sim.ids).toEqual(['S1', 'S2', 'S3']);
    expect(h.sim.contexts).toHaveLength(3);
    h.seekTime(3000);
    expect(h.sim.ids).toEqual(['S1', 'S2', 'S3', 'S4']);
    expect(JSON.stringify(h.sim.state.nodes.map((n) => n.state))).toBe(ahead);
  });

  it('a protocol without membership change refuses a live add-server with its reason', () => {
    const parsed = parseScenario({ protocol: 'dynamo', nodes: 3, seed: 1, duration: 1000 });
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const sim = new Simulator(parsed.scenario, protocolModule('dynamo'), { trace: true });
    sim.runUntil(100);
    sim.act({ type: 'add-server' });
    expect(sim.state.nodes).toHaveLength(3);
    expect(sim.state.trace.filter((e) => e.kind === 'skip').map((e) => e.detail)).toEqual([
      'add-server: Dynamo runs a fixed cluster (no membership change)',
    ]);
  });

  it('a share link may hold a user action on a server a scripted add-server started', () => {
    const text = encodeRunLink({
      scenario: grown(),
      userActions: [{ at: 2000, action: { type: 'remove-server', node: 'S4' } }],
      cursorTime: 2500,
    });
    const decoded = decodeRunLink(text);
    expect(decoded.ok ? decoded.link.userActions : decoded.error).toEqual([
      { at: 2000, action: { type: 'remove-server', node: 'S4' } },
    ]);
  });
});
