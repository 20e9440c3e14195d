/**
 * The explorer's nemesis (issue 13): the timed faults of one random schedule, drawn as
 * episodes — Jepsen-style nemesis mixes, each a small pattern of faults clustered in time at
 * the protocol's own scale (its timeout range as the schedule drew it, the network's latency)
 * rather than faults scattered independently. Bugs of forgotten state and of overlapping
 * leaders need several faults close together: a voter restarted while an election is still
 * open, leaders that come and go within an election timeout, a leader isolated with a
 * minority while the majority moves on. Every episode is protocol-neutral: it names nodes,
 * "leader" (the protocol's distinguished node, whoever that is then) and the protocol's timer.
 *
 * An episode is drawn only when the mix has every fault kind it uses, so a mix of one kind
 * draws that kind alone.
 */
import { nextFloat, uniformInt } from '../rng';
import type { RngState } from '../rng';
import type { Action, TimedAction } from '../types';
import type { FaultKind } from './options';

/** The scales an episode's faults are spaced by (virtual ms). */
export interface NemesisScale {
  /** The protocol's (election, retry) timeout range this schedule runs with. */
  timeout: { min: number; max: number };
  /** The network's one-way latency range. */
  latency: { min: number; max: number };
  /** Mean gap between episodes. */
  gap: number;
}

type ActionKind = Extract<
  FaultKind,
  'crash' | 'restart' | 'partition' | 'cut' | 'pause' | 'timeout'
>;
export const ACTION_KINDS: readonly ActionKind[] = [
  'crash',
  'restart',
  'partition',
  'cut',
  'pause',
  'timeout',
];

interface Draw {
  rng: RngState;
  ids: readonly string[];
  scale: NemesisScale;
  kinds: readonly ActionKind[];
  /** Whether link faults are in the mix (they are undone by heals). */
  links: boolean;
}

type Episode = (d: Draw, t: number) => TimedAction[];

const at = (t: number, action: Action): TimedAction => ({ at: Math.round(t), action });

function pick(d: Draw): string {
  return d.ids[uniformInt(d.rng, 0, d.ids.length - 1)]!;
}

/** `k` distinct nodes in random order. */
function sample(d: Draw, k: number): string[] {
  const shuffled = [...d.ids];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = uniformInt(d.rng, 0, i);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return shuffled.slice(0, k);
}

/** The largest minority of the cluster (a majority survives its loss). */
function minority(d: Draw): number {
  return Math.floor((d.ids.length - 1) / 2);
}

/** Every node restarted at `t`: a crashed leader's name is not known when it is scheduled. */
function restartAll(d: Draw, t: number): TimedAction[] {
  return d.ids.map((node) => at(t, { type: 'restart', node }));
}

/** One fault of a kind from the mix, as scheduled faults always were. */
const single: Episode = (d, t) => {
  const kind = d.kinds[uniformInt(d.rng, 0, d.kinds.length - 1)]!;
  // Link faults are undone by heals, drawn as often as one link fault kind.
  if (d.links && nextFloat(d.rng) < 0.15) return [at(t, { type: 'heal' })];
  const action = singleAction(d, kind);
  const out = [at(t, action)];
  // A bounce: a named node crashed comes back soon, half the time (restarts in the mix).
  const bounce = action.type === 'crash' && action.node !== 'leader' && d.kinds.includes('restart');
  if (bounce && nextFloat(d.rng) < 0.5) {
    const back = nextFloat(d.rng) < 0.6 ? uniformInt(d.rng, 1, 30) : uniformInt(d.rng, 30, 300);
    out.push(at(t + back, { type: 'restart', node: action.node }));
  }
  return out;
};

function singleAction(d: Draw, kind: ActionKind): Action {
  switch (kind) {
    case 'crash':
      return { type: 'crash', node: nextFloat(d.rng) < 0.5 ? 'leader' : pick(d) };
    case 'restart':
      return { type: 'restart', node: pick(d) };
    case 'partition': {
      const s = sample(d, d.ids.length);
      const cut = uniformInt(d.rng, 1, d.ids.length - 1);
      return { type: 'partition', groups: [s.slice(0, cut), s.slice(cut)] };
    }
    case 'cut':
      return { type: 'cut', from: pick(d), to: pick(d) };
    case 'pause':
      return { type: 'pause', node: pick(d), duration: uniformInt(d.rng, 50, 600) };
    case 'timeout':
      return { type: 'timeout', node: pick(d) };
  }
}

