import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JTL_HEADER } from '../engine/load/jtl';
import { parseScenario } from '../engine/scenario';
import { runBatch } from './batch';
import { openJtl } from './jtl';

const scenario = (fields: Record<string, unknown>) => {
  const r = parseScenario({ nodes: 2, seed: 1, duration: 2000, ...fields });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
};

describe('--jtl', () => {
  it('writes the header once and every completed request of every seed', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'jtl-')), 'run.jtl');
    const s = scenario({ protocol: 'loadbalancer', name: 'lb', load: { model: 'open', rate: 50 } });
    const opened = openJtl(file, s, 2);
    if (!opened.ok) throw new Error(opened.error);
    const lines: string[] = [];
    await runBatch(
      s,
      [1, 2],
      { trace: false, onRun: opened.jtl.onRun },
      {
        line: (l) => void lines.push(l),
        problem: () => {},
      },
    );
    opened.jtl.close();
    const rows = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(rows[0]).toBe(JTL_HEADER);
    const samples = lines.map(
      (l) => (JSON.parse(l) as { report: { samples: number } }).report.samples,
    );
    expect(rows.length - 1).toBe(samples[0]! + samples[1]!);
    expect(rows.filter((r) => r.includes(',lb (seed 2),'))).toHaveLength(samples[1]!);
  });

  it('is refused for a run without a load', () => {
    const r = openJtl('/tmp/never.jtl', scenario({ protocol: 'raft' }), 1);
    expect(r).toEqual({
      ok: false,
      error: expect.stringMatching(/^--jtl: a raft run has no load/),
    });
  });
});
