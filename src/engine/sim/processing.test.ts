/**
 * The processing model (sim/processing.ts): one message at a time per server, FIFO, each
 * taking `servers.processing` ms; a crash empties the inbox; off by default, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../create';
import { runScenario } from '../run';
import { parseScenario, scenarioToJson } from '../scenario';
import type { Scenario } from '../scenario';

function echo(extra: Record<string, unknown> = {}, actions: unknown[] = []): Scenario {
  const parsed = parseScenario({
    protocol: 'echo',
    nodes: 1,
    seed: 7,
    duration: 400,
    network: { latency: { min: 5, max: 5 } },
    echo: { pingInterval: 1000 },
    actions,
    ...extra,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

const put = (at: number, key: string) => ({
  at,
  type: 'request',
  node: 'S1',
  op: { type: 'put', key, value: 'v' },
});

/** Times the server handled a client request (its deliver entries). */
function handledAt(s: Scenario): number[] {
  const sim = createSimulator(s, { trace: true }).run();
  return sim.state.trace
    .filter((e) => e.kind === 'deliver' && e.to === 'S1' && e.msgKind === 'ClientRequest')
    .map((e) => e.time);
}

describe('the processing model', () => {
  const burst = [put(100, 'a'), put(100, 'b'), put(100, 'c')];

  it('handles messages the instant they arrive when it is off (the default)', () => {
    expect(handledAt(echo({}, burst))).toEqual([105, 105, 105]);
  });

  it('handles one message at a time, in arrival order, each taking `processing` ms', () => {
    const s = echo({ servers: { processing: 2 } }, burst);
    expect(handledAt(s)).toEqual([107, 109, 111]);
    const sim = createSimulator(s, { trace: true }).run();
    const keys = sim.state.clientOps.map((op) => [op.key, op.completedAt]);
    // Each answer leaves when its request was handled, and takes 5 ms back.
    expect(keys).toEqual([
      ['a', 112],
      ['b', 114],
      ['c', 116],
    ]);
  });

  it('an idle server starts at once: a lone message waits only its own processing', () => {
    expect(handledAt(echo({ servers: { processing: 2 } }, [put(100, 'a'), put(150, 'b')]))).toEqual(
      [107, 157],
    );
  });

  it('a crash empties the inbox: every waiting message is a drop, none is handled', () => {
    const s = echo({ servers: { processing: 2 } }, [
      ...burst,
      { at: 106, type: 'crash', node: 'S1' },
    ]);
    const sim = createSimulator(s, { trace: true }).run();
    const drops = sim.state.trace.filter((e) => e.kind === 'drop');
    expect(drops.map((d) => d.detail)).toEqual([
      'S1 crashed with it in its inbox',
      'S1 crashed with it in its inbox',
      'S1 crashed with it in its inbox',
    ]);
    expect(handledAt(s)).toEqual([]);
    expect(sim.state.stats.dropped).toBe(3);
  });

  it('after a restart the server starts with an empty inbox and serves new arrivals', () => {
    const s = echo({ servers: { processing: 2 } }, [
      ...burst,
      { at: 106, type: 'crash', node: 'S1' },
      { at: 200, type: 'restart', node: 'S1' },
      put(300, 'd'),
    ]);
    expect(handledAt(s)).toEqual([307]);
  });

  it('a paused server finishes its message when it resumes, then goes on', () => {
    const s = echo({ servers: { processing: 2 } }, [
      ...burst,
      { at: 106, type: 'pause', node: 'S1', duration: 50 },
    ]);
    expect(handledAt(s)).toEqual([156, 158, 160]);
  });

  it('processing 0 is the same run as no servers section, byte for byte', () => {
    const base = echo({ workload: { clients: 3, rate: 20 } });
    const zero = echo({ workload: { clients: 3, rate: 20 }, servers: { processing: 0 } });
    const a = JSON.stringify(runScenario(base, { trace: true }));
    const b = JSON.stringify(runScenario(zero, { trace: true }));
    expect(a.length).toBeGreaterThan(1000);
    expect(b).toBe(a);
  });
});

describe('servers.processing in a scenario', () => {
  const errorsOf = (servers: unknown) => {
    const r = parseScenario({ protocol: 'echo', nodes: 1, seed: 1, duration: 100, servers });
    return r.ok ? [] : r.errors;
  };

  it.each([
    [-1, /\$\.servers\.processing/],
    ['1', /\$\.servers\.processing/],
    [5000, /\$\.servers\.processing/],
  ])('refuses %j with its path', (processing, pattern) => {
    const errors = errorsOf({ processing });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(pattern);
  });

  it('refuses an unknown field of the section', () => {
    expect(errorsOf({ processing: 1, perMessage: 2 }).join('\n')).toMatch(
      /\$\.servers\.perMessage/,
    );
  });

  it('is kept by the export, and absent from it when the scenario has none', () => {
    const parsed = parseScenario({
      protocol: 'echo',
      nodes: 1,
      seed: 1,
      duration: 100,
      servers: { processing: 0.5 },
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.scenario.servers).toEqual({ processing: 0.5 });
    expect(scenarioToJson(parsed.scenario).servers).toEqual({ processing: 0.5 });
    expect(Object.keys(scenarioToJson(echo()))).not.toContain('servers');
  });
});
