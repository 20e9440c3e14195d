/** The run: its facts, the latest snapshot, the scenario picker, user actions, load errors. */
import type { Action } from '../../../engine/types';
import type { RunInfo, Snapshot } from '../../../worker/protocol';
import { send } from '../channel';
import type { Slice } from './types';

export interface ScenarioEntry {
  file: string;
  name: string;
}

export interface LoadError {
  source: string;
  errors: string[];
}

export interface RunSlice {
  run: RunInfo | null;
  /** The latest snapshot: what the animated cluster view draws. */
  snap: Snapshot | null;
  /**
   * The same, at most PANEL_HZ times a second while playing (immediately otherwise): text
   * panels read this one, since nobody reads text that changes 60 times a second and every
   * panel update costs layout and paint.
   */
  panel: Snapshot | null;
  loadError: LoadError | null;
  scenarios: ScenarioEntry[];
  /** The scenario chosen in the picker (file name), or '' for the built-in one. */
  scenarioFile: string;
  /** The user acted on this run (reset when another run loads): discarding it asks first. */
  userActed: boolean;

  act(action: Action): void;
  loadText(text: string, source: string): void;
  loadFile(file: string): Promise<void>;
  reset(seed?: number, nodes?: number): void;
  loadDefault(): void;
  dismissError(): void;
}

export const runSlice: Slice<RunSlice> = (set, get) => ({
  run: null,
  snap: null,
  panel: null,
  loadError: null,
  scenarios: [],
  scenarioFile: '',

  userActed: false,
  act: (action) => {
    set({ userActed: true });
    send({ type: 'act', action });
  },
  loadText: (text, source) => send({ type: 'load', text, source }),
  loadFile: async (file) => {
    try {
      const res = await fetch(`scenarios/${file}`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const text = await res.text();
      set({ scenarioFile: file });
      send({ type: 'load', text, source: file });
    } catch (e) {
      set({ loadError: { source: file, errors: [`could not fetch the file (${String(e)})`] } });
    }
  },
  reset: (seed, nodes) =>
    send({ type: 'reset', seed: seed ?? Math.floor(Math.random() * 0xffffffff), nodes }),
  loadDefault: () => {
    set({ scenarioFile: '' });
    // The playground of the protocol on screen: picking "Playground" never switches protocol.
    const run = get().run;
    if (run) send({ type: 'protocol', protocol: run.protocol, nodes: 5, seed: 1 });
    // Before any run (rare): the default scenario, whose module brings every protocol's
    // engine along — not something the first screen should load (issue 15).
    else
      void import('../../../worker/defaultScenario').then(({ defaultScenarioJson }) =>
        send({ type: 'load', text: JSON.stringify(defaultScenarioJson(5, 1)), source: 'default' }),
      );
  },
  dismissError: () => set({ loadError: null }),
});
