/**
 * Random fault schedules for property tests of any protocol: crashes, restarts, partitions,
 * one-way cuts, heals, pauses and forced timeouts, drawn from their own seeded stream.
 */
import { createStream, nextFloat, uniformInt } from '../rng';
import { nodeIds } from '../scenario';
import type { Action, TimedAction } from '../types';

export interface FaultOptions {
  start: number;
  end: number;
  /** Mean gap between faults, ms. */
  meanGap: number;
  nodes: number;
  /** Crash "leader" half of the time (protocols with a leader; default true). */
  leader?: boolean;
  /** Name of the random stream (a protocol's own, so schedules stay as they were). */
  stream: string;
}

/**
 * A schedule that ends at `end` with a heal and a restart of every node, so the cluster can
 * recover afterwards.
 */
export function randomFaults(seed: number, o: FaultOptions): TimedAction[] {
  const rng = createStream(seed, o.stream);
  const ids = nodeIds(o.nodes);
  const pick = () => ids[uniformInt(rng, 0, ids.length - 1)]!;
  const out: TimedAction[] = [];
  let t = o.start;
  for (;;) {
    t += Math.round(-Math.log(1 - nextFloat(rng)) * o.meanGap);
    if (t >= o.end) break;
    const r = nextFloat(rng);
    let action: Action;
    if (r < 0.18)
      action = {
        type: 'crash',
        node: o.leader !== false && nextFloat(rng) < 0.5 ? 'leader' : pick(),
      };
    else if (r < 0.36) action = { type: 'restart', node: pick() };
    else if (r < 0.5) {
      const shuffled = [...ids];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = uniformInt(rng, 0, i);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      const cut = uniformInt(rng, 1, ids.length - 1);
      action = { type: 'partition', groups: [shuffled.slice(0, cut), shuffled.slice(cut)] };
    } else if (r < 0.62) action = { type: 'cut', from: pick(), to: pick() };
    else if (r < 0.74) action = { type: 'heal' };
    else if (r < 0.86) action = { type: 'pause', node: pick(), duration: uniformInt(rng, 50, 600) };
    else action = { type: 'timeout', node: pick() };
    out.push({ at: t, action });
  }
  out.push({ at: o.end, action: { type: 'heal' } });
  for (const id of ids) out.push({ at: o.end, action: { type: 'restart', node: id } });
  return out;
}
