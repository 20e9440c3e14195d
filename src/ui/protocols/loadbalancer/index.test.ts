import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../../engine/create';
import type { LbView } from '../../../engine/protocols/loadbalancer/view';
import { parseScenario } from '../../../engine/scenario';
import type { NodeView, RunInfo } from '../../../worker/protocol';
import { defaultScenarioJson } from '../../../worker/defaultScenario';
import { BackendsPanel } from './BackendsPanel';
import { QueuePanel } from './QueuePanel';
import { AggregatePanel } from '../../views/load/AggregatePanel';
import { ComparePanel } from '../../views/load/ComparePanel';
import { viewModule } from '../registry';
import { backendRows, servedShares } from './backends';
import { lbStatus, loadText } from './config';
import { barShare, lbDecor, speedText } from './decor';
import { healthText, pct, queueText } from './inspect';
import { loadBalancerView } from '.';

const ids = ['S1', 'S2', 'S3'];

/** The lab's view of a short run: S2 crashes at 2 s, health checks every 200 ms. */
function viewAt(time: number): { view: LbView; up: boolean[] } {
  const p = parseScenario({
    protocol: 'loadbalancer',
    nodes: 3,
    seed: 3,
    duration: 10_000,
    network: { latency: { min: 1, max: 2 } },
    loadbalancer: {
      strategy: 'round-robin',
      workers: 2,
      healthCheck: { interval: 200, threshold: 2 },
      speeds: { S3: 0.5 },
    },
    load: { model: 'open', rate: 300 },
    actions: [{ at: 2000, type: 'crash', node: 'S2' }],
  });
  if (!p.ok) throw new Error(p.errors.join('\n'));
  const sim = createSimulator(p.scenario);
  sim.runUntil(time);
  const reads = sim.ids.map((_, i) => sim.read(i));
  const view = sim.module.view(
    reads,
    { windowEnd: null },
    { time: sim.state.time, balancer: sim.state.balancer },
  ) as LbView;
  return { view, up: reads.map((r) => r.up) };
}

const node = (id: string, up = true): NodeView => ({
  id,
  up,
  pausedUntil: 0,
  role: up ? 'backend' : 'down',
  epoch: null,
  leads: false,
  campaigns: false,
  timers: [],
});

