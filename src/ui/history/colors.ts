/**
 * Colours of the history views (dark slate theme): operation results, quantiles, fault
 * kinds, timeline markers. Messages take their colour from the protocol's palette.
 */
import type { FaultKind } from '../../engine/analysis/faults';
import type { OpStatus } from '../../engine/analysis/latency';
import type { MarkerKind } from '../../engine/analysis/markers';
import { classOfKind, messageInk, messageStyle, OTHER } from '../protocols/common';
import type { Palette } from '../protocols/types';

export const STATUS_COLORS: Record<OpStatus, string> = {
  ok: '#34d399',
  failed: '#f87171',
  'timed-out': '#fbbf24',
};

/** A request still waiting for its reply (not a timeout: it may yet succeed). */
export const IN_FLIGHT_COLOR = '#a5b4c8';

export const QUANTILE_COLORS = { p50: '#93c5fd', p95: '#c084fc', p99: '#f472b6' } as const;

export const FAULT_COLORS: Record<FaultKind, string> = {
  crash: '#ef4444',
  partition: '#8b5cf6',
  link: '#a78bfa',
  pause: '#94a3b8',
  'no-leader': '#f59e0b',
};

export const MARKER_COLORS: Record<MarkerKind, string> = {
  election: '#38bdf8',
  leader: '#facc15',
  crash: '#ef4444',
  restart: '#22c55e',
  partition: '#a78bfa',
  heal: '#2dd4bf',
  'client-failure': '#fb923c',
  violation: '#f43f5e',
  anomaly: '#e879f9',
};

const NO_KIND = '#94a3b8';
const EXTRA = ['#f472b6', '#60a5fa', '#facc15', '#2dd4bf', '#c084fc', '#f87171'];

/**
 * Colour of a message kind: its palette class's colour, as in the cluster and the legend;
 * a kind the palette does not map gets a stable colour from its name.
 */
export function kindColor(palette: Palette, kind: string | undefined): string {
  if (kind === undefined) return NO_KIND;
  const cls = classOfKind(palette, kind);
  if (cls !== OTHER) return messageInk(messageStyle(palette, cls));
  let h = 0;
  for (let i = 0; i < kind.length; i++) h = (h * 31 + kind.charCodeAt(i)) >>> 0;
  return EXTRA[h % EXTRA.length]!;
}
