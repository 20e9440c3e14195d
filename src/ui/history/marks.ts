/**
 * The space-time diagram's point marks: crashes, restarts, forced timeouts and role changes.
 * Role changes are read from the trace's structured fields (role, epoch, leads, campaigns):
 * a node that starts to lead or to campaign gets a big mark with its role's initial.
 */
import { bisector } from 'd3-array';
import type { TraceEntry } from '../../engine/types';
import { DOWN } from '../protocols/common';
import { laneOf } from './windowing';

export type PointKind = 'crash' | 'restart' | 'timeout' | 'leads' | 'campaigns' | 'role';

export interface PointMark {
  entry: TraceEntry;
  lane: string;
  kind: PointKind;
  /** For role changes: the new role. */
  role?: string;
  label: string;
}

const byTime = bisector((e: TraceEntry) => e.time);

/** A role change as a mark, or null for none worth marking (a crash is marked as a crash). */
export function roleMark(e: TraceEntry, epochName: string): Omit<PointMark, 'lane'> | null {
  if (e.role === undefined || e.role === DOWN) return null;
  const kind: PointKind = e.leads ? 'leads' : e.campaigns ? 'campaigns' : 'role';
  const epoch = e.epoch ?? null;
  const label = `${e.node} becomes ${e.role}${epoch === null ? '' : ` (${epochName} ${epoch})`}`;
  return { entry: e, kind, role: e.role, label };
}

/** The big marks' letter: the role's initial ("L" for leader). */
export function markLetter(m: PointMark): string | null {
  return (m.kind === 'leads' || m.kind === 'campaigns') && m.role ? m.role[0]!.toUpperCase() : null;
}

interface Options {
  servers: ReadonlySet<string>;
  lanes: readonly string[];
  epochName: string;
  max: number;
}

/** Marks of the (time-ordered) trace in [from, to], at most `max`. */
export function pointMarks(
  trace: readonly TraceEntry[],
  from: number,
  to: number,
  { servers, lanes, epochName, max }: Options,
): PointMark[] {
  const out: PointMark[] = [];
  for (let i = byTime.left(trace, from); i < trace.length && out.length < max; i++) {
    const e = trace[i]!;
    if (e.time > to) break;
    if (e.node === undefined) continue;
    const lane = laneOf(e.node, servers);
    if (!lanes.includes(lane)) continue;
    if (e.kind === 'role') {
      const m = roleMark(e, epochName);
      if (m) out.push({ ...m, lane });
    } else if (e.kind === 'crash' || e.kind === 'restart' || e.kind === 'timeout') {
      out.push({ entry: e, lane, kind: e.kind, label: `${e.node} ${e.kind}` });
    }
  }
  return out;
}
