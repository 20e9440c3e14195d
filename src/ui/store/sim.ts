/**
 * The simulation as the UI knows it: the latest snapshot from the worker, run facts, the
 * transport state and every command the UI can send. Views select the smallest slice.
 * Built from slices (zustand's slices pattern), one file each; connect.ts feeds it.
 */
import { create } from 'zustand';
import { runSlice } from './slices/run';
import type { RunSlice } from './slices/run';
import { shareSlice } from './slices/share';
import type { ShareSlice } from './slices/share';
import { timelineSlice } from './slices/timeline';
import type { TimelineSlice } from './slices/timeline';
import { transportSlice } from './slices/transport';
import type { TransportSlice } from './slices/transport';

export type { LoadError, ScenarioEntry } from './slices/run';
export type { Timeline } from './slices/timeline';
export { DEFAULT_SPEED } from './slices/transport';

export type SimState = RunSlice & TransportSlice & TimelineSlice & ShareSlice;

export const useSim = create<SimState>()((...a) => ({
  ...runSlice(...a),
  ...transportSlice(...a),
  ...timelineSlice(...a),
  ...shareSlice(...a),
}));
