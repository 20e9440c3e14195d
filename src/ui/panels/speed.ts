/** Playback speeds: virtual ms per real ms, on a log scale from 1/1000× to 50×. */
export const SPEED_MIN_LOG = -3;
/** The worker's own limit: 50 virtual ms per real ms. */
export const SPEED_MAX_LOG = Math.log10(50);
export const SPEED_MIN = 10 ** SPEED_MIN_LOG;
export const SPEED_MAX = 50;

/** Slider positions close to these speeds snap to them (1×, 2×, 5×, 10×, 20×, 50×…). */
const STOPS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50];

/** The speed at a slider position (log10 of the speed), snapped to a round one nearby. */
export function speedAt(logSpeed: number): number {
  const raw = 10 ** Math.min(SPEED_MAX_LOG, Math.max(SPEED_MIN_LOG, logSpeed));
  for (const s of STOPS) if (Math.abs(Math.log10(s) - Math.log10(raw)) < 0.04) return s;
  return raw;
}
