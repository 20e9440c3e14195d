/**
 * The `dynamo` section of a scenario, exactly:
 * `"dynamo": { "n": 3, "r": 2, "w": 2, "versioning": "lww" | "vector", "readRepair": true,
 * "hintedHandoff": false, "antiEntropyInterval": 1000, "vnodes": 8, "clockSkew": { "S2": 200 } }`.
 * The schema fills every default (clockSkew: 0 for every node); `check` reports what it
 * cannot express, with paths from the section: R or W above N, N above the number of
 * nodes, negative skew, unknown node ids.
 */
import * as v from 'valibot';
import { unit } from '../../input/issues';
import type { ConfigSpec } from '../../protocol';
import type { DynamoConfig } from './types';

const count = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(15));

const schema = v.optional(
  v.object({
    n: v.optional(count, 3),
    r: v.optional(count, 2),
    w: v.optional(count, 2),
    versioning: v.optional(v.picklist(['lww', 'vector']), 'lww'),
    readRepair: v.optional(v.boolean(), true),
    hintedHandoff: v.optional(v.boolean(), false),
    antiEntropyInterval: v.optional(
      v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(3_600_000), unit('ms')),
      1000,
    ),
    vnodes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(256)), 8),
    clockSkew: v.optional(
      v.record(v.pipe(v.string(), v.nonEmpty()), v.pipe(v.number(), v.finite(), unit('ms'))),
      () => ({}),
    ),
  }),
  {},
);

export const dynamoConfig: ConfigSpec<DynamoConfig> = {
  schema,
  check(c, { path, nodes }) {
    const errors: string[] = [];
    if (c.n > nodes.length) {
      errors.push(
        `${path}.n: N (${c.n}) is more than the ${nodes.length} node${nodes.length === 1 ? '' : 's'} of the cluster`,
      );
    }
    if (c.r > c.n) errors.push(`${path}.r: R (${c.r}) is more than N (${c.n})`);
    if (c.w > c.n) errors.push(`${path}.w: W (${c.w}) is more than N (${c.n})`);
    const known = new Set(nodes);
    const expected = nodes.length > 0 ? `${nodes[0]}…${nodes.at(-1)}` : 'no nodes';
    for (const [id, skew] of Object.entries(c.clockSkew)) {
      if (!known.has(id))
        errors.push(`${path}.clockSkew.${id}: unknown node "${id}" (expected ${expected})`);
      if (skew < 0) {
        errors.push(`${path}.clockSkew.${id}: a clock skew is at least 0 ms (got ${skew})`);
      }
    }
    return errors;
  },
};

/** Every default, as a scenario without a `dynamo` section gets them. */
export const DEFAULT_DYNAMO_CONFIG: DynamoConfig = v.parse(schema, undefined);
