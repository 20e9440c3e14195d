import { describe, expect, it } from 'vitest';
import { createSimulator } from './create';
import { runScenario } from './run';
import { canonicalStateJson, firstDifference } from './testing/compare';
import { scenarioOf } from './testing/scenarios';
import type { TraceEntry } from './types';

const kinds = (trace: TraceEntry[], kind: string) => trace.filter((t) => t.kind === kind);

describe('simulator: network', () => {
  it('delivers every message within the latency range', () => {
    const sim = createSimulator(
      scenarioOf({ network: { latency: { min: 10, max: 15 } }, duration: 2000 }),
      { trace: true },
    ).run();
    const sends = kinds(sim.state.trace, 'send');
    expect(sends.length).toBeGreaterThan(50);
    for (const s of sends) {
      expect(s.deliverAt! - s.time).toBeGreaterThanOrEqual(10);
      expect(s.deliverAt! - s.time).toBeLessThanOrEqual(15);
    }
    expect(sim.state.stats.dropped).toBe(0);
  });

  it('applies per-link latency overrides', () => {
    const sim = createSimulator(
      scenarioOf({
        network: {
          latency: { min: 10, max: 10 },
          links: [{ from: 'S1', to: 'S2', latency: { min: 100, max: 100 } }],
        },
      }),
      { trace: true },
    ).run();
    const sends = kinds(sim.state.trace, 'send');
    const slow = sends.filter((s) => s.from === 'S1' && s.to === 'S2');
    const fast = sends.filter((s) => s.from === 'S2' && s.to === 'S1');
    expect(slow.length).toBeGreaterThan(0);
    expect(slow.every((s) => s.deliverAt! - s.time === 100)).toBe(true);
    expect(fast.every((s) => s.deliverAt! - s.time === 10)).toBe(true);
  });

  it('a one-way cut drops one direction only', () => {
    const sim = createSimulator(
      scenarioOf({ actions: [{ at: 0, type: 'cut', from: 'S1', to: 'S2' }] }),
      { trace: true },
    ).run();
    const delivered = kinds(sim.state.trace, 'deliver');
    expect(delivered.some((d) => d.from === 'S1' && d.to === 'S2')).toBe(false);
    expect(delivered.some((d) => d.from === 'S2' && d.to === 'S1')).toBe(true);
    expect(kinds(sim.state.trace, 'drop').some((d) => d.from === 'S1' && d.to === 'S2')).toBe(true);
  });

  it('a partition cuts links across groups and heal restores them', () => {
    const sim = createSimulator(
      scenarioOf({
        nodes: 5,
        duration: 1000,
        actions: [
          {
            at: 0,
            type: 'partition',
            groups: [
              ['S1', 'S2'],
              ['S3', 'S4', 'S5'],
            ],
          },
          { at: 500, type: 'heal' },
        ],
      }),
      { trace: true },
    ).run();
    const crossing = (t: TraceEntry) =>
      ['S1', 'S2'].includes(t.from!) !== ['S1', 'S2'].includes(t.to!);
    const delivered = kinds(sim.state.trace, 'deliver').filter((d) => !d.from!.startsWith('c'));
    expect(delivered.filter((d) => d.time < 500).some(crossing)).toBe(false);
    expect(delivered.filter((d) => d.time > 600).some(crossing)).toBe(true);
    expect(delivered.filter((d) => d.time < 500).some((d) => !crossing(d))).toBe(true);
    expect(sim.state.cut.flat().every((down) => !down)).toBe(true);
  });

  it('loses about the configured fraction of messages', () => {
    const { stats } = runScenario(scenarioOf({ network: { loss: 0.3 }, duration: 20000 }));
    const lossRate = stats.dropped / stats.sent;
    expect(lossRate).toBeGreaterThan(0.25);
    expect(lossRate).toBeLessThan(0.35);
  });

  it('duplicates about the configured fraction of messages', () => {
    const { stats } = runScenario(scenarioOf({ network: { duplicate: 0.2 }, duration: 20000 }));
    const original = stats.sent - stats.duplicated;
    expect(stats.duplicated / original).toBeGreaterThan(0.15);
    expect(stats.duplicated / original).toBeLessThan(0.25);
  });
});

