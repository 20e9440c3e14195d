/**
 * The `loadbalancer` section of a scenario, exactly as issue 12 names it:
 * `"loadbalancer": { "strategy": "p2c", "workers": 1, "queue": null, "weights": { "S1": 2 },
 * "service": { "distribution": "exponential", "mean": 10, "sigma": 1 }, "speeds": { "S2": 0.5 },
 * "healthCheck": { "interval": 1000, "threshold": 3 }, "dnsTtl": 30000, "retries": 0,
 * "timeout": 1000 }`, plus `outlier`, `retryBudget` and `hashBalance`. The schema fills every
 * default; `check` reports what it cannot express, with paths from the section: unknown node
 * ids in `weights` and `speeds`, weights that leave no backend, a `sigma` the distribution
 * cannot have.
 */
import * as v from 'valibot';
import { unit } from '../../input/issues';
import type { ConfigSpec } from '../../protocol';
import type { LbConfig } from './types';
import { sigmaProblem } from './service';

const ms = (min: number) =>
  v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(3_600_000), unit('ms'));
const positiveMs = v.pipe(v.number(), v.finite(), v.gtValue(0), v.maxValue(3_600_000), unit('ms'));
const int = (min: number, max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const nodeKey = v.pipe(v.string(), v.nonEmpty());

const schema = v.optional(
  v.object({
    strategy: v.optional(
      v.picklist([
        'round-robin',
        'weighted-round-robin',
        'random',
        'least-connections',
        'p2c',
        'peak-ewma',
        'consistent-hash',
        'dns-round-robin',
      ]),
      'round-robin',
    ),
    workers: v.optional(int(1, 1000), 1),
    queue: v.optional(v.nullable(int(0, 1_000_000)), null),
    weights: v.optional(
      v.record(nodeKey, v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1000))),
      () => ({}),
    ),
    service: v.optional(
      v.object({
        distribution: v.optional(
          v.picklist(['exponential', 'constant', 'uniform', 'lognormal', 'bimodal']),
          'exponential',
        ),
        mean: v.optional(positiveMs, 10),
        sigma: v.optional(v.nullable(ms(0)), null),
      }),
      () => ({}),
    ),
    speeds: v.optional(
      v.record(nodeKey, v.pipe(v.number(), v.finite(), v.gtValue(0), v.maxValue(1000))),
      () => ({}),
    ),
    healthCheck: v.optional(
      v.nullable(
        v.object({
          interval: v.optional(v.pipe(ms(1)), 1000),
          threshold: v.optional(int(1, 100), 3),
        }),
      ),
      null,
    ),
    outlier: v.optional(
      v.nullable(
        v.object({
          consecutiveErrors: v.optional(int(1, 1000), 5),
          ejectionTime: v.optional(ms(1), 30_000),
        }),
      ),
      null,
    ),
    dnsTtl: v.optional(ms(0), 30_000),
    retries: v.optional(int(0, 10), 0),
    retryBudget: v.optional(
      v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(10))),
      null,
    ),
    timeout: v.optional(v.nullable(positiveMs), 1000),
    hashBalance: v.optional(v.pipe(v.number(), v.finite(), v.minValue(1), v.maxValue(100)), 1.25),
  }),
  {},
);

export const lbConfig: ConfigSpec<LbConfig> = {
  schema,
  check(c, { path, nodes }) {
    const errors: string[] = [];
    const known = new Set(nodes);
    const expected = nodes.length > 0 ? `${nodes[0]}…${nodes.at(-1)}` : 'no nodes';
    for (const field of ['weights', 'speeds'] as const) {
      for (const id of Object.keys(c[field])) {
        if (!known.has(id)) {
          errors.push(`${path}.${field}.${id}: unknown node "${id}" (expected ${expected})`);
        }
      }
    }
    if (c.strategy === 'weighted-round-robin' && nodes.every((id) => (c.weights[id] ?? 1) === 0)) {
      errors.push(`${path}.weights: every weight is 0, so no backend would get a request`);
    }
    const sigma = sigmaProblem(c.service);
    if (sigma) errors.push(`${path}.service.sigma: ${sigma}`);
    return errors;
  },
};

/** Every default, as a scenario without a `loadbalancer` section gets them. */
export const DEFAULT_LB_CONFIG: LbConfig = v.parse(schema, undefined);
