/**
 * A compact log-linear latency histogram in the style of HdrHistogram (Gil Tene): values are
 * counted in buckets that are linear within each power of two, so every bucket is at most
 * 1/SUB_BUCKETS of its values wide and a percentile read from it is within
 * HISTOGRAM_RELATIVE_ERROR (0.4 %) of the exact sample quantile; values below
 * SUB_BUCKETS µs are counted exactly. Min, max, count and sum are exact.
 *
 * Why not the hdr-histogram-js package: its histograms are class instances (and it brings
 * pako and an AssemblyScript loader), while everything a run keeps must be plain data that
 * structuredClone copies into keyframes. This one is an object of numbers and one array.
 */

/** Linear sub-buckets per power of two (2^7). */
const SUB_BITS = 7;
const SUB_BUCKETS = 1 << SUB_BITS;
/** Values are counted in whole microseconds (the simulator's time resolution). */
const UNITS_PER_MS = 1000;
/** The largest value counted, in µs (2^32 − 1 µs ≈ 71 min, above the longest run). */
const MAX_UNITS = 0xffffffff;

/**
 * A percentile is reported as the middle of its bucket: at most half a bucket, 1/256 of the
 * value, from the exact sample quantile (plus 0.5 µs of rounding to whole microseconds).
 */
export const HISTOGRAM_RELATIVE_ERROR = 1 / (2 * SUB_BUCKETS);

export interface Histogram {
  count: number;
  /** Sum of the recorded values in ms (exact, for the mean). */
  sum: number;
  /** Exact extremes in ms (Infinity / −Infinity while empty). */
  min: number;
  max: number;
  /** Counts by bucket index; grown as values arrive. */
  counts: number[];
}

export function createHistogram(): Histogram {
  return { count: 0, sum: 0, min: Infinity, max: -Infinity, counts: [] };
}

function bucketOf(units: number): number {
  if (units < SUB_BUCKETS) return units;
  const exp = 31 - Math.clz32(units); // floor(log2(units)) ≥ SUB_BITS
  const shift = exp - SUB_BITS;
  return (shift + 1) * SUB_BUCKETS + ((units >>> shift) - SUB_BUCKETS);
}

/** The lowest value (µs) of a bucket and its width. */
function bucketRange(index: number): { low: number; width: number } {
  if (index < SUB_BUCKETS) return { low: index, width: 1 };
  const shift = Math.floor(index / SUB_BUCKETS) - 1;
  const sub = index % SUB_BUCKETS;
  return { low: (SUB_BUCKETS + sub) * 2 ** shift, width: 2 ** shift };
}

/** Counts one value (ms, at least 0). */
export function record(h: Histogram, ms: number): void {
  const units = Math.min(MAX_UNITS, Math.max(0, Math.round(ms * UNITS_PER_MS)));
  const b = bucketOf(units);
  const counts = h.counts;
  while (counts.length <= b) counts.push(0);
  counts[b]!++;
  h.count++;
  h.sum += ms;
  if (ms < h.min) h.min = ms;
  if (ms > h.max) h.max = ms;
}

/**
 * The value at percentile p (0–100) by the nearest-rank rule: the smallest recorded value
 * with at least p % of the values at or below it, read as the middle of its bucket and kept
 * within [min, max]. NaN when empty.
 */
export function percentile(h: Histogram, p: number): number {
  if (h.count === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * h.count));
  let seen = 0;
  const counts = h.counts;
  for (let b = 0; b < counts.length; b++) {
    seen += counts[b]!;
    if (seen >= rank) {
      const { low, width } = bucketRange(b);
      const mid = (low + (width - 1) / 2) / UNITS_PER_MS;
      return Math.min(h.max, Math.max(h.min, mid));
    }
  }
  return h.max;
}

export function mean(h: Histogram): number {
  return h.count === 0 ? NaN : h.sum / h.count;
}
