/** UI-only state: what is selected, which dialogs are open. No protocol data here. */
import { create } from 'zustand';

export type Selection = { kind: 'node'; id: string } | { kind: 'message'; id: number } | null;

/** A question before something that cannot be undone in place (discarding the user's actions). */
export interface Confirm {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm(): void;
}

interface UiState {
  selection: Selection;
  helpOpen: boolean;
  confirm: Confirm | null;
  /**
   * Last index (log entry, slot) the protocol's panels show, or null to follow the newest:
   * sent to the worker, which cuts the protocol's view to that window.
   */
  windowEnd: number | null;
  /** What the screen-reader announcer says last (a step's effect); `seq` makes repeats heard. */
  announcement: { text: string; seq: number };
  select(sel: Selection): void;
  setHelp(open: boolean): void;
  ask(confirm: Confirm | null): void;
  setWindowEnd(end: number | null): void;
  announce(text: string): void;
}

export const useUi = create<UiState>((set) => ({
  selection: null,
  helpOpen: false,
  confirm: null,
  windowEnd: null,
  announcement: { text: '', seq: 0 },
  select: (selection) => set({ selection }),
  setHelp: (helpOpen) => set({ helpOpen }),
  ask: (confirm) => set({ confirm }),
  setWindowEnd: (windowEnd) => set({ windowEnd }),
  announce: (text) => set((s) => ({ announcement: { text, seq: s.announcement.seq + 1 } })),
}));

/** A modal dialog is open: global shortcuts stand aside. */
export function modalOpen(): boolean {
  const s = useUi.getState();
  return s.helpOpen || s.confirm !== null;
}
