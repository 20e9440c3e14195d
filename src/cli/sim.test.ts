import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RAFT_CONFIG } from '../engine/protocols/raft/raft';
import { raftScenario } from '../engine/protocols/raft/testkit';
import { runBatch } from './batch';

const dir = mkdtempSync(join(tmpdir(), 'quorum-cli-'));
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

function sim(args: string[]) {
  return spawnSync(tsx, ['src/cli/sim.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
}

function write(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const good = {
  protocol: 'raft',
  nodes: 5,
  seed: 1,
  duration: 3000,
  workload: { clients: 2, rate: 10 },
  actions: [{ at: 1500, type: 'crash', node: 'leader' }],
};

describe('npm run sim', () => {
  it('prints one JSON line per seed with the documented fields, identically twice', () => {
    const file = write('good.json', good);
    const a = sim([file, '--seeds', '1-3']);
    expect(a.status).toBe(0);
    const lines = a.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    const runs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(runs.map((r) => r.seed)).toEqual([1, 2, 3]);
    for (const r of runs) {
      expect(Object.keys(r)).toEqual([
        'seed',
        'endTime',
        'events',
        'leaders',
        'nodes',
        'clientOps',
        'consistency',
        'violations',
        'stats',
      ]);
      expect(r.endTime).toBe(3000);
      // Raft is a CP store: its history checks out whatever faults the scenario has.
      expect(Object.keys(r.consistency as object)).toEqual([
        'linearizable',
        'availability',
        'converged',
        'anomalies',
      ]);
      expect(r.consistency).toMatchObject({ linearizable: true, anomalies: [] });
      const nodes = r.nodes as Record<string, unknown>[];
      expect(nodes.map((n) => Object.keys(n))).toEqual(
        Array(5).fill(['id', 'up', 'role', 'term', 'commitIndex', 'snapshotIndex', 'log']),
      );
    }
    expect(sim([file, '--seeds', '1-3']).stdout).toBe(a.stdout);
  });

  it('prints a Dynamo get that found siblings as an array, and the anomalies', () => {
    const text = readFileSync('public/scenarios/cap-split-brain-writes.json', 'utf8');
    const r = JSON.parse(sim([write('split.json', JSON.parse(text) as object)]).stdout) as {
      clientOps: { op: string; result: unknown }[];
      nodes: Record<string, unknown>[];
      consistency: { linearizable: unknown; anomalies: { kind: string }[] };
    };
    expect(r.clientOps.at(-1)).toMatchObject({ op: 'get', result: ['left', 'right'] });
    expect(r.consistency.linearizable).toBe(false);
    expect(r.consistency.anomalies.map((a) => a.kind)).toContain('not-linearizable');
    expect(Object.keys(r.nodes[0]!)).toEqual(['id', 'up', 'role', 'store', 'hints']);
    expect(r.nodes[0]!.role).toBe('replica');
  });

  it('warns on stderr, and still runs, when Raft’s timing cannot work (§5.6)', () => {
    const slow = { ...good, network: { latency: { min: 100, max: 250 } } };
    const r = sim([write('slow.json', slow), '--duration', '500']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /^warning: \$\.raft\.electionTimeout: the minimum election timeout \(150 ms\)/,
    );
    expect(JSON.parse(r.stdout).seed).toBe(good.seed);
    expect(sim([write('fine.json', good), '--duration', '500']).stderr).toBe('');
  });

  it('adds the trace with --trace', () => {
    const run = JSON.parse(sim([write('t.json', good), '--seed', '4', '--trace']).stdout) as {
      trace: { kind: string }[];
    };
    expect(run.trace.length).toBeGreaterThan(10);
    expect(run.trace.some((t) => t.kind === 'crash' || t.kind === 'skip')).toBe(true);
  });

  it('lists every problem of a malformed scenario and exits 2 without a stack trace', () => {
    const r = sim([write('bad.json', { ...good, nodes: 'x', network: { loss: 3 } })]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('$.nodes:');
    expect(r.stderr).toContain('$.network.loss:');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('explains a missing file', () => {
    const r = sim([join(dir, 'nope.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*nope\.json: ENOENT/);
  });
});

describe('npm run sim: input limits (issue 16, item 7)', () => {
  it('reads a file that starts with a UTF-8 byte-order mark', () => {
    const plain = sim([write('plain.json', good), '--seed', '2']);
    const bom = sim([write('bom.json', `\uFEFF${JSON.stringify(good)}`), '--seed', '2']);
    expect(bom.stderr).toBe('');
    expect(bom.status).toBe(0);
    expect(bom.stdout).toBe(plain.stdout);
  });

  it('validates --duration and --seed with the scenario schema, naming the option', () => {
    const file = write('opts.json', good);
    const long = sim([file, '--duration', '1e12']);
    expect(long.status).toBe(2);
    expect(long.stdout).toBe('');
    expect(long.stderr).toContain(
      '$.duration (--duration 1000000000000): must be at most 3600000, got 1000000000000',
    );
    const seed = sim([file, '--seed', '4294967296']);
    expect(seed.status).toBe(2);
    expect(seed.stdout).toBe('');
    expect(seed.stderr).toContain('$.seed (--seed 4294967296): must be at most 4294967295');
    const range = sim([file, '--seeds', '4294967295-4294967296']);
    expect(range.status).toBe(2);
    expect(range.stderr).toContain('$.seed (--seeds …-4294967296): must be at most 4294967295');
    expect(sim([file, '--duration', '-4']).stderr).toContain(
      '$.duration (--duration -4): must be at least 1, got -4',
    );
  });

  it('prints at most 20 problems, in plain words', () => {
    const actions = Array(5000).fill({ at: -1, type: 'crash', node: 'S1' });
    const tooMany = sim([write('many.json', { ...good, actions })]);
    expect(tooMany.status).toBe(2);
    const lines = tooMany.stderr.trim().split('\n');
    expect(lines).toHaveLength(22);
    expect(lines.at(-1)).toBe('  … and 4980 more problems');
    const missing = sim([write('missing.json', { protocol: 'raft', nodes: 3, seed: 1 })]);
    expect(missing.stderr).toContain('  $.duration: required, a number of ms from 1 to 3600000');
    expect(missing.stderr).not.toMatch(/Invalid|Expected|received/);
  });

  it('refuses a file over 1 MB without reading it all', () => {
    const big = write('big.json', JSON.stringify({ ...good, description: 'x'.repeat(3_000_000) }));
    const r = sim([big]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/big\.json is more than 1000000 bytes long/);
  });
});

describe('the CLI batch', () => {
  const scenario = raftScenario({ duration: 1000, workload: { clients: 1 } });

  async function batch(seeds: number[], stringify?: (r: unknown) => string) {
    const lines: string[] = [];
    const problems: string[] = [];
    const incomplete = await runBatch(
      scenario,
      seeds,
      { trace: false },
      { line: (l) => void lines.push(l), problem: (p) => void problems.push(p) },
      stringify,
    );
    return { lines, problems, incomplete };
  }

  it('writes each seed as its own line, as it ends', async () => {
    const r = await batch([1, 2, 3]);
    expect(r.lines.map((l) => (JSON.parse(l) as { seed: number }).seed)).toEqual([1, 2, 3]);
    expect(r.problems).toEqual([]);
    expect(r.incomplete).toBe(0);
  });

  it('a result too large to print is an error for that seed, not the batch', async () => {
    const r = await batch([1, 2, 3], (result) => {
      if ((result as { seed: number }).seed === 2) throw new RangeError('Invalid string length');
      return JSON.stringify(result);
    });
    expect(r.lines.map((l) => (JSON.parse(l) as { seed: number }).seed)).toEqual([1, 3]);
    expect(r.problems).toEqual([
      expect.stringMatching(
        /^seed 2: the result is too large to print \(\d+ events\); try a shorter --duration$/,
      ),
    ]);
    expect(r.incomplete).toBe(1);
  });

  it('says on stderr when the engine stopped a run, and still prints it', async () => {
    const zero = {
      ...scenario,
      protocolConfig: { ...DEFAULT_RAFT_CONFIG, electionTimeout: { min: 0, max: 0 } },
    };
    const problems: string[] = [];
    const lines: string[] = [];
    const n = await runBatch(
      zero,
      [7],
      { trace: false },
      { line: (l) => void lines.push(l), problem: (p) => void problems.push(p) },
    );
    expect(n).toBe(1);
    expect(problems).toEqual([
      expect.stringMatching(
        /^seed 7: the run stopped at 0 ms, after event 10000: 10000 events in a row at 0 ms/,
      ),
    ]);
    expect((JSON.parse(lines[0]!) as { stopped: { reason: string } }).stopped.reason).toMatch(
      /in a row/,
    );
  });
});
