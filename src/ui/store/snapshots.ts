/**
 * Snapshots from the worker reach the store at most once per animation frame while playing,
 * and the text panels at most every PANEL_MS (the last of a burst always arrives).
 */
import { outdated } from './awaiting';
import type { Snapshot } from '../../worker/protocol';
import { syncClock } from './clock';
import { useSim } from './sim';

const PANEL_MS = 100;
let lastPanel = 0;
let panelTimer: ReturnType<typeof setTimeout> | null = null;
let pending: Snapshot | null = null;

/** Keeps the newest snapshot for the next frame. */
export function holdSnapshot(snap: Snapshot): void {
  pending = snap;
}

export function hasPending(): boolean {
  return pending !== null;
}

/** Applies the newest held snapshot, if any (at the start of a frame, or at once). */
export function applyPending(): void {
  const snap = pending;
  if (!snap) return;
  pending = null;
  // Arrived before the user played or stopped, not yet drawn: out of date now.
  if (outdated(snap.playing)) return;
  syncClock(snap.runId, snap.time, snap.playing, snap.speed);
  const prev = useSim.getState().panel;
  const now = performance.now();
  if (!snap.playing || !prev || prev.runId !== snap.runId || now - lastPanel >= PANEL_MS) {
    lastPanel = now;
    if (panelTimer !== null) clearTimeout(panelTimer);
    panelTimer = null;
    useSim.setState({ snap, panel: snap, playing: snap.playing });
  } else {
    useSim.setState({ snap, playing: snap.playing });
    // Make sure the last snapshot of a burst reaches the panels too.
    panelTimer ??= setTimeout(() => {
      panelTimer = null;
      lastPanel = performance.now();
      useSim.setState({ panel: useSim.getState().snap });
    }, PANEL_MS);
  }
}
