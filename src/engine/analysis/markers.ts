/**
 * Timeline markers: the moments worth jumping to, derived from the trace.
 */
import type { TraceEntry } from '../types';
import { bisector } from 'd3-array';
import { formatMs } from './describe';

const byTime = bisector((m: { time: number }) => m.time);

export type MarkerKind =
  | 'election'
  | 'leader'
  | 'crash'
  | 'restart'
  | 'partition'
  | 'heal'
  | 'client-failure'
  | 'violation'
  /** A consistency anomaly the history checker found (added by the lab, not from the trace). */
  | 'anomaly';

export interface Marker {
  time: number;
  eventId: number;
  kind: MarkerKind;
  /** Short text, e.g. "S3 leader term 2". */
  label: string;
  node?: string;
}

export const MARKER_KINDS: readonly MarkerKind[] = [
  'election',
  'leader',
  'crash',
  'restart',
  'partition',
  'heal',
  'client-failure',
  'violation',
  'anomaly',
];

/** Human names of marker kinds, singular ("leader change"). */
export const MARKER_KIND_NAMES: Record<MarkerKind, string> = {
  election: 'election',
  leader: 'leader change',
  crash: 'crash',
  restart: 'restart',
  partition: 'partition',
  heal: 'heal',
  'client-failure': 'client-visible failure',
  violation: 'invariant violation',
  anomaly: 'consistency anomaly',
};

/** "leader change at 1234 ms: S3 leader term 2" — an accessible name for a marker. */
export function markerName(m: Marker): string {
  return `${MARKER_KIND_NAMES[m.kind]} at ${formatMs(m.time)}: ${m.label}`;
}

/**
 * Markers in trace order. A client-visible failure is a failed completion ("→ failed"),
 * which includes giving up; the give-up entry itself is not counted twice.
 */
export function computeMarkers(trace: readonly TraceEntry[]): Marker[] {
  const out: Marker[] = [];
  const push = (e: TraceEntry, kind: MarkerKind, label: string) => {
    const m: Marker = { time: e.time, eventId: e.id, kind, label };
    if (e.node !== undefined) m.node = e.node;
    out.push(m);
  };
  for (const e of trace) {
    switch (e.kind) {
      case 'role': {
        // Structured: the protocol's observation says who campaigns and who leads.
        const epochText = e.detail === undefined ? '' : ` ${e.detail}`;
        if (e.campaigns) push(e, 'election', `${e.node} ${e.role}${epochText}`);
        else if (e.leads) push(e, 'leader', `${e.node} ${e.role}${epochText}`);
        break;
      }
      case 'crash':
        push(e, 'crash', `${e.node} crashed`);
        break;
      case 'restart':
        push(e, 'restart', `${e.node} restarted`);
        break;
      case 'partition':
        push(e, 'partition', (e.detail ?? 'partition').replace(/^partition /, ''));
        break;
      case 'cut':
        push(e, 'partition', `link ${e.from}→${e.to} cut`);
        break;
      case 'link':
        if (/ down$/.test(e.detail ?? '')) push(e, 'partition', `link ${e.from}→${e.to} down`);
        else push(e, 'heal', `link ${e.from}→${e.to} up`);
        break;
      case 'heal':
        push(e, 'heal', 'every link up');
        break;
      case 'client-reply':
        if ((e.detail ?? '').includes('→ failed')) push(e, 'client-failure', `${e.detail}`);
        break;
      case 'violation':
        push(e, 'violation', e.detail ?? 'violation');
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * The next (direction +1) or previous (-1) marker of a kind strictly after/before `time`,
 * or null. `kind` null matches every kind. Markers must be sorted by time (as
 * computeMarkers returns them); binary search, so it is cheap on long runs.
 */
export function nextMarker(
  markers: readonly Marker[],
  kind: MarkerKind | null,
  time: number,
  direction: 1 | -1,
): Marker | null {
  if (direction === 1) {
    // From the first marker with time > t.
    for (let i = byTime.right(markers, time); i < markers.length; i++) {
      const m = markers[i]!;
      if (kind === null || m.kind === kind) return m;
    }
  } else {
    // From the last marker with time < t.
    for (let i = byTime.left(markers, time) - 1; i >= 0; i--) {
      const m = markers[i]!;
      if (kind === null || m.kind === kind) return m;
    }
  }
  return null;
}
