/**
 * `npm run sim -- --knee`: one JSON line per step of the ramp, then the summary line with the
 * knee; a scenario the ramp cannot drive is refused with the reason (exit 2).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findKnee } from '../engine/analysis/knee';
import type { KneeStep } from '../engine/analysis/knee';

const dir = mkdtempSync(join(tmpdir(), 'quorum-knee-'));
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

function sim(args: string[]) {
  return spawnSync(tsx, ['src/cli/sim.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
}

describe('npm run sim -- --knee', () => {
  it('prints a line per step and a summary whose knee is the rule applied to the steps', () => {
    const r = sim([
      '--knee',
      '--knee-steps',
      '4',
      '--duration',
      '4000',
      'public/scenarios/raft-saturation-knee.json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    const steps = lines.slice(0, 4) as unknown as KneeStep[];
    expect(steps.map((s) => s.offered)).toEqual([300, 600, 900, 1200]);
    for (const s of steps) {
      expect(Object.keys(s)).toEqual([
        'step',
        'offered',
        'rate',
        'throughput',
        'p50',
        'p99',
        'completed',
        'failed',
      ]);
    }
    const summary = lines[4]!;
    expect(Object.keys(summary)).toEqual(['knee', 'capacity', 'baseP99', 'rule']);
    expect(Object.keys(summary.knee as object)).toEqual(['offered', 'throughput', 'p99']);
    expect(summary.knee).toEqual(findKnee(steps));
    // The ramp's top is past saturation: the heaviest step does not keep up.
    expect(steps[3]!.throughput).toBeLessThan(0.8 * steps[3]!.offered);
    expect(summary.capacity).toBe(Math.max(...steps.map((s) => s.throughput)));
  });

  it('refuses a scenario without workload clients, saying why (exit 2)', () => {
    const file = join(dir, 'none.json');
    writeFileSync(file, JSON.stringify({ protocol: 'raft', nodes: 3, seed: 1, duration: 1000 }));
    const r = sim(['--knee', file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/the knee ramp cannot run:\n {2}\$\.workload\.clients: .*none/);
  });

  it('refuses a negative processing time in the file with its path (exit 2)', () => {
    const file = join(dir, 'negative.json');
    writeFileSync(
      file,
      JSON.stringify({
        protocol: 'raft',
        nodes: 3,
        seed: 1,
        duration: 1000,
        servers: { processing: -0.5 },
        workload: { clients: 2 },
      }),
    );
    const r = sim(['--knee', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\$\.servers\.processing/);
  });
});
