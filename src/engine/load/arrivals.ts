/**
 * Arrival times of an open load: a non-homogeneous Poisson process whose rate is piecewise
 * linear in time (config.ts says how phases make it). The next arrival after t is found by
 * inverting the cumulative rate Λ: draw E ~ Exp(1) and solve Λ(t + x) − Λ(t) = E, a
 * quadratic within a linear piece (Çinlar's time-change method). One uniform draw per
 * arrival, exact, and no rejected draws as thinning would make.
 */
import type { OpenLoad } from './config';

/** One piece of the rate: r(t) = rate + slope · (t − from) for from ≤ t < to, per ms. */
export interface RatePiece {
  from: number;
  to: number;
  rate: number;
  slope: number;
}

/** The rate as pieces covering [0, ∞): the last one lasts forever (a run ends anyway). */
export function ratePieces(load: OpenLoad, duration: number): RatePiece[] {
  const pieces: RatePiece[] = [];
  const phases = load.phases;
  const first = phases[0]?.at ?? Infinity;
  if (first > 0) pieces.push({ from: 0, to: first, rate: load.rate / 1000, slope: 0 });
  phases.forEach((p, i) => {
    const end = phases[i + 1]?.at ?? Infinity;
    // The last phase ramps until the run's end, and holds `to` after it.
    const rampEnd = Number.isFinite(end) ? end : Math.max(duration, p.at + 1);
    const slope = p.to === undefined ? 0 : (p.to - p.rate) / 1000 / (rampEnd - p.at);
    pieces.push({
      from: p.at,
      to: Number.isFinite(end) ? end : rampEnd,
      rate: p.rate / 1000,
      slope,
    });
    if (!Number.isFinite(end) && p.to !== undefined) {
      pieces.push({ from: rampEnd, to: Infinity, rate: p.to / 1000, slope: 0 });
    }
  });
  const last = pieces.at(-1)!;
  if (Number.isFinite(last.to)) last.to = Infinity;
  return pieces;
}

/** The rate at time t (per ms). */
export function rateAt(pieces: readonly RatePiece[], t: number): number {
  for (const p of pieces) if (t < p.to) return p.rate + p.slope * (t - p.from);
  return 0;
}

/**
 * The time of the next arrival after t, given E ~ Exp(1); `hint` is the index of a piece at
 * or before the one holding t (the caller keeps it to skip passed pieces). Infinity when the
 * rate stays 0 from t on.
 */
export function nextArrival(
  pieces: readonly RatePiece[],
  t: number,
  e: number,
  hint = 0,
): { time: number; piece: number } {
  let need = e;
  let now = t;
  for (let i = hint; i < pieces.length; i++) {
    const p = pieces[i]!;
    if (now >= p.to) continue;
    const r = p.rate + p.slope * (now - p.from);
    const span = p.to - now;
    const rising = r > 0 || p.slope > 0;
    const finite = Number.isFinite(span);
    const mass = finite ? r * span + (p.slope * span * span) / 2 : rising ? Infinity : 0;
    if (need <= mass && rising) {
      // Solve (slope/2)·x² + r·x = need in the form that stays exact when slope → 0.
      const x = (2 * need) / (r + Math.sqrt(Math.max(0, r * r + 2 * p.slope * need)));
      return { time: now + x, piece: i };
    }
    need -= mass;
    now = p.to;
  }
  return { time: Infinity, piece: pieces.length - 1 };
}

/** The expected number of arrivals in [0, until): Λ(until). */
export function expectedArrivals(pieces: readonly RatePiece[], until: number): number {
  let total = 0;
  for (const p of pieces) {
    if (p.from >= until) break;
    const span = Math.min(p.to, until) - p.from;
    total += p.rate * span + (p.slope * span * span) / 2;
  }
  return total;
}
