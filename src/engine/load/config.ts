/**
 * The scenario's `load` section: load as load-testing tools (JMeter, Gatling) define it.
 *
 * Open model (`"model": "open"`): requests arrive as a Poisson process whatever the system
 * does, at `rate` per second, changed by `phases`. Closed model (`"model": "closed"`): `users`
 * virtual users, each sending one request, waiting for its answer (or its failure), thinking
 * for an exponential time of mean `thinkTime` ms, and sending the next.
 *
 * Phases: each holds from its `at` until the next phase's `at` (the last one until the end of
 * the run). Without `to` the rate is constant `rate` over the phase (a step, or a spike when
 * a later phase steps back); with `to` it moves linearly from `rate` at the phase's start to
 * `to` at its end (a ramp). Before the first phase the section's own `rate` holds.
 */
import * as v from 'valibot';
import { unit } from '../input/issues';
import { expectedArrivals, ratePieces } from './arrivals';

/** Requests per second of an open load. */
const perSecond = v.pipe(
  v.number(),
  v.finite(),
  v.minValue(0),
  v.maxValue(100_000),
  unit('requests per second'),
);
const ms = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(3_600_000), unit('ms'));
const count = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(max));

/** Keys requests carry (`k1`…`kK`, uniform): what consistent hashing hashes. */
const keys = v.optional(count(1_000_000), 1000);

const phase = v.object({ at: ms, rate: perSecond, to: v.optional(perSecond) });

export const loadSchema = v.variant('model', [
  v.object({
    model: v.literal('open'),
    rate: v.optional(perSecond, 50),
    phases: v.optional(v.array(phase), () => []),
    /** Client hosts the arrivals come from, uniformly (each keeps its own DNS cache). */
    clients: v.optional(count(10_000), 10),
    keys,
  }),
  v.object({
    model: v.literal('closed'),
    users: v.optional(count(10_000), 10),
    thinkTime: v.optional(ms, 1000),
    keys,
  }),
]);

export type LoadConfig = v.InferOutput<typeof loadSchema>;
export type OpenLoad = Extract<LoadConfig, { model: 'open' }>;
export type LoadPhase = OpenLoad['phases'][number];

/** What a run without a `load` section gets (when its protocol takes load). */
export const DEFAULT_LOAD: LoadConfig = v.parse(loadSchema, { model: 'open' });

/** The number of client identities of a load: users, or the open model's client hosts. */
export function loadClients(load: LoadConfig): number {
  return load.model === 'closed' ? load.users : load.clients;
}

/** Checks the schema cannot express; `path` is `$.load`. */
export function checkLoad(load: LoadConfig, duration: number, path: string): string[] {
  if (load.model !== 'open') return [];
  const errors: string[] = [];
  load.phases.forEach((p, i) => {
    const prev = load.phases[i - 1];
    if (prev && p.at <= prev.at) {
      errors.push(
        `${path}.phases[${i}].at: phases go in time order (${p.at} ms is not after ${prev.at} ms)`,
      );
    }
    if (p.at >= duration) {
      errors.push(
        `${path}.phases[${i}].at: ${p.at} ms is not before the run's end (${duration} ms)`,
      );
    }
  });
  return errors;
}

/**
 * Requests a load is expected to issue in [0, until): the work LIMITS.work bounds. A closed
 * load is counted as if every answer were instant: each user sends at most one request per
 * think time (at most one per ms with a think time of 0).
 */
export function expectedRequests(load: LoadConfig, until: number, duration: number): number {
  if (load.model === 'closed') return (load.users * until) / Math.max(load.thinkTime, 1);
  return expectedArrivals(ratePieces(load, duration), until);
}

/**
 * What the scenario parser checks of `load` (at `$.load`): phases, the work it asks for, and
 * that the protocol reads a load at all (only one with a balancer does, for now).
 */
export function loadErrors(
  load: LoadConfig | null,
  s: { duration: number; balancer: boolean; title: string; until: number; maxWork: number },
): string[] {
  if (load === null) return [];
  if (!s.balancer) {
    return [
      `$.load: ${s.title} takes no load (only a protocol with a balancer does); use "workload"`,
    ];
  }
  const errors = checkLoad(load, s.duration, '$.load');
  const requests = expectedRequests(load, s.until, s.duration);
  if (errors.length === 0 && requests > s.maxWork) {
    const what =
      load.model === 'open' ? 'the rate or its phases' : 'the users, or raise the think time';
    errors.push(
      `$.load: the run asks for too much work: about ${Math.round(requests)} requests in ${s.until / 1000} s,` +
        ` more than the ${s.maxWork} a run may ask for (lower ${what}, or the duration)`,
    );
  }
  return errors;
}
