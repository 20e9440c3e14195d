/**
 * What a backend shows beside itself: a dot per worker (filled while it serves), a bar of the
 * requests waiting in its queue, its speed when it is not 1, and its health when the balancer
 * has taken it out of rotation. Placed like the Paxos captions (on the inner side of the
 * node, shifted to stay in view) so the node's box stays centred on it.
 */
import type { BackendHealth, LbView } from '../../../engine/protocols/loadbalancer/view';
import { layout } from '../../views/cluster/geometry';
import { captionShift, placement } from '../paxos/shared/Caption';
import type { Placement } from '../paxos/shared/Caption';
import type { NodeDecoration } from '../types';
import { QueueDecor } from './QueueDecor';

/** Worker dots drawn at most; more workers are counted in words ("12/16 busy"). */
export const MAX_DOTS = 8;
/** The bar is full at this many waiting requests (or at the queue's bound, when it has one). */
export const BAR_FULL = 20;
/** Width of the decoration in SVG units (dots and bar share it). */
export const DECOR_WIDTH = 100;

/** Plain data, compared by value: the glyph redraws only when one of these changes. */
export interface LbDecorData {
  workers: number;
  busy: number;
  waiting: number;
  /** Waiting requests that fill the bar. */
  full: number;
  /** The speed factor, or null at normal speed. */
  speed: number | null;
  /** The balancer's judgement when it is not "in rotation". */
  health: Exclude<BackendHealth, 'in rotation'> | null;
  shift: number;
  where: Placement;
}

/** "×0.5", "×0.25", "×2". */
export function speedText(speed: number): string {
  return `×${Number(speed.toFixed(2))}`;
}

/** The bar's share, 0–1. */
export function barShare(waiting: number, full: number): number {
  return full <= 0 ? (waiting > 0 ? 1 : 0) : Math.min(1, waiting / full);
}

export function lbDecor(
  view: LbView,
  index: number,
  id: string,
  ids: readonly string[],
  queueCap: number | null,
): LbDecorData | null {
  const b = view.backends[index];
  if (!b) return null;
  const seen = view.seen?.[index];
  const health = seen && seen.health !== 'in rotation' ? seen.health : null;
  const out = layout(ids).out.get(id) ?? { x: 0, y: -1 };
  return {
    workers: b.workers,
    busy: b.inService,
    waiting: b.waiting,
    full: queueCap !== null && queueCap > 0 ? queueCap : BAR_FULL,
    speed: b.speed === 1 ? null : b.speed,
    health,
    shift: Math.round(captionShift(id, ids, DECOR_WIDTH)),
    where: placement(out),
  };
}

export function lbDecoration(queueCap: () => number | null): NodeDecoration<LbView, LbDecorData> {
  return {
    decorate(node, index, view, ids) {
      // A crashed backend gets the lab's own "crashed" caption; its counters are in the inspector.
      if (!node.up) return null;
      return lbDecor(view, index, node.id, ids, queueCap());
    },
    Decor: QueueDecor,
  };
}
