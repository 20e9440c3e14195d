/** The view module of the loaded run's protocol. */
import { useSim } from '../store/sim';
import { viewModule } from './registry';
import type { AnyViewModule } from './types';

/** Which run a view draws: the lab's own, or the one beside it (scenario `compare`). */
export type Side = 'main' | 'companion';

/** The view module of one side's protocol (see useProtocol on the guard). */
export function useSideProtocol(side: Side): AnyViewModule {
  const main = useProtocol();
  const companion = useSim((s) => {
    const id = s.run?.runId;
    return s.snap?.runId === id ? s.run?.compare?.protocol : undefined;
  });
  return side === 'main' ? main : viewModule(companion);
}

export function useProtocol(): AnyViewModule {
  // A new run's facts arrive before its first snapshot: until then the views still hold the
  // previous run's snapshot, whose `view` is the previous protocol's. Reading it with the new
  // protocol's module would misread it (one protocol's panel given another's view), so in between
  // the views are drawn with the neutral module.
  const protocol = useSim((s) => {
    const id = s.run?.runId;
    const current = s.snap?.runId === id && (s.panel === null || s.panel.runId === id);
    return current ? s.run?.protocol : undefined;
  });
  return viewModule(protocol);
}

/** What the loaded protocol calls its epoch ("term"). */
export function useEpochName(): string {
  return useSim((s) => s.run?.epochName ?? 'epoch');
}
