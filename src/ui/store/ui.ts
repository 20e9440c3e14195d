/** UI-only state: what is selected, which dialogs are open. No protocol data here. */
import { create } from 'zustand';

export type Selection = { kind: 'node'; id: string } | { kind: 'message'; id: number } | null;

interface UiState {
  selection: Selection;
  helpOpen: boolean;
  /**
   * Last index (log entry, slot) the protocol's panels show, or null to follow the newest:
   * sent to the worker, which cuts the protocol's view to that window.
   */
  windowEnd: number | null;
  select(sel: Selection): void;
  setHelp(open: boolean): void;
  setWindowEnd(end: number | null): void;
}

export const useUi = create<UiState>((set) => ({
  selection: null,
  helpOpen: false,
  windowEnd: null,
  select: (selection) => set({ selection }),
  setHelp: (helpOpen) => set({ helpOpen }),
  setWindowEnd: (windowEnd) => set({ windowEnd }),
}));
