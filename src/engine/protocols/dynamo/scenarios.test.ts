/** The Dynamo scenarios the lab ships: each description's claims, on the file's own seed. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findAnomalies } from '../../check/anomalies';
import { parseScenarioText } from '../../scenario';
import type { Scenario } from '../../scenario';
import { dynamoSimulator, gets, opPutting, valuesAt, violations } from './testkit';

function shipped(name: string): Scenario {
  const parsed = parseScenarioText(readFileSync(`public/scenarios/${name}.json`, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

describe('shipped Dynamo scenarios', () => {
  it('dynamo-stale-read-partition: the minority reads before, then after once healed', () => {
    const sim = dynamoSimulator(shipped('dynamo-stale-read-partition')).run();
    const after = opPutting(sim, 'after');
    const [stale, healed] = gets(sim, 'x');
    expect(after.ok).toBe(true);
    expect(stale).toMatchObject({ ok: true, result: 'before' });
    expect(findAnomalies(sim.state.clientOps)).toContainEqual({
      kind: 'stale-read',
      key: 'x',
      ops: [after.id, stale!.id],
      time: stale!.completedAt,
    });
    expect(healed).toMatchObject({ ok: true, result: 'after' });
    expect(valuesAt(sim, 'x')).toEqual(['after', 'after', 'after']);
    expect(violations(sim)).toEqual([]);
  });

  it('dynamo-lww-skew-lost-write: second is acknowledged, then lost to first', () => {
    const sim = dynamoSimulator(shipped('dynamo-lww-skew-lost-write')).run();
    const first = opPutting(sim, 'first');
    const second = opPutting(sim, 'second');
    expect(first.ok && second.ok).toBe(true);
    expect(first.completedAt!).toBeLessThan(second.invokedAt);
    const read = gets(sim, 'cart')[0]!;
    expect(read.result).toBe('first');
    const found = findAnomalies(sim.state.clientOps).filter((a) => a.key === 'cart');
    expect(found.map((a) => a.kind)).toEqual(['lost-write', 'stale-read']);
    expect(found[0]!.ops).toEqual([second.id, read.id]);
    expect(violations(sim)).toEqual([]);
  });

  it('are listed in public/scenarios/index.json', () => {
    const index = JSON.parse(readFileSync('public/scenarios/index.json', 'utf8')) as {
      file: string;
    }[];
    const files = index.map((e) => e.file);
    expect(files).toContain('dynamo-stale-read-partition.json');
    expect(files).toContain('dynamo-lww-skew-lost-write.json');
  });
});
