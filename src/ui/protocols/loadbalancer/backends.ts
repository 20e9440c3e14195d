/** The Backends panel's rows: one per backend, from the snapshot's load-balancer view. */
import type { LbView } from '../../../engine/protocols/loadbalancer/view';
import type { NodeView } from '../../../worker/protocol';
import { pct } from './inspect';

export interface BackendRow {
  id: string;
  /** "crashed", "down", "ejected" or "in rotation". */
  state: string;
  /** Workers busy now, 0–1. */
  busy: number;
  /** Since the start, 0–1. */
  utilisation: number;
  waiting: number;
  maxQueue: number;
  served: number;
  refused: number;
  /** Attempts the balancer saw fail there (timeouts and refusals); null without a balancer. */
  failed: number | null;
  speed: number;
  /** The row's accessible name: every number in words. */
  label: string;
}

export function backendRows(view: LbView, nodes: readonly NodeView[]): BackendRow[] {
  return nodes.map((n, i) => {
    const b = view.backends[i]!;
    const seen = view.seen?.[i] ?? null;
    const state = !n.up ? 'crashed' : (seen?.health ?? 'in rotation');
    const utilisation = view.utilisation[i] ?? 0;
    const busy = b.workers > 0 ? b.inService / b.workers : 0;
    const failed = seen?.failed ?? null;
    const label =
      `${n.id}: ${state}, utilisation ${pct(utilisation)}, ${b.waiting} waiting` +
      ` (max ${b.maxQueue}), ${b.served} served, ${failed ?? b.rejected} errors`;
    return {
      id: n.id,
      state,
      busy,
      utilisation,
      waiting: b.waiting,
      maxQueue: b.maxQueue,
      served: b.served,
      refused: b.rejected,
      failed,
      speed: b.speed,
      label,
    };
  });
}

/** Each backend's share of everything served (0–1), for the "share" column. */
export function servedShares(rows: readonly BackendRow[]): number[] {
  const total = rows.reduce((sum, r) => sum + r.served, 0);
  return rows.map((r) => (total === 0 ? 0 : r.served / total));
}
