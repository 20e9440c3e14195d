/**
 * One random fault schedule per seed: the seed picks the network's misbehaviour, the
 * protocol's optional settings and a list of timed faults — crashes, restarts, partitions,
 * one-way cuts, heals, pauses, forced timeouts — drawn from the mix asked for, from a stream of
 * its own, as nemesis episodes clustered at the scale of the protocol's timeout and the
 * network's latency (nemesis.ts). The schedule ends with a heal and a restart of every node,
 * then leaves the cluster time to recover (so that lost writes and divergence have time to
 * show).
 *
 * The result is an ordinary scenario: it prints as scenario JSON and replays with `npm run sim`.
 */
import { createStream, nextFloat, uniformInt } from '../rng';
import type { RngState } from '../rng';
import type { ExploreTuning } from '../protocol';
import { protocolModule } from '../protocols/registry';
import { nodeIds, parseScenario, sectionName } from '../scenario';
import type { Scenario } from '../scenario';
import type { TimedAction } from '../types';
import { nemesis } from './nemesis';
import type { NemesisScale } from './nemesis';
import type { ExploreOptions, FaultKind } from './options';

type Timing = ExploreTuning['timing'];

/** The scenario seed `seed` explores; the simulator's own streams use the same seed. */
export function scheduleScenario(o: ExploreOptions, seed: number): Scenario {
  const rng = createStream(seed, 'explore');
  // Each protocol says how it is scheduled (ProtocolModule.explore): its timing, its section.
  const m = protocolModule(o.protocol);
  const tuning = m.explore;
  if (!tuning) throw new Error(`explore: ${m.title} cannot be explored`);
  const timing = tuning.timing;
  const duration = timing.duration;
  const has = (k: FaultKind) => o.faults.includes(k);
  // Draw every setting whether or not it is used, so that one fault kind more or less does
  // not change the others' draws.
  const loss = nextFloat(rng) * 0.1;
  const duplicate = nextFloat(rng) * 0.1;
  const wide = { min: 1, max: 40 };
  // A coin for the protocol's optional rule (a leader's no-op, say: without it, more breaks).
  const noop = nextFloat(rng) < 0.5;
  // Requests per second per client: a quiet cluster leaves old-term entries uncommitted
  // longer (Figure 8), a busy one has more operations to get wrong.
  const rate = uniformInt(rng, 2, 20);
  // Half the schedules draw election (leader) timeouts from a narrow range: candidates then
  // often run in the same term (split votes, §5.2), where a vote's memory matters.
  const narrow = nextFloat(rng) < 0.5;
  const timeout = narrow ? { min: 150, max: 170 } : { min: 150, max: 300 };
  const latency = has('reorder') ? wide : { min: 10, max: 15 };
  const json: Record<string, unknown> = {
    name: `explore ${o.protocol} seed ${seed}`,
    description: describe(o),
    protocol: o.protocol,
    nodes: o.nodes,
    seed,
    duration,
    network: {
      latency,
      loss: has('loss') ? round(loss) : 0,
      duplicate: has('duplicate') ? round(duplicate) : 0,
    },
    [sectionName(o.protocol)]: tuning.section({ timeout, coin: noop }),
    ...(m.routing === 'none' ? {} : { workload: { clients: 3, rate, keys: 3 } }),
    ...(o.mutations.length > 0 ? { mutations: o.mutations } : {}),
    actions: faultActions(rng, o, timing, { timeout, latency, gap: timing.gap }).map(
      ({ at, action }) => ({ at, ...action }),
    ),
  };
  const parsed = parseScenario(json);
  if (!parsed.ok)
    throw new Error(`explore: a generated scenario is invalid: ${parsed.errors.join('; ')}`);
  return parsed.scenario;
}

function round(p: number): number {
  return Math.round(p * 1000) / 1000;
}

function describe(o: ExploreOptions): string {
  const m = o.mutations.length > 0 ? ` with ${o.mutations.join(', ')}` : '';
  return `A random fault schedule (${o.faults.join(', ')}) found by npm run explore${m}.`;
}

function faultActions(
  rng: RngState,
  o: ExploreOptions,
  timing: Timing,
  scale: NemesisScale,
): TimedAction[] {
  const end = timing.duration - timing.settle;
  const ids = nodeIds(o.nodes);
  const out = nemesis(rng, ids, o.faults, scale, timing.from, end);
  if (o.faults.includes('partition') || o.faults.includes('cut'))
    out.push({ at: end, action: { type: 'heal' } });
  if (o.faults.includes('crash')) {
    for (const id of ids) out.push({ at: end, action: { type: 'restart', node: id } });
  }
  return out;
}
