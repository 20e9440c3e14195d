/**
 * The snapshot projection, checked against the simulator's raw state and against theory —
 * never against the projection's own numbers.
 */
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../engine/create';
import { parseScenario } from '../engine/scenario';
import type { Scenario } from '../engine/scenario';
import type { ClientOpRecord } from '../engine/types';
import type { Simulator } from '../engine/simulator';
import { messageView, nodeView } from './projection';
import { WorkloadStats } from './workloadStats';

function scenario(extra: Record<string, unknown> = {}): Scenario {
  const r = parseScenario({
    protocol: 'raft',
    nodes: 5,
    seed: 7,
    duration: 5000,
    workload: { clients: 2, rate: 20, keys: 3 },
    ...extra,
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

/** Raft payload fields read directly, as a reader of Figure 2 would. */
interface RawRaft {
  type: string;
  term: number;
  entries?: unknown[];
  voteGranted?: boolean;
  success?: boolean;
}

function expectedClass(p: RawRaft): string {
  if (p.type === 'RequestVote') return 'vote-request';
  if (p.type === 'RequestVoteReply') return p.voteGranted ? 'vote-granted' : 'vote-denied';
  if (p.type === 'AppendEntries') return (p.entries?.length ?? 0) > 0 ? 'append' : 'heartbeat';
  return p.success ? 'append-ok' : 'append-fail';
}

describe('message views', () => {
  it('classify every message by its payload, with the term it carries', () => {
    const sim = createSimulator(scenario());
    const seen = new Set<string>();
    for (let i = 0; i < 4000 && sim.step(); i++) {
      for (const m of sim.messagesInFlight()) {
        const v = messageView(sim, m);
        if (m.client) {
          expect(v.cls).toBe(m.kind === 'ClientReply' ? 'client-reply' : 'client-request');
          expect(v.epoch).toBeNull();
        } else {
          const p = m.payload as RawRaft;
          expect(v.cls).toBe(expectedClass(p));
          expect(v.epoch).toBe(p.term);
          if (v.cls === 'append') expect(v.label).toBe(`AppendEntries ×${p.entries!.length}`);
        }
        seen.add(v.cls);
      }
    }
    // The run exercised heartbeats and appends both, so swapping them would be caught.
    for (const cls of ['vote-request', 'vote-granted', 'heartbeat', 'append', 'append-ok']) {
      expect(seen).toContain(cls);
    }
  });
});

function runToLeader(sim: Simulator): void {
  while (sim.currentLeader() === null && sim.step());
}

describe('node views', () => {
  it('show each armed timer with its due time and length, as the simulator armed it', () => {
    const sim = createSimulator(scenario());
    for (let i = 0; i < 5; i++) {
      const v = nodeView(sim, i);
      const election = v.timers.find((t) => t.name === 'election');
      expect(election).toBeDefined();
      // Armed at time 0 with a timeout drawn from [150, 300] (§5.2).
      expect(election!.due).toBeCloseTo(election!.length, 3);
      expect(election!.length).toBeGreaterThanOrEqual(150);
      expect(election!.length).toBeLessThanOrEqual(300);
    }
    runToLeader(sim);
    const leader = sim.ids.indexOf(sim.currentLeader()!);
    const lv = nodeView(sim, leader);
    expect(lv.role).toBe('leader');
    expect(lv.leads).toBe(true);
    // A leader runs no election timer, only its heartbeat (length = heartbeatInterval).
    expect(lv.timers.map((t) => t.name)).toEqual(['heartbeat']);
    expect(lv.timers[0]!.length).toBe(50);
    expect(lv.timers[0]!.due).toBeGreaterThan(sim.state.time);
  });

  it('a crashed node shows its persisted term and no timers', () => {
    const sim = createSimulator(scenario());
    runToLeader(sim);
    const term = (sim.state.nodes[0]!.state as { currentTerm: number }).currentTerm;
    sim.act({ type: 'crash', node: 'S1' });
    const v = nodeView(sim, 0);
    expect(v).toMatchObject({ up: false, role: 'down', epoch: term, leads: false, timers: [] });
  });
});

function op(id: number, latency: number | null): ClientOpRecord {
  return {
    id,
    client: 'c1',
    op: 'get',
    key: 'k',
    value: null,
    invokedAt: 1000,
    completedAt: latency === null ? null : 1000 + latency,
    ok: latency !== null,
    result: null,
    attempts: 1,
  };
}

describe('workload percentiles', () => {
  it('are the R-7 quantiles of the completed operations (1…100 ms: p50 50.5, p99 99.01)', () => {
    const ops = [...Array.from({ length: 100 }, (_, i) => op(i + 1, i + 1)), op(101, null)];
    const fake = {
      state: { clientOps: ops, workloadEnabled: true, workloadRate: 1 },
      scenario: { workload: { clients: 1 } },
    } as unknown as Simulator;
    const w = new WorkloadStats().workload(fake);
    expect(w.p50).toBeCloseTo(50.5, 9);
    expect(w.p99).toBeCloseTo(99.01, 9);
    expect({ total: w.total, ok: w.ok, pending: w.pending, failed: w.failed }).toEqual({
      total: 101,
      ok: 100,
      pending: 1,
      failed: 0,
    });
  });
});
