/**
 * The constants of a load compare that the page needs too (the strategy list, the levels
 * the latency distribution is read at). Kept apart from loadCompare.ts, which runs the
 * engine: importing them must not pull the simulator into the page's first bundle.
 */
import type { Strategy } from '../engine/protocols/loadbalancer/types';

/** Every strategy, in the order the lab lists them (the schema's order). */
export const STRATEGIES: readonly Strategy[] = [
  'round-robin',
  'weighted-round-robin',
  'random',
  'least-connections',
  'p2c',
  'peak-ewma',
  'consistent-hash',
  'dns-round-robin',
];

/**
 * The percentiles the distribution is read at: 0 % to 99.9 % spaced evenly in "nines"
 * (−log10(1 − p)), the axis tail latency is read on, so the tail gets as many points as the
 * body: 0, 6.7, 13, … 90, … 99, … 99.9.
 */
export const DISTRIBUTION_LEVELS: readonly number[] = Array.from({ length: 100 }, (_, i) =>
  i === 99 ? 99.9 : 100 * (1 - 10 ** ((-3 * i) / 99)),
);
