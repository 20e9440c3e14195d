/** UI-only state: what is selected, which dialogs are open. No protocol data here. */
import { create } from 'zustand';

export type Selection = { kind: 'node'; id: string } | { kind: 'message'; id: number } | null;

interface UiState {
  selection: Selection;
  helpOpen: boolean;
  /** Last log index shown by the log matrix, or null to follow the newest entries. */
  logEnd: number | null;
  select(sel: Selection): void;
  setHelp(open: boolean): void;
  setLogEnd(end: number | null): void;
}

export const useUi = create<UiState>((set) => ({
  selection: null,
  helpOpen: false,
  logEnd: null,
  select: (selection) => set({ selection }),
  setHelp: (helpOpen) => set({ helpOpen }),
  setLogEnd: (logEnd) => set({ logEnd }),
}));
