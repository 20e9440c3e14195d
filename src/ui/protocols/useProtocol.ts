/** The view module of the loaded run's protocol. */
import { useSim } from '../store/sim';
import { viewModule } from './registry';
import type { AnyViewModule } from './types';

export function useProtocol(): AnyViewModule {
  return viewModule(useSim((s) => s.run?.protocol));
}

/** What the loaded protocol calls its epoch ("term"). */
export function useEpochName(): string {
  return useSim((s) => s.run?.epochName ?? 'epoch');
}
