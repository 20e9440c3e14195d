import { describe, expect, it } from 'vitest';
import { latencyPoints } from '../../../engine/analysis/latency';
import type { ClientOpRecord } from '../../../engine/types';
import { countKinds, describeOp, pointKind } from './points';

const op = (id: number, completedAt: number | null, result: string | null, ok = true) =>
  ({
    id,
    client: 'c1',
    op: 'get',
    key: 'x',
    value: null,
    invokedAt: 10 * id,
    completedAt,
    ok,
    result,
    attempts: 1,
  }) as ClientOpRecord;

describe('latency chart points', () => {
  const points = latencyPoints(
    [
      op(1, 40, null),
      op(2, null, null),
      op(3, 5020, 'timeout', false),
      op(4, 60, 'not_leader', false),
    ],
    1000,
  );

  it('draws a request still waiting for its reply as in flight, not as timed out', () => {
    expect(points.map(pointKind)).toEqual(['ok', 'in-flight', 'timed-out', 'failed']);
    expect(countKinds(points)).toEqual({ ok: 1, failed: 1, 'timed-out': 1, 'in-flight': 1 });
  });

  it('says so in words', () => {
    expect(describeOp(points[1]!)).toMatch(/in flight, no reply yet after 980 ms/);
    expect(describeOp(points[2]!)).toMatch(/timed out/);
  });
});