/**
 * Crash bursts: the leader and up to a minority of other nodes crash,
 * staggered over the election that follows, and each comes back after a downtime of up to two
 * timeouts — some before that election is over (a voter restarted while it is still open),
 * some after it (a straggler of the old term) — most of them campaigning at once as they
 * return (their timer fired while they were down), with what they kept on stable storage.
 */
const burst: Episode = (d, t) => {
  const { timeout, latency } = d.scale;
  const out: TimedAction[] = [];
  out.push(at(t, { type: 'crash', node: 'leader' }));
  out.push(...restartAll(d, t + uniformInt(d.rng, timeout.min, 2 * timeout.max)));
  const campaign = d.kinds.includes('timeout');
  for (const node of sample(d, uniformInt(d.rng, 1, Math.max(1, minority(d))))) {
    const down = t + uniformInt(d.rng, 0, timeout.max + 4 * latency.max);
    const up = down + uniformInt(d.rng, 1, 2 * timeout.max);
    out.push(at(down, { type: 'crash', node }));
    out.push(at(up, { type: 'restart', node }));
    if (campaign && nextFloat(d.rng) < 0.8) {
      out.push(at(up + uniformInt(d.rng, 0, latency.min), { type: 'timeout', node }));
    }
  }
  return out;
};

/**
 * Leader churn: the leader is killed, and again the next one, two to four times, each new
 * leader living for about an election (a timeout plus a round trip or so) and each crashed
 * one coming back after a timeout or two. Leaders of consecutive terms then overlap with
 * logs each replicated to a minority — the Figure 8 pattern of an old leader returning.
 */
const churn: Episode = (d, t) => {
  const { timeout, latency } = d.scale;
  const out: TimedAction[] = [];
  const rounds = uniformInt(d.rng, 2, 4);
  let now = t;
  for (let r = 0; r < rounds; r++) {
    out.push(at(now, { type: 'crash', node: 'leader' }));
    const back = now + uniformInt(d.rng, Math.round(timeout.min / 2), 2 * timeout.max);
    out.push(...restartAll(d, back));
    // The next leader is elected about a timeout later; kill it soon after it won.
    now += timeout.min + uniformInt(d.rng, 0, timeout.max - timeout.min + 4 * latency.max);
  }
  return out;
};

/**
 * The leader isolated with a minority (itself alone, or with up to a minority of others),
 * once or in rolling rounds — each round isolates whoever leads then, which heals the last
 * cut: the majority elects a leader of a higher term while the old one, cut off, keeps its
 * uncommitted entries and later returns among leaders of newer terms. After the last round
 * the partition heals (and, with crashes in the mix, the newest leader may be killed as the
 * old ones come back).
 */
const isolateLeader: Episode = (d, t) => {
  const { timeout } = d.scale;
  const out: TimedAction[] = [];
  const rounds = uniformInt(d.rng, 1, 3);
  let now = t;
  for (let r = 0; r < rounds; r++) {
    const others = sample(d, uniformInt(d.rng, 0, Math.max(0, minority(d) - 1)));
    out.push(at(now, { type: 'partition', groups: [['leader', ...others]] }));
    now += uniformInt(d.rng, timeout.min, 3 * timeout.max);
  }
  if (d.kinds.includes('crash') && d.kinds.includes('restart') && nextFloat(d.rng) < 0.5) {
    // Kill the newest leader just before the old ones come back.
    const kill = now - uniformInt(d.rng, 0, timeout.min);
    out.push(at(kill, { type: 'crash', node: 'leader' }));
    out.push(...restartAll(d, now + uniformInt(d.rng, timeout.min, 2 * timeout.max)));
  }
  out.push(at(now, { type: 'heal' }));
  return out;
};

/**
 * A split election: two or three nodes time out within one network latency of each other, so
 * that they campaign in the same term; with crashes in the mix, voters are bounced (crashed
 * and restarted within a timeout) while that election is still open.
 */
