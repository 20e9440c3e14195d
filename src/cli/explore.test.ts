import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExploreArgs } from './exploreArgs';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const dir = mkdtempSync(join(tmpdir(), 'quorum-explore-'));

function run(script: string, args: string[]) {
  return spawnSync(tsx, [script, ...args], { encoding: 'utf8', timeout: 60_000 });
}

/** The only figure that depends on the machine (and on --jobs). */
const timing = (out: string) => out.replace(/"runsPerSecond":[0-9.]+/, '"runsPerSecond":0');

describe('npm run explore', () => {
  const args = ['--protocol', 'raft', '--nodes', '5', '--seeds', '1-12'];
  const mutant = [...args, '--mutations', 'vote-twice-per-term'];

  it('prints the same lines with --jobs 1 and --jobs 2, failures in seed order, then the summary', () => {
    const one = run('src/cli/explore.ts', [...mutant, '--jobs', '1']);
    const two = run('src/cli/explore.ts', [...mutant, '--jobs', '2']);
    expect(one.stderr).toBe('');
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    expect(timing(two.stdout)).toBe(timing(one.stdout));
    const lines = one.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const summary = lines.pop() as {
      summary: { runs: number; failures: number; runsPerSecond: number };
    };
    expect(summary.summary.runs).toBe(12);
    expect(summary.summary.failures).toBe(lines.length);
    expect(summary.summary.runsPerSecond).toBeGreaterThan(0);
    expect(lines.length).toBeGreaterThan(0);
    const seeds = lines.map((l) => l.seed as number);
    expect(seeds).toEqual([...seeds].sort((a, b) => a - b));
    expect(Object.keys(lines[0]!)).toEqual(['seed', 'violation', 'scenario', 'actions']);
  });

  it('saves a shrunk scenario that `npm run sim` replays with the same violation', () => {
    const out = run('src/cli/explore.ts', [...mutant, '--jobs', '1']);
    const first = JSON.parse(out.stdout.split('\n')[0]!) as {
      violation: { kind: string; eventId: number; time: number };
      scenario: unknown;
    };
    const file = join(dir, 'shrunk.json');
    writeFileSync(file, JSON.stringify(first.scenario));
    const sim = run('src/cli/sim.ts', [file]);
    expect(sim.status).toBe(0);
    const result = JSON.parse(sim.stdout) as {
      mutations: string[];
      violations: { invariant: string; eventId: number; time: number }[];
    };
    expect(result.mutations).toEqual(['vote-twice-per-term']);
    expect(result.violations[0]).toMatchObject({
      invariant: first.violation.kind,
      eventId: first.violation.eventId,
      time: first.violation.time,
    });
  });

  it('finds nothing without mutants and exits 0', () => {
    const out = run('src/cli/explore.ts', [...args, '--jobs', '1']);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout) as unknown).toMatchObject({ summary: { runs: 12, failures: 0 } });
  });
});

describe('explore arguments', () => {
  it('refuses what it cannot run, naming the option', () => {
    const err = (argv: string[]) => {
      const r = parseExploreArgs(argv);
      return r.ok ? null : r.error;
    };
    expect(err([])).toBe('--protocol is required');
    expect(err(['--protocol', 'dynamo'])).toMatch(
      /^--protocol: "dynamo" is not one of raft, paxos, multi-paxos/,
    );
    expect(err(['--protocol', 'raft', '--faults', 'crash,fire'])).toMatch(/unknown fault "fire"/);
    expect(err(['--protocol', 'raft', '--mutations', 'accept-below-promise'])).toMatch(
      /unknown mutation "accept-below-promise" \(it is a mutant of paxos and multi-paxos\)/,
    );
    expect(err(['--protocol', 'raft', '--seeds', '9-1'])).toMatch(/9 is after 1/);
    expect(err(['--protocol', 'raft', '--jobs', '0'])).toMatch(/--jobs/);
    const ok = parseExploreArgs([
      '--protocol',
      'paxos',
      '--nodes',
      '3',
      '--seeds',
      '5-9',
      '--jobs',
      '2',
    ]);
    expect(ok.ok && ok.args).toMatchObject({
      protocol: 'paxos',
      nodes: 3,
      seeds: { from: 5, to: 9 },
      jobs: 2,
    });
  });
});
