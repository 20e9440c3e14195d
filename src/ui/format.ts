/** Small formatting helpers shared by the panels. */

/** Virtual time for people: "1.234 s" or "850.0 ms". */
export function fmtTime(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (Math.abs(ms) >= 1000) return `${(ms / 1000).toFixed(3)} s`;
  return `${ms.toFixed(1)} ms`;
}

export function fmtMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  return ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}

/** Speed as a fraction of real time: "1×", "1/50×". */
export function fmtSpeed(speed: number): string {
  if (speed >= 0.999) return '1×';
  const inv = 1 / speed;
  return `1/${inv >= 10 ? Math.round(inv) : inv.toFixed(1)}×`;
}

export function quorum(n: number): number {
  return Math.floor(n / 2) + 1;
}
