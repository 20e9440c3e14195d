/**
 * The queue chart's data: each backend's series (engine/protocols/loadbalancer/queueSeries.ts)
 * as points of a step line, and the words its accessible name says.
 */
import type { QueueOverTime } from '../../../engine/protocols/loadbalancer/queueSeries';

export interface QueuePoint {
  t: number;
  waiting: number;
}

/** Colours of the backends' lines, by index (repeating past ten). */
export const QUEUE_COLORS = [
  '#38bdf8',
  '#f472b6',
  '#facc15',
  '#4ade80',
  '#fb923c',
  '#a78bfa',
  '#2dd4bf',
  '#f87171',
  '#e2e8f0',
  '#a3e635',
] as const;

export const queueColor = (i: number): string => QUEUE_COLORS[i % QUEUE_COLORS.length]!;

/** Step points of a series: one per bucket start, and one at `end` holding the last mean. */
export function queuePoints(q: QueueOverTime | null, end: number): QueuePoint[] {
  if (!q || q.waiting.length === 0) return [];
  const pts = q.waiting.map((waiting, i) => ({ t: i * q.step, waiting }));
  pts.push({ t: Math.max(end, pts.at(-1)!.t), waiting: q.waiting.at(-1)! });
  return pts;
}

/** The highest mean waiting in any bucket of any series (at least 1, for the y scale). */
export function queueTop(queues: readonly (QueueOverTime | null)[]): number {
  let top = 1;
  for (const q of queues) if (q) for (const w of q.waiting) if (w > top) top = w;
  return top;
}

/** The window the accessible name averages the latest queue over, ms of virtual time. */
export const RECENT_MS = 2000;

/** Mean of the buckets covering the last RECENT_MS (or fewer, early in a run). */
export function recentMean(q: QueueOverTime | null): number {
  if (!q || q.waiting.length === 0) return 0;
  const n = Math.min(q.waiting.length, Math.max(1, Math.round(RECENT_MS / q.step)));
  let sum = 0;
  for (let i = q.waiting.length - n; i < q.waiting.length; i++) sum += q.waiting[i]!;
  return sum / n;
}

/** "S1 recent 0.2, peak 3.1" per backend: the last 2 s's mean waiting and the highest bucket. */
export function queueSummary(ids: readonly string[], queues: readonly (QueueOverTime | null)[]) {
  return ids
    .map((id, i) => {
      const q = queues[i] ?? null;
      const peak = (q?.waiting ?? []).reduce((a, b) => Math.max(a, b), 0);
      return `${id} recent ${recentMean(q).toFixed(1)}, peak ${peak.toFixed(1)}`;
    })
    .join('; ');
}
