/** Small formatting helpers shared by the panels and the history views. */
import { formatMs } from '../engine/analysis/describe';

/**
 * The lab's one millisecond formatter (the engine's, as the event sentences use it): to a
 * tenth of a millisecond, "12 ms", "1234.5 ms"; "—" for nothing.
 */
export function fmtMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  return formatMs(ms);
}

/** A moment of virtual time for people: "1.234 s" from a second on, else as fmtMs. */
export function fmtTime(ms: number): string {
  if (Number.isFinite(ms) && Math.abs(ms) >= 1000) return `${(ms / 1000).toFixed(3)} s`;
  return fmtMs(ms);
}

/** Speed as a multiple or a fraction of real time: "20×", "1.5×", "1×", "1/50×". */
export function fmtSpeed(speed: number): string {
  if (speed >= 0.999) {
    const x = speed >= 9.95 ? Math.round(speed) : Math.round(speed * 10) / 10;
    return `${x}×`;
  }
  const inv = 1 / speed;
  return `1/${inv >= 10 ? Math.round(inv) : inv.toFixed(1)}×`;
}
