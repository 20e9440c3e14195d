/** Test helper: trace entries from terse tuples, ids counting up. */
import type { TraceEntry, TraceKind } from '../types';

export function traceOf(
  rows: [time: number, kind: TraceKind, fields?: Omit<TraceEntry, 'id' | 'time' | 'kind'>][],
): TraceEntry[] {
  return rows.map(([time, kind, fields], i) => ({ id: i + 1, time, kind, ...fields }));
}
