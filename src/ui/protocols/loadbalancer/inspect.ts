/** Words and numbers the load balancer's inspector and panels show (pure, tested). */
import type { BalancerSeen } from '../../../engine/protocols/loadbalancer/view';
import { fmtMs } from '../../format';

/** "68 %", "0.4 %", "—" for a share (0–1) not known. */
export function pct(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const p = share * 100;
  return `${p > 0 && p < 1 ? p.toFixed(1) : Math.round(p)} %`;
}

/** The balancer's judgement of a backend, in words, with why and until when. */
export function healthText(seen: BalancerSeen | null | undefined, now: number): string {
  if (!seen) return '—';
  switch (seen.health) {
    case 'down':
      return `marked down by health checks (${seen.probeFailures} probes failed)`;
    case 'ejected':
      return `ejected as an outlier for ${fmtMs(Math.max(0, (seen.ejectedUntil ?? now) - now))} more`;
    case 'in rotation':
      return seen.probeFailures > 0
        ? `in rotation (${seen.probeFailures} probe${seen.probeFailures === 1 ? '' : 's'} failed)`
        : 'in rotation';
  }
}

/** "1 of 2 busy". */
export function workersText(busy: number, workers: number): string {
  return `${busy} of ${workers} busy`;
}

/** "3 waiting (of 10 places)", "3 waiting (unbounded)". */
export function queueText(waiting: number, cap: number | null): string {
  return `${waiting} waiting (${cap === null ? 'unbounded' : `of ${cap} places`})`;
}

/** The speed buttons the inspector offers: a slow server, a very slow one, back to normal. */
export const SPEED_CHOICES = [0.5, 0.2, 1] as const;