const splitElection: Episode = (d, t) => {
  const { timeout, latency } = d.scale;
  const k = Math.min(d.ids.length, uniformInt(d.rng, 2, 3));
  const nodes = sample(d, d.ids.length);
  const out: TimedAction[] = [];
  for (let i = 0; i < k; i++) {
    out.push(at(t + uniformInt(d.rng, 0, latency.min), { type: 'timeout', node: nodes[i]! }));
  }
  if (d.kinds.includes('crash') && d.kinds.includes('restart')) {
    const voters = nodes.slice(k, k + uniformInt(d.rng, 1, Math.max(1, minority(d))));
    for (const node of voters) {
      const down = t + uniformInt(d.rng, latency.min, 2 * latency.max + latency.min);
      out.push(at(down, { type: 'crash', node }));
      out.push(at(down + uniformInt(d.rng, 1, timeout.min), { type: 'restart', node }));
    }
  }
  return out;
};

/**
 * A node back from a long outage campaigns at once (its timer fired as it came up): it
 * asks for votes in a term the others may have moved past, or not — while nodes that
 * voted in that term may have been restarted since.
 */
const returnAndCampaign: Episode = (d, t) => {
  const node = pick(d);
  const { timeout } = d.scale;
  const out: TimedAction[] = [];
  if (d.kinds.includes('crash')) {
    out.push(at(t - uniformInt(d.rng, timeout.max, 4 * timeout.max), { type: 'crash', node }));
  }
  out.push(at(t, { type: 'restart', node }));
  out.push(at(t + uniformInt(d.rng, 0, d.scale.latency.min), { type: 'timeout', node }));
  return out;
};

/** The share of a schedule's episodes of its own pattern. */
const FOCUS = 0.7;

/** The episodes, with their weights and the fault kinds they need. */
const EPISODES: readonly {
  name: string;
  weight: number;
  needs: readonly ActionKind[];
  draw: Episode;
}[] = [
  { weight: 2, needs: [], draw: single, name: 'single' },
  { weight: 4, needs: ['crash', 'restart'], draw: burst, name: 'burst' },
  { weight: 1, needs: ['crash', 'restart'], draw: churn, name: 'churn' },
  { weight: 4, needs: ['partition'], draw: isolateLeader, name: 'isolateLeader' },
  { weight: 1, needs: ['timeout'], draw: splitElection, name: 'splitElection' },
  { weight: 1, needs: ['restart', 'timeout'], draw: returnAndCampaign, name: 'returnAndCampaign' },
];

/**
 * The schedule's timed faults between `from` and `end` (sorted by time), from the mix asked
 * for: episodes at exponentially distributed gaps.
 */
export function nemesis(
  rng: RngState,
  ids: readonly string[],
  faults: readonly FaultKind[],
  scale: NemesisScale,
  from: number,
  end: number,
): TimedAction[] {
  const kinds = ACTION_KINDS.filter((k) => faults.includes(k));
  if (kinds.length === 0) return [];
  const d: Draw = {
    rng,
    ids,
    scale,
    kinds,
    links: faults.includes('partition') || faults.includes('cut'),
  };
  const episodes = EPISODES.filter((e) => e.needs.every((k) => kinds.includes(k)));
  const drawEpisode = () => {
    let w = nextFloat(rng) * episodes.reduce((s, e) => s + e.weight, 0);
    for (const e of episodes) {
      w -= e.weight;
      if (w < 0) return e;
    }
    return episodes[episodes.length - 1]!;
  };
  // A schedule has a nemesis of its own, as a Jepsen test does: most of its episodes are of
  // one pattern (repeated, they build on each other), the rest from the whole mix.
  const focus = drawEpisode();
  const out: TimedAction[] = [];
  let t = from;
  for (;;) {
    t += Math.round(-Math.log(1 - nextFloat(rng)) * scale.gap);
    if (t >= end) break;
    const episode = nextFloat(rng) < FOCUS ? focus : drawEpisode();
    for (const a of episode.draw(d, t)) if (a.at >= from && a.at < end) out.push(a);
  }
  // Stable: actions drawn for the same instant keep their order.
  return out.sort((a, b) => a.at - b.at);
}
