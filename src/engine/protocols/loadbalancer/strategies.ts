/**
 * How the balancer picks a backend for an attempt. Every strategy sees only what the balancer
 * itself knows: its own count of outstanding attempts per backend, the latencies it measured,
 * and which backends its health checks and outlier ejection took out of rotation. A retry
 * passes the backend that just failed as `avoid`: it is taken only when nothing else is left.
 * Returns a backend index, or -1 when no backend is available.
 */
import type { BalancerContext } from '../../protocol';
import type { LoadRequest } from '../../load/types';
import { hash32, ringStart } from './ring';
import type { BalancerState, LbMessage } from './types';

type Ctx = BalancerContext<LbMessage>;

/** Peak-EWMA's decay time (Finagle's and Linkerd's default), ms. */
export const EWMA_DECAY = 10_000;

/** In rotation: not marked down by health checks, not ejected as an outlier. */
export function available(b: BalancerState, i: number, now: number): boolean {
  return !b.down[i] && b.ejectedUntil[i]! <= now;
}

/**
 * The list `candidates` fills, reused by every pick (a pick runs to its end before the next
 * one: no list per request). It is not part of the state: it is rebuilt at every pick.
 */
const scratch: number[] = [];

/** The backends a pick may choose from: the available ones, `avoid` only if alone. */
function candidates(b: BalancerState, now: number, avoid: number): number[] {
  const out = scratch;
  out.length = 0;
  for (let i = 0; i < b.backends.length; i++) if (available(b, i, now) && i !== avoid) out.push(i);
  if (out.length === 0 && avoid >= 0 && available(b, avoid, now)) out.push(avoid);
  return out;
}

function randomOf(list: readonly number[], ctx: Ctx): number {
  return list[Math.floor(ctx.random() * list.length)]!;
}

/** Scans from the rotating cursor, so ties (and plain round robin) go round. */
function rotate(b: BalancerState, ok: (i: number) => boolean): number {
  const n = b.backends.length;
  for (let k = 0; k < n; k++) {
    const i = (b.cursor + k) % n;
    if (ok(i)) {
      b.cursor = (i + 1) % n;
      return i;
    }
  }
  return -1;
}

function leastLoaded(b: BalancerState, list: readonly number[], cost: (i: number) => number) {
  let best = -1;
  let bestCost = Infinity;
  const n = b.backends.length;
  // From the cursor, so that equal costs are shared out in turn rather than all to S1.
  for (let k = 0; k < n; k++) {
    const i = (b.cursor + k) % n;
    if (!list.includes(i)) continue;
    const c = cost(i);
    if (c < bestCost) {
      best = i;
      bestCost = c;
    }
  }
  b.cursor = (b.cursor + 1) % n;
  return best;
}

/** p2c: twoChoices by outstanding attempts (the same draws), without a cost closure. */
function twoByOutstanding(b: BalancerState, list: readonly number[], ctx: Ctx): number {
  if (list.length === 1) return list[0]!;
  const a = Math.floor(ctx.random() * list.length);
  let c = Math.floor(ctx.random() * (list.length - 1));
  if (c >= a) c++;
  const x = list[a]!;
  const y = list[c]!;
  return b.outstanding[y]! < b.outstanding[x]! ? y : x;
}

/** Two distinct random candidates; the one of lower cost (the first drawn on a tie). */
function twoChoices(list: readonly number[], cost: (i: number) => number, ctx: Ctx): number {
  if (list.length === 1) return list[0]!;
  const a = Math.floor(ctx.random() * list.length);
  let c = Math.floor(ctx.random() * (list.length - 1));
  if (c >= a) c++;
  const x = list[a]!;
  const y = list[c]!;
  return cost(y) < cost(x) ? y : x;
}

/** Peak-EWMA's cost: the decayed latency estimate × (outstanding + 1). */
function ewmaCost(b: BalancerState, i: number, now: number): number {
  const w = Math.exp(-(now - b.ewmaAt[i]!) / EWMA_DECAY);
  return b.ewma[i]! * w * (b.outstanding[i]! + 1);
}

/** Nginx's smooth weighted round robin: deterministic, and spreads each weight evenly. */
function smoothWeighted(b: BalancerState, list: readonly number[]): number {
  let total = 0;
  let best = -1;
  for (const i of list) {
    const w = b.config.weights[b.backends[i]!] ?? 1;
    if (w <= 0) continue;
    b.current[i]! += w;
    total += w;
    if (best < 0 || b.current[i]! > b.current[best]!) best = i;
  }
  if (best >= 0) b.current[best]! -= total;
  return best;
}

/** The first backend clockwise from the key whose load stays within the bound. */
function boundedHash(b: BalancerState, key: string, list: readonly number[]): number {
  let total = 0;
  for (const i of list) total += b.outstanding[i]!;
  const bound = Math.ceil((b.config.hashBalance * (total + 1)) / list.length);
  const points = b.ringPoints;
  const start = ringStart(points, hash32(key));
  for (let k = 0; k < points.length; k++) {
    const i = b.ringOwners[(start + k) % points.length]!;
    if (list.includes(i) && b.outstanding[i]! < bound) return i;
  }
  return list[0]!;
}

/**
 * DNS round robin: the client's cached answer while it lasts, dead backend or not (it cannot
 * know); else the DNS server's next answer in rotation among backends its health checks
 * pass, cached for dnsTtl ms. A retry goes to the same address: the client has no other.
 */
function dns(b: BalancerState, client: number, now: number): number {
  const cached = b.dnsBackend[client]!;
  if (cached >= 0 && b.dnsExpires[client]! > now) return cached;
  const i = rotate(b, (j) => !b.down[j]);
  b.dnsBackend[client] = i;
  b.dnsExpires[client] = now + b.config.dnsTtl;
  return i;
}

export function pick(b: BalancerState, req: LoadRequest, avoid: number, ctx: Ctx): number {
  const now = ctx.now();
  const strategy = b.config.strategy;
  if (strategy === 'dns-round-robin') return dns(b, req.client, now);
  const list = candidates(b, now, avoid);
  if (list.length === 0) return -1;
  switch (strategy) {
    case 'round-robin':
      return rotate(b, (i) => list.includes(i));
    case 'weighted-round-robin':
      return smoothWeighted(b, list);
    case 'random':
      return randomOf(list, ctx);
    case 'least-connections':
      return leastLoaded(b, list, (i) => b.outstanding[i]!);
    case 'p2c':
      return twoByOutstanding(b, list, ctx);
    case 'peak-ewma':
      return twoChoices(list, (i) => ewmaCost(b, i, now), ctx);
    case 'consistent-hash':
      return boundedHash(b, req.key, list);
  }
}

/** Peak-EWMA's update with a measured latency: jump up to a peak, decay towards a drop. */
export function observeLatency(b: BalancerState, i: number, rtt: number, now: number): void {
  const w = Math.exp(-(now - b.ewmaAt[i]!) / EWMA_DECAY);
  const prev = b.ewma[i]!;
  b.ewma[i] = rtt > prev ? rtt : prev * w + rtt * (1 - w);
  b.ewmaAt[i] = now;
}