describe('simulator: node faults', () => {
  it('a crashed node loses volatile state, keeps persistent state, and drops its messages', () => {
    const sim = createSimulator(
      scenarioOf({
        actions: [
          { at: 300, type: 'crash', node: 'S1' },
          { at: 600, type: 'restart', node: 'S1' },
        ],
      }),
      { trace: true },
    );
    sim.runUntil(299);
    const before = sim.state.nodes[0]!.state as { pingsReceived: number; boots: number };
    expect(before.pingsReceived).toBeGreaterThan(0);
    sim.runUntil(599);
    expect(sim.state.nodes[0]!.up).toBe(false);
    expect(sim.state.nodes[0]!.state).toBeNull();
    const whileDown = kinds(sim.state.trace, 'deliver').filter(
      (d) => d.to === 'S1' && d.time > 300 && d.time < 599,
    );
    expect(whileDown).toEqual([]);
    expect(
      kinds(sim.state.trace, 'drop').some((d) => d.to === 'S1' && /down/.test(d.detail!)),
    ).toBe(true);
    sim.runUntil(601);
    const after = sim.state.nodes[0]!.state as { pingsReceived: number; boots: number };
    expect(after.boots).toBe(2); // persistent
    expect(after.pingsReceived).toBe(0); // volatile
  });

  it('a paused node neither receives nor fires timers, then handles what arrived', () => {
    const sim = createSimulator(
      scenarioOf({ actions: [{ at: 250, type: 'pause', node: 'S2', duration: 400 }] }),
      { trace: true },
    ).run();
    const trace = sim.state.trace;
    const during = trace.filter((t) => t.time > 250 && t.time < 650);
    expect(during.some((t) => t.kind === 'deliver' && t.to === 'S2')).toBe(false);
    expect(during.some((t) => t.kind === 'timer' && t.node === 'S2')).toBe(false);
    const resumed = trace.find((t) => t.kind === 'resume' && t.node === 'S2')!;
    expect(resumed.time).toBe(650);
    // Deferred deliveries are handled at the resume instant.
    expect(trace.some((t) => t.kind === 'deliver' && t.to === 'S2' && t.time === 650)).toBe(true);
  });

  it('records no-op actions instead of failing', () => {
    const sim = createSimulator(
      scenarioOf({
        actions: [
          { at: 10, type: 'restart', node: 'S1' },
          { at: 20, type: 'heal' },
          { at: 30, type: 'crash', node: 'S2' },
          { at: 40, type: 'crash', node: 'S2' },
        ],
      }),
      { trace: true },
    ).run();
    expect(kinds(sim.state.trace, 'noop').map((t) => t.detail)).toEqual([
      'restart: S1 is already up',
      'heal: every link up',
      'crash: S2 is already down',
    ]);
  });

  it('skips an action on "leader" when there is no leader, and says so', () => {
    const sim = createSimulator(
      scenarioOf({ actions: [{ at: 10, type: 'crash', node: 'leader' }] }),
      {
        trace: true,
      },
    ).run();
    expect(kinds(sim.state.trace, 'skip')[0]!.detail).toBe('crash: there is no leader');
    expect(sim.state.nodes.every((n) => n.up)).toBe(true);
  });
});

