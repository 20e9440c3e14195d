/**
 * One random fault schedule per seed: the seed picks the network's misbehaviour, the
 * protocol's optional settings and a list of timed faults — crashes, restarts, partitions,
 * one-way cuts, heals, pauses, forced timeouts — drawn from the mix asked for, from a stream of
 * its own. The schedule ends with a heal and a restart of every node, then leaves the cluster
 * time to recover (so that lost writes and divergence have time to show).
 *
 * The result is an ordinary scenario: it prints as scenario JSON and replays with `npm run sim`.
 */
import { createStream, nextFloat, uniformInt } from '../rng';
import type { RngState } from '../rng';
import type { ExploreTuning } from '../protocol';
import { protocolModule } from '../protocols/registry';
import { nodeIds, parseScenario, sectionName } from '../scenario';
import type { Scenario } from '../scenario';
import type { Action, TimedAction } from '../types';
import type { ExploreOptions, FaultKind } from './options';

type Timing = ExploreTuning['timing'];

type ActionKind = Extract<
  FaultKind,
  'crash' | 'restart' | 'partition' | 'cut' | 'pause' | 'timeout'
>;
const ACTION_KINDS: readonly ActionKind[] = [
  'crash',
  'restart',
  'partition',
  'cut',
  'pause',
  'timeout',
];

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
  const json: Record<string, unknown> = {
    name: `explore ${o.protocol} seed ${seed}`,
    description: describe(o),
    protocol: o.protocol,
    nodes: o.nodes,
    seed,
    duration,
    network: {
      latency: has('reorder') ? wide : { min: 10, max: 15 },
      loss: has('loss') ? round(loss) : 0,
      duplicate: has('duplicate') ? round(duplicate) : 0,
    },
    [sectionName(o.protocol)]: tuning.section({ timeout, coin: noop }),
    ...(m.routing === 'none' ? {} : { workload: { clients: 3, rate, keys: 3 } }),
    ...(o.mutations.length > 0 ? { mutations: o.mutations } : {}),
    actions: faultActions(rng, o, timing).map(({ at, action }) => ({ at, ...action })),
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

function faultActions(rng: RngState, o: ExploreOptions, timing: Timing): TimedAction[] {
  const end = timing.duration - timing.settle;
  const ids = nodeIds(o.nodes);
  const kinds = ACTION_KINDS.filter((k) => o.faults.includes(k));
  const out: TimedAction[] = [];
  if (kinds.length === 0) return out;
  const pick = () => ids[uniformInt(rng, 0, ids.length - 1)]!;
  const links = o.faults.includes('partition') || o.faults.includes('cut');
  let t = timing.from;
  for (;;) {
    t += Math.round(-Math.log(1 - nextFloat(rng)) * timing.gap);
    if (t >= end) break;
    const kind = kinds[uniformInt(rng, 0, kinds.length - 1)]!;
    // Link faults are undone by heals, drawn as often as one link fault kind.
    if (links && nextFloat(rng) < 0.15) {
      out.push({ at: t, action: { type: 'heal' } });
      continue;
    }
    const action = faultAction(rng, kind, ids, pick);
    out.push({ at: t, action });
    // A bounce: a named node crashed comes back soon, half the time — a restart while the
    // cluster is still in the term it crashed in, where forgotten state does harm.
    if (action.type === 'crash' && action.node !== 'leader' && nextFloat(rng) < 0.5) {
      // Mostly a quick reboot (within a round trip or two), sometimes a longer outage.
      const back = t + (nextFloat(rng) < 0.6 ? uniformInt(rng, 1, 30) : uniformInt(rng, 30, 300));
      if (back < end) out.push({ at: back, action: { type: 'restart', node: action.node } });
    }
  }
  out.sort((a, b) => a.at - b.at);
  if (links) out.push({ at: end, action: { type: 'heal' } });
  if (o.faults.includes('crash')) {
    for (const id of ids) out.push({ at: end, action: { type: 'restart', node: id } });
  }
  return out;
}

function faultAction(rng: RngState, kind: ActionKind, ids: string[], pick: () => string): Action {
  switch (kind) {
    case 'crash':
      return { type: 'crash', node: nextFloat(rng) < 0.5 ? 'leader' : pick() };
    case 'restart':
      return { type: 'restart', node: pick() };
    case 'partition': {
      const shuffled = [...ids];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = uniformInt(rng, 0, i);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      const cut = uniformInt(rng, 1, ids.length - 1);
      return { type: 'partition', groups: [shuffled.slice(0, cut), shuffled.slice(cut)] };
    }
    case 'cut':
      return { type: 'cut', from: pick(), to: pick() };
    case 'pause':
      return { type: 'pause', node: pick(), duration: uniformInt(rng, 50, 600) };
    case 'timeout':
      return { type: 'timeout', node: pick() };
  }
}
