/** UI-only state: what is selected, which dialogs are open. No protocol data here. */
import { create } from 'zustand';
import type { AnomalyView } from '../../worker/protocol';

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
  /**
   * What a clicked anomaly involves (the CAP view): the servers drawn with a highlight ring,
   * the operations listed beside it. Null: nothing highlighted.
   */
  highlight: Highlight | null;
  /** What the screen-reader announcer says last (a step's effect); `seq` makes repeats heard. */
  announcement: { text: string; seq: number };
  select(sel: Selection): void;
  setHelp(open: boolean): void;
  ask(confirm: Confirm | null): void;
  setWindowEnd(end: number | null): void;
  announce(text: string): void;
  setHighlight(h: Highlight | null): void;
}

export interface Highlight {
  /** Which side's anomaly (the CAP view draws two runs). */
  side: 'main' | 'companion';
  /** The servers holding the anomaly's key: drawn with a ring. */
  nodes: string[];
  /** The anomaly as the worker reported it (a copy: the list changes as the cursor moves). */
  anomaly: AnomalyView;
  /** The run's title on that side. */
  title: string;
}

export const useUi = create<UiState>((set) => ({
  selection: null,
  helpOpen: false,
  confirm: null,
  windowEnd: null,
  announcement: { text: '', seq: 0 },
  highlight: null,
  setHighlight: (highlight) => set({ highlight }),
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
