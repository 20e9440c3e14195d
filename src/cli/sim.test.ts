import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
        'violations',
        'stats',
      ]);
      expect(r.endTime).toBe(3000);
      const nodes = r.nodes as Record<string, unknown>[];
      expect(nodes.map((n) => Object.keys(n))).toEqual(
        Array(5).fill(['id', 'up', 'role', 'term', 'commitIndex', 'log']),
      );
    }
    expect(sim([file, '--seeds', '1-3']).stdout).toBe(a.stdout);
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
