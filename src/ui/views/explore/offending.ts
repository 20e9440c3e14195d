/**
 * What an opened explorer failure blames (issue 13), for the views that mark it: the event
 * log, the space-time diagram and the cluster read it from here while the failure's run is on
 * screen. Kept apart from the Explore panel's store, which reaches the engine: the cluster is
 * on the first screen and must not load the simulator with it.
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import { useSim } from '../../store/sim';

/**
 * The event that broke the invariant, the earlier events its checker names, and the nodes
 * concerned, in the run the failure was opened in.
 */
export interface Offending {
  runId: number;
  seed: number;
  invariant: string;
  /** The violating event (null for a history anomaly, which has none). */
  eventId: number | null;
  /** The checker's earlier events (a history anomaly's: its operations'), oldest first. */
  related: number[];
  nodes: string[];
}

/** Set by the Explore panel's store once an opened failure's run has loaded. */
export const useOffendingStore = create<{ offending: Offending | null }>()(() => ({
  offending: null,
}));

/** The opened failure's blame while its run is on screen (null otherwise). */
export function useOffending(): Offending | null {
  const runId = useSim((s) => s.run?.runId ?? null);
  const offending = useOffendingStore((s) => s.offending);
  return offending !== null && offending.runId === runId ? offending : null;
}

/** The ids of the offending events (the violating one and those its checker names). */
export function useOffendingEvents(): ReadonlySet<number> {
  const o = useOffending();
  return useMemo(
    () =>
      o === null ? EMPTY : new Set(o.eventId === null ? o.related : [...o.related, o.eventId]),
    [o],
  );
}

/** The nodes the opened failure's checker names (empty when none is on screen). */
export function useOffendingNodes(): readonly string[] {
  return useOffending()?.nodes ?? NONE;
}

const EMPTY: ReadonlySet<number> = new Set();
const NONE: readonly string[] = [];
