/**
 * Service-time distributions. `mean` and `sigma` are the mean and the standard deviation of
 * the service time in ms, for every distribution (so two distributions of one mean and sigma
 * differ only in shape):
 *
 * - exponential: sigma = mean always (memoryless: M/M/c theory applies);
 * - constant: every service takes `mean` (sigma 0: M/D/c);
 * - uniform: on [mean − √3·sigma, mean + √3·sigma]; default sigma mean/√3, i.e. [0, 2·mean];
 * - lognormal: ln S is normal with σ² = ln(1 + sigma²/mean²) and μ = ln mean − σ²/2;
 *   default sigma = mean;
 * - bimodal: 90 % of services take mean − sigma/3 and 10 % take mean + 3·sigma (a fast path and
 *   a slow one, e.g. cache hits and misses); default sigma = mean.
 *
 * Draws come from a uniform source in [0, 1) (the backend's own seeded stream).
 */
import type { ServiceTime } from './types';

/** Share of the slow mode of the bimodal distribution. */
const SLOW_SHARE = 0.1;

/** The standard deviation a distribution has (its default where none is given). */
export function serviceSigma(s: ServiceTime): number {
  switch (s.distribution) {
    case 'exponential':
      return s.mean;
    case 'constant':
      return 0;
    case 'uniform':
      return s.sigma ?? s.mean / Math.sqrt(3);
    case 'lognormal':
    case 'bimodal':
      return s.sigma ?? s.mean;
  }
}

/** Why a sigma does not fit its distribution (a service time below 0), or null. */
export function sigmaProblem(s: ServiceTime): string | null {
  if (s.sigma === null) return null;
  if (s.distribution === 'uniform' && s.sigma > s.mean / Math.sqrt(3) + 1e-9) {
    return `a uniform service time of mean ${s.mean} ms has sigma at most mean/√3 = ${(s.mean / Math.sqrt(3)).toFixed(3)} ms (got ${s.sigma}): it would go below 0`;
  }
  if (s.distribution === 'bimodal' && s.sigma > 3 * s.mean) {
    return `a bimodal service time of mean ${s.mean} ms has sigma at most 3 × mean = ${3 * s.mean} ms (got ${s.sigma}): its fast mode would go below 0`;
  }
  return null;
}

/** A uniform source in [0, 1): the backend's context (no closure per draw). */
export interface Uniform {
  random(): number;
}

/** One service time, ms, from uniform draws. */
export function drawService(s: ServiceTime, uniform: () => number): number {
  return serviceFrom(s, { random: uniform });
}

/** One service time, ms, drawn from `source` (a backend's context: no closure per draw). */
export function serviceFrom(s: ServiceTime, source: Uniform): number {
  const m = s.mean;
  switch (s.distribution) {
    case 'exponential':
      return -Math.log(1 - source.random()) * m;
    case 'constant':
      return m;
    case 'uniform': {
      const half = Math.sqrt(3) * serviceSigma(s);
      return m - half + 2 * half * source.random();
    }
    case 'lognormal': {
      const sd = serviceSigma(s);
      const s2 = Math.log(1 + (sd * sd) / (m * m));
      // Box–Muller: one standard normal from two uniforms (1 − u keeps the log finite).
      const z =
        Math.sqrt(-2 * Math.log(1 - source.random())) * Math.cos(2 * Math.PI * source.random());
      return Math.exp(Math.log(m) - s2 / 2 + Math.sqrt(s2) * z);
    }
    case 'bimodal': {
      const sd = serviceSigma(s);
      return source.random() < SLOW_SHARE ? m + 3 * sd : m - sd / 3;
    }
  }
}
