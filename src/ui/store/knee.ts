/**
 * The capacity panel as the UI knows it: the knee ramp the worker is running or ran (its plan
 * and the steps so far, then the knee), or why it could not run. The worker's `knee` events
 * land in onKnee (connect.ts).
 */
import { create } from 'zustand';
import type { KneeStep, KneeSummary } from '../../engine/analysis/knee';
import type { KneePlanInfo, KneeUpdate } from '../../worker/knee';
import { send } from './channel';

export type KneeStatus = 'idle' | 'running' | 'done' | 'error';

export interface KneeState {
  status: KneeStatus;
  /** The run the ramp was asked for (steps of another run are not shown as its own). */
  runId: number | null;
  plan: KneePlanInfo | null;
  steps: KneeStep[];
  summary: KneeSummary | null;
  errors: string[];
  /** Real time the whole ramp took (ms), once done. */
  wallMs: number | null;
  /** Asks the worker to run the ramp on run `runId`. */
  start(runId: number): void;
}

export const useKnee = create<KneeState>()((set) => ({
  status: 'idle',
  runId: null,
  plan: null,
  steps: [],
  summary: null,
  errors: [],
  wallMs: null,
  start(runId) {
    set({
      status: 'running',
      runId,
      plan: null,
      steps: [],
      summary: null,
      errors: [],
      wallMs: null,
    });
    send({ type: 'knee' });
  },
}));

/** A worker event: progress, the end, or an error (plain words from the worker). */
export function onKnee(u: KneeUpdate): void {
  switch (u.state) {
    case 'running':
      useKnee.setState({ status: 'running', plan: u.plan, steps: u.steps });
      return;
    case 'done':
      useKnee.setState({
        status: 'done',
        plan: u.plan,
        steps: u.steps,
        summary: u.summary,
        wallMs: u.wallMs,
      });
      return;
    case 'error':
      useKnee.setState({ status: 'error', errors: u.errors, steps: [], summary: null });
      return;
  }
}
