/**
 * The displayed virtual time. The worker streams the simulation's time; between two updates
 * the UI extrapolates at the playing speed (never more than a few frames ahead) so message
 * dots glide smoothly at any speed. Only the views that animate subscribe to this store.
 */
import { create } from 'zustand';
import { recordFrame } from '../perf';

interface ClockState {
  /** Virtual time to draw, in ms. */
  time: number;
}

export const useClock = create<ClockState>(() => ({ time: 0 }));

/** Never run ahead of the worker's last report by more than this much real time. */
const MAX_LEAD_MS = 50;

const base = { time: 0, wall: 0, playing: false, speed: 0.02, runId: -1 };

/** Called for every snapshot or tick from the worker. */
export function syncClock(runId: number, time: number, playing: boolean, speed: number): void {
  const shown = useClock.getState().time;
  const jumped = runId !== base.runId || !playing || time < shown - MAX_LEAD_MS * speed;
  base.runId = runId;
  base.time = time;
  base.wall = performance.now();
  base.playing = playing;
  base.speed = speed;
  if (jumped) useClock.setState({ time });
}

function displayTime(now: number): number {
  if (!base.playing) return base.time;
  const lead = Math.min(now - base.wall, MAX_LEAD_MS) * base.speed;
  // Monotonic while playing: a late worker report never pulls the picture backwards.
  return Math.max(useClock.getState().time, base.time + lead);
}

let beforeFrame: () => void = () => {};
/** Work to do at the start of every animation frame (applying the newest snapshot). */
export function setBeforeFrame(fn: () => void): void {
  beforeFrame = fn;
}

let started = false;
export function startClock(): void {
  if (started) return;
  started = true;
  let last = performance.now();
  const frame = (now: number) => {
    recordFrame(now - last);
    last = now;
    beforeFrame();
    const t = displayTime(now);
    if (t !== useClock.getState().time) useClock.setState({ time: t });
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}
