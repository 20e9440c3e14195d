/** Raft's scenario section (`"raft": { … }`): its schema, with every default in one place. */
import * as v from 'valibot';
import type { ConfigSpec } from '../../protocol';
import type { RaftConfig } from './types';

const positiveRange = v.object({
  min: v.pipe(v.number(), v.finite(), v.minValue(0)),
  max: v.pipe(v.number(), v.finite(), v.minValue(0)),
});

const schema = v.optional(
  v.object({
    electionTimeout: v.optional(positiveRange, { min: 150, max: 300 }),
    heartbeatInterval: v.optional(v.pipe(v.number(), v.finite(), v.minValue(1)), 50),
    maxEntriesPerMessage: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 64),
    fastBackoff: v.optional(v.boolean(), true),
    noopOnElection: v.optional(v.boolean(), true),
  }),
  {},
);

export const raftConfig: ConfigSpec<RaftConfig> = {
  schema,
  check(c, { path }) {
    const r = c.electionTimeout;
    return r.min > r.max
      ? [`${path}.electionTimeout: min (${r.min}) is greater than max (${r.max})`]
      : [];
  },
};

/** Every default, as a scenario without a `raft` section gets them. */
export const DEFAULT_RAFT_CONFIG: RaftConfig = v.parse(schema, undefined);
