/**
 * Compare mode of the load lab, as the UI knows it: which strategies are ticked, the compare
 * the worker is running or ran (its plan and the runs so far), or why it could not. The
 * worker's `loadCompare` events land in onLoadCompare (connect.ts).
 */
import { create } from 'zustand';
import type { ComparePlan, LoadCompareUpdate, StrategyRun } from '../../worker/loadCompare';
import type { Strategy } from '../../engine/protocols/loadbalancer/types';
import { send } from './channel';

export type CompareStatus = 'idle' | 'running' | 'done' | 'error';

export interface LoadCompareState {
  /** Ticked strategies, in the order they were ticked. */
  chosen: Strategy[];
  status: CompareStatus;
  /** The run the compare was asked for (results of another run are not shown as its own). */
  runId: number | null;
  plan: ComparePlan | null;
  results: StrategyRun[];
  errors: string[];
  /** Real time the whole compare took (ms), once done. */
  wallMs: number | null;
  toggle(strategy: Strategy, on: boolean): void;
  /** Asks the worker to compare the ticked strategies on run `runId`. */
  start(runId: number): void;
}

/** What a compare starts with: the three that differ most at high load. */
export const DEFAULT_CHOSEN: Strategy[] = ['round-robin', 'random', 'p2c'];

export const useLoadCompare = create<LoadCompareState>()((set, get) => ({
  chosen: DEFAULT_CHOSEN,
  status: 'idle',
  runId: null,
  plan: null,
  results: [],
  errors: [],
  wallMs: null,
  toggle(strategy, on) {
    const rest = get().chosen.filter((s) => s !== strategy);
    set({ chosen: on ? [...rest, strategy] : rest });
  },
  start(runId) {
    const { chosen } = get();
    set({ status: 'running', runId, plan: null, results: [], errors: [], wallMs: null });
    send({ type: 'loadCompare', strategies: chosen });
  },
}));

/** A worker event: progress, the end, or an error (plain words from the worker). */
export function onLoadCompare(u: LoadCompareUpdate): void {
  switch (u.state) {
    case 'running':
      useLoadCompare.setState({ status: 'running', plan: u.plan, results: u.results });
      return;
    case 'done':
      useLoadCompare.setState({
        status: 'done',
        plan: u.plan,
        results: u.results,
        wallMs: u.wallMs,
      });
      return;
    case 'error':
      useLoadCompare.setState({ status: 'error', errors: u.errors, results: [] });
      return;
  }
}