describe('the load-balancer view module', () => {
  it('is registered as "loadbalancer" with the Backends table, the queues over time, the aggregate report and compare mode', () => {
    expect(viewModule('loadbalancer')).toBe(loadBalancerView);
    expect(loadBalancerView.panels).toEqual([
      BackendsPanel,
      QueuePanel,
      AggregatePanel,
      ComparePanel,
    ]);
    expect(loadBalancerView.presets({ ids, leader: null })).toEqual([]);
  });

  it('puts the strategy, the workers and the load on the status line', () => {
    const run = (config: unknown, load: unknown) =>
      ({
        protocol: 'loadbalancer',
        config,
        scenarioText: JSON.stringify({ load }),
      }) as RunInfo;
    const open = { model: 'open' as const, rate: 175, phases: [], clients: 10, keys: 1000 };
    expect(lbStatus(run({ strategy: 'p2c', workers: 2 }, open))).toBe(
      'p2c · 2 workers · open load 175/s',
    );
    const closed = { model: 'closed' as const, users: 30, thinkTime: 100, keys: 1000 };
    expect(lbStatus(run({ strategy: 'dns-round-robin', workers: 1 }, closed))).toBe(
      'dns-round-robin · 1 worker · 30 users, think 100 ms',
    );
    expect(loadText({ ...open, phases: [{ at: 0, rate: 5 }] })).toBe('open load 175/s, 1 phase');
    expect(lbStatus({ protocol: 'raft', config: {}, scenarioText: '{}' } as RunInfo)).toBeNull();
  });

  it('sees a crashed backend marked down by the health checks, and the others take the load', () => {
    const before = viewAt(1900);
    expect(before.view.seen!.map((s) => s.health)).toEqual([
      'in rotation',
      'in rotation',
      'in rotation',
    ]);
    // Two failed probes 200 ms apart: down between 400 and 600 ms after the crash.
    const after = viewAt(3000);
    expect(after.up).toEqual([true, false, true]);
    expect(after.view.seen![1]!.health).toBe('down');
    const rows = backendRows(
      after.view,
      ids.map((id, i) => node(id, after.up[i])),
    );
    expect(rows.map((r) => r.state)).toEqual(['in rotation', 'crashed', 'in rotation']);
    // Requests sent to S2 before the checks noticed never came back: the balancer counts them.
    expect(after.view.seen![1]!.sent).toBeGreaterThan(before.view.seen![1]!.sent);
    const s1 = viewAt(6000).view.seen![0]!.sent - after.view.seen![0]!.sent;
    const s2 = viewAt(6000).view.seen![1]!.sent - after.view.seen![1]!.sent;
    expect(s2).toBe(0);
    expect(s1).toBeGreaterThan(400);
    expect(rows[0]!.label).toMatch(
      /^S1: in rotation, utilisation \d+ %, \d+ waiting \(max \d+\), \d+ served, \d+ errors$/,
    );
    const shares = servedShares(rows);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('decorates a backend with its workers, queue and speed; a crashed one not at all', () => {
    const { view, up } = viewAt(3000);
    const d = lbDecor(view, 2, 'S3', ids, null)!;
    expect(d.workers).toBe(2);
    expect(d.speed).toBe(0.5);
    expect(d.full).toBe(20);
    expect(d.busy).toBe(view.backends[2]!.inService);
    expect(lbDecor(view, 2, 'S3', ids, 5)!.full).toBe(5);
    const decoration = loadBalancerView.decoration!;
    expect(decoration.decorate(node('S2', up[1]), 1, view, ids)).toBeNull();
    expect(decoration.decorate(node('S1'), 0, view, ids)).toMatchObject({
      speed: null,
      health: null,
    });
  });

  it('says the numbers in words', () => {
    expect(speedText(0.5)).toBe('×0.5');
    expect(speedText(1 / 3)).toBe('×0.33');
    expect(barShare(5, 20)).toBe(0.25);
    expect(barShare(30, 20)).toBe(1);
    expect(barShare(1, 0)).toBe(1);
    expect(pct(0.684)).toBe('68 %');
    expect(pct(0.004)).toBe('0.4 %');
    expect(pct(null)).toBe('—');
    expect(queueText(3, null)).toBe('3 waiting (unbounded)');
    expect(queueText(3, 10)).toBe('3 waiting (of 10 places)');
    const seen = { sent: 1, outstanding: 0, failed: 0, probeFailures: 0, ejectedUntil: null };
    expect(healthText({ ...seen, health: 'in rotation' }, 0)).toBe('in rotation');
    expect(healthText({ ...seen, health: 'down', probeFailures: 3 }, 0)).toBe(
      'marked down by health checks (3 probes failed)',
    );
    expect(healthText({ ...seen, health: 'ejected', ejectedUntil: 1500 }, 1000)).toBe(
      'ejected as an outlier for 500 ms more',
    );
  });

  it('gives the playground a load at 70 % of what its backends serve', () => {
    const json = defaultScenarioJson(5, 1, 'loadbalancer');
    expect(json.load).toEqual({ model: 'open', rate: 175 });
    expect(json.workload).toBeUndefined();
    expect(parseScenario(json).ok).toBe(true);
  });

  it('lists every shipped lb scenario in public/scenarios/index.json', () => {
    const index = JSON.parse(readFileSync('public/scenarios/index.json', 'utf8')) as {
      file: string;
    }[];
    const files = ['lb-dns-ttl-crash', 'lb-p2c-vs-random', 'lb-retry-storm', 'lb-slow-server'];
    for (const f of files) expect(index.map((e) => e.file)).toContain(`${f}.json`);
  });
});
