/** Raft's scenario section (`"raft": { … }`): its schema, with every default in one place. */
import * as v from 'valibot';
import { unit } from '../../input/issues';
import type { ConfigSpec } from '../../protocol';
import type { RaftConfig } from './types';

/**
 * Timers are at least 1 ms: an election timeout of 0 re-arms itself at the same instant
 * forever, and the run would never leave virtual time 0.
 */
const timer = v.pipe(v.number(), v.finite(), v.minValue(1), unit('ms'));
const timerRange = v.object({ min: timer, max: timer });

const schema = v.optional(
  v.object({
    electionTimeout: v.optional(timerRange, () => ({ min: 150, max: 300 })),
    heartbeatInterval: v.optional(timer, 50),
    maxEntriesPerMessage: v.optional(
      v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)),
      64,
    ),
    fastBackoff: v.optional(v.boolean(), true),
    noopOnElection: v.optional(v.boolean(), true),
    preVote: v.optional(v.boolean(), false),
    checkQuorum: v.optional(v.boolean(), false),
    reads: v.optional(v.picklist(['log', 'readIndex', 'lease']), 'log'),
    clockDrift: v.optional(
      v.record(
        v.pipe(v.string(), v.nonEmpty()),
        v.pipe(v.number(), v.finite(), v.gtValue(-1), v.maxValue(10)),
      ),
      () => ({}),
    ),
    // §7: entries applied beyond the last snapshot before the next one; 0 (or null): never.
    snapshotEvery: v.optional(
      v.pipe(
        v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000))),
        v.transform((n) => n ?? 0),
      ),
      0,
    ),
  }),
  {},
);

export const raftConfig: ConfigSpec<RaftConfig> = {
  schema,
  /**
   * §5.6 "broadcastTime ≪ electionTimeout ≪ MTBF": followers must hear the leader well
   * within the shortest election timeout — a heartbeat interval plus the slowest one-way
   * latency — and a candidate must collect votes in one round trip, or elections never
   * settle. "Well within": at most two thirds of the minimum timeout.
   */
  warnings(c, { path, latency }) {
    const min = c.electionTimeout.min;
    const hear = c.heartbeatInterval + latency.max;
    const vote = 2 * latency.max;
    const limit = Math.floor((2 * min) / 3);
    if (Math.max(hear, vote) <= limit) return [];
    const what =
      hear >= vote
        ? `a heartbeat interval plus the slowest latency (${c.heartbeatInterval} + ${latency.max} = ${hear} ms)`
        : `a round trip at the slowest latency (${vote} ms)`;
    return [
      `${path}.electionTimeout: the minimum election timeout (${min} ms) is not well above ${what}: ` +
        'followers may time out before the leader is heard, and elections may never settle ' +
        `(Raft needs broadcast time ≪ election timeout, §5.6; keep it under ${limit} ms)`,
    ];
  },

  check(c, { path, nodes }) {
    const r = c.electionTimeout;
    const errors =
      r.min > r.max
        ? [`${path}.electionTimeout: min (${r.min}) is greater than max (${r.max})`]
        : [];
    if (c.reads === 'lease' && !c.checkQuorum) {
      // Without the followers' side of the lease, a new leader may be elected at once (§6.4.1).
      errors.push(
        `${path}.reads: "lease" needs "checkQuorum": true, whose followers keep the lease`,
      );
    }
    const known = new Set(nodes);
    for (const id of Object.keys(c.clockDrift)) {
      if (!known.has(id)) {
        errors.push(
          `${path}.clockDrift.${id}: unknown node "${id}" (expected ${nodes[0]}…${nodes.at(-1)})`,
        );
      }
    }
    return errors;
  },
};

/** Every default, as a scenario without a `raft` section gets them. */
export const DEFAULT_RAFT_CONFIG: RaftConfig = v.parse(schema, undefined);