describe('simulator: clients', () => {
  it('records every workload operation with invoke and completion times', () => {
    const r = runScenario(
      scenarioOf({ duration: 5000, workload: { clients: 3, rate: 20, keys: 2, readRatio: 0.5 } }),
    );
    expect(r.clientOps.length).toBeGreaterThan(100);
    for (const op of r.clientOps) {
      expect(op.invokedAt).toBeLessThanOrEqual(op.completedAt ?? Infinity);
      expect(['c1', 'c2', 'c3']).toContain(op.client);
    }
    const done = r.clientOps.filter((o) => o.ok);
    expect(done.length).toBeGreaterThan(r.clientOps.length - 4);
    // Each client has at most one operation outstanding at a time.
    for (const c of ['c1', 'c2', 'c3']) {
      const mine = r.clientOps.filter((o) => o.client === c);
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i]!.invokedAt).toBeGreaterThanOrEqual(mine[i - 1]!.completedAt!);
      }
    }
    const reads = r.clientOps.filter((o) => o.op === 'get').length;
    expect(reads / r.clientOps.length).toBeGreaterThan(0.35);
    expect(reads / r.clientOps.length).toBeLessThan(0.65);
  });

  it('retries at another server when a server is down, and gives up at the deadline', () => {
    const r = runScenario(
      scenarioOf({
        duration: 4000,
        workload: { clients: 2, rate: 20, requestTimeout: 100, opTimeout: 1000 },
        actions: [
          { at: 0, type: 'crash', node: 'S1' },
          { at: 0, type: 'crash', node: 'S2' },
          { at: 0, type: 'crash', node: 'S3' },
          { at: 2000, type: 'restart', node: 'S3' },
        ],
      }),
    );
    const early = r.clientOps.filter((o) => o.invokedAt < 900);
    expect(early.length).toBeGreaterThan(0);
    for (const op of early) {
      expect(op.ok).toBe(false);
      expect(op.result).toBe('timeout');
      expect(op.completedAt! - op.invokedAt).toBeCloseTo(1000, 3);
      expect(op.attempts).toBeGreaterThan(5);
    }
    expect(r.clientOps.some((o) => o.invokedAt > 2100 && o.ok)).toBe(true);
  });

  it('answers a scripted request from the user client without retrying', () => {
    const r = runScenario(
      scenarioOf({
        actions: [
          { at: 100, type: 'request', node: 'S2', op: { type: 'put', key: 'x', value: '7' } },
        ],
      }),
    );
    expect(r.clientOps).toHaveLength(1);
    expect(r.clientOps[0]).toMatchObject({
      client: 'user1',
      op: 'put',
      key: 'x',
      value: '7',
      ok: true,
      attempts: 1,
    });
  });
});

describe('simulator: determinism', () => {
  const busy = {
    nodes: 5,
    duration: 5000,
    network: { latency: { min: 5, max: 30 }, loss: 0.05, duplicate: 0.05 },
    workload: { clients: 3, rate: 30 },
    actions: [
      { at: 1000, type: 'crash', node: 'S2' },
      { at: 1500, type: 'partition', groups: [['S1'], ['S3', 'S4', 'S5']] },
      { at: 2500, type: 'heal' },
      { at: 3000, type: 'restart', node: 'S2' },
      { at: 3500, type: 'pause', node: 'S4', duration: 200 },
    ],
  };

  it('the same scenario and seed give byte-identical output', () => {
    const a = JSON.stringify(runScenario(scenarioOf(busy), { trace: true }));
    const b = JSON.stringify(runScenario(scenarioOf(busy), { trace: true }));
    expect(a.length).toBeGreaterThan(10000);
    expect(firstDifference(a, b)).toBeNull();
  });

  it('two seeds give different runs', () => {
    const a = JSON.stringify(runScenario(scenarioOf({ ...busy, seed: 1 })));
    const b = JSON.stringify(runScenario(scenarioOf({ ...busy, seed: 2 })));
    expect(a).not.toBe(b);
  });

  it('a user action equals the same action scripted at the same time', () => {
    const scripted = createSimulator(
      scenarioOf({ ...busy, actions: [{ at: 777, type: 'crash', node: 'S3' }] }),
      { trace: true },
    ).run();
    const live = createSimulator(scenarioOf({ ...busy, actions: [] }), { trace: true });
    live.runUntil(777);
    live.act({ type: 'crash', node: 'S3' });
    live.run();
    expect(
      firstDifference(canonicalStateJson(live.state), canonicalStateJson(scripted.state)),
    ).toBeNull();
  });

  it('a step-by-step run equals a run straight through', () => {
    const straight = createSimulator(scenarioOf(busy)).run();
    const stepped = createSimulator(scenarioOf(busy));
    while (stepped.nextEventTime() <= busy.duration) stepped.step();
    stepped.runUntil(busy.duration);
    expect(
      firstDifference(canonicalStateJson(stepped.state), canonicalStateJson(straight.state)),
    ).toBeNull();
  });
});
