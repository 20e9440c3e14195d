/**
 * The Explore panel's state (issue 13): what to explore (mutants, fault mix, seed range), the
 * exploration running in the explore workers and what it found, and opening a failure in the
 * lab at the event that broke the invariant.
 */
import { create } from 'zustand';
import { FAULT_KINDS } from '../../engine/explore/options';
import type { ExplorableProtocol, FaultKind } from '../../engine/explore/options';
import { startExploration } from '../../worker/exploreClient';
import type { Exploration } from '../../worker/exploreClient';
import type { ExploreFailure } from '../../worker/exploreProtocol';
import { send } from './channel';
import { guardDiscard } from './discard';
import { useSim } from './sim';
import { useOffendingStore } from '../views/explore/offending';

export type ExploreStatus = 'idle' | 'running' | 'done' | 'stopped' | 'error';

export interface ExploreState {
  /**
   * The mutants chosen, or null while the user has not chosen: the panel then follows the
   * run's own mutations (what "Break a rule" switched on).
   */
  mutations: string[] | null;
  faults: FaultKind[];
  from: number;
  to: number;
  status: ExploreStatus;
  total: number;
  done: number;
  runsPerSecond: number;
  failures: ExploreFailure[];
  error: string | null;
  /** The seed whose failure was opened last (the list marks it). */
  opened: number | null;
  setMutations(names: string[] | null): void;
  toggleFault(kind: FaultKind, on: boolean): void;
  setRange(from: number, to: number): void;
  start(protocol: ExplorableProtocol, nodes: number, mutations: string[]): void;
  stop(): void;
  open(f: ExploreFailure): void;
}

let running: Exploration | null = null;

/** A failure being opened: once the run it loads arrives, the cursor goes to the violation. */
let pending: {
  source: string;
  prevRunId: number;
  /** The load error showing before (an older one is not this load's answer). */
  prevError: unknown;
  failure: ExploreFailure;
} | null = null;

export const useExplore = create<ExploreState>()((set, get) => ({
  mutations: null,
  faults: [...FAULT_KINDS],
  from: 1,
  to: 200,
  status: 'idle',
  total: 0,
  done: 0,
  runsPerSecond: 0,
  failures: [],
  error: null,
  opened: null,
  setMutations: (mutations) => set({ mutations }),
  toggleFault: (kind, on) =>
    set((s) => ({
      // Kept in FAULT_KINDS order, so the same mix is always the same options.
      faults: FAULT_KINDS.filter((k) => (k === kind ? on : s.faults.includes(k))),
    })),
  setRange: (from, to) => set({ from, to }),
  start: (protocol, nodes, mutations) => {
    running?.stop();
    const { from, to, faults } = get();
    set({
      status: 'running',
      total: Math.max(0, to - from + 1),
      done: 0,
      runsPerSecond: 0,
      failures: [],
      error: null,
      opened: null,
    });
    const mine = startExploration(
      { protocol, nodes, mutations, faults },
      { from, to },
      (p) => {
        // A stopped exploration's last messages may still be queued: ignore them.
        if (running !== mine) return;
        set({
          total: p.total,
          done: p.done,
          runsPerSecond: p.runsPerSecond,
          failures: p.failures,
          ...(p.finished ? { status: 'done' as const } : {}),
        });
        if (p.finished) running = null;
      },
      (message) => {
        if (running !== mine) return;
        running = null;
        set({ status: 'error', error: message });
      },
    );
    running = mine;
  },
  stop: () => {
    running?.stop();
    running = null;
    if (get().status === 'running') set({ status: 'stopped' });
  },
  open: (f) => {
    guardDiscard('Open the failure', () => {
      const source = `explore seed ${f.seed}`;
      pending = {
        source,
        prevRunId: useSim.getState().run?.runId ?? -1,
        prevError: useSim.getState().loadError,
        failure: f,
      };
      set({ opened: f.seed });
      send({ type: 'load', text: f.scenarioText, source });
    });
  },
}));

// The worker answers a load with the new run's info: seek to the violation then, so the
// cursor and the timeline marker land on it. A refused load drops the seek.
useSim.subscribe((s) => {
  if (!pending) return;
  if (s.loadError !== pending.prevError && s.loadError?.source === pending.source) {
    pending = null;
    return;
  }
  const run = s.run;
  if (!run || run.runId === pending.prevRunId || run.source !== pending.source) return;
  const f = pending.failure;
  pending = null;
  useOffendingStore.setState({
    offending: {
      runId: run.runId,
      seed: f.seed,
      invariant: f.kind,
      eventId: f.eventId,
      related: f.related,
      nodes: f.nodes,
    },
  });
  if (f.eventId !== null) s.seekEvent(f.eventId);
  else s.seek(f.time);
});
