/**
 * What the UI and the explore workers say to each other (issue 13, the in-browser explorer).
 * Kept apart from the simulation worker's protocol: an exploration never touches the run on
 * screen, and the explore workers can be started and terminated on their own.
 */
import type { ExploreOptions } from '../engine/explore/options';

/** One worker's share of a seed range: `from`, `from + step`, … up to `to`. */
export interface SeedShare {
  from: number;
  to: number;
  step: number;
}

export interface ExploreRequest {
  type: 'start';
  options: ExploreOptions;
  seeds: SeedShare;
}

/** A failing seed as the panel lists it and opens it. */
export interface ExploreFailure {
  seed: number;
  kind: string;
  by: 'invariant' | 'history';
  message: string;
  /** The event that broke the invariant (history anomalies have none: `time` then). */
  eventId: number | null;
  /** Earlier events the checker names as leading to it, and the nodes it names (may be empty). */
  related: number[];
  nodes: string[];
  time: number;
  original: number;
  shrunk: number;
  /** The shrunk scenario, as scenario JSON text the lab's `load` command takes. */
  scenarioText: string;
}

export type ExploreUpdate =
  /**
   * Sent about every 100 ms and once at the end (`finished`): seeds done so far by this
   * worker, and the failures found since its previous update.
   */
  | {
      type: 'progress';
      done: number;
      runsPerSecond: number;
      failures: ExploreFailure[];
      finished: boolean;
    }
  | { type: 'error'; message: string };
