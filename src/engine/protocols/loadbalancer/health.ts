/**
 * The balancer's health: active checks and passive outlier ejection.
 *
 * Active checks: every `healthCheck.interval` ms the balancer probes every backend. A probe
 * still unanswered when the next check is due counts as a failure; `threshold` failures in a
 * row mark the backend down, one answered probe marks it up again. A backend that crashes
 * (or stalls) between two checks is therefore marked down between threshold × interval and
 * (threshold + 1) × interval after it.
 *
 * Outlier ejection (Envoy's consecutive-5xx): `outlier.consecutiveErrors` failed attempts in a
 * row (timeouts and refusals) eject a backend for `outlier.ejectionTime` ms, unless it is the
 * last one in rotation.
 */
import type { BalancerContext } from '../../protocol';
import { available } from './strategies';
import type { BalancerState, LbMessage } from './types';

type Ctx = BalancerContext<LbMessage>;

export const HEALTH_TIMER = 'health';

export function startHealthChecks(b: BalancerState, ctx: Ctx): void {
  if (b.config.healthCheck) ctx.setTimer(HEALTH_TIMER, b.config.healthCheck.interval, 0);
}

export function onHealthTimer(b: BalancerState, ctx: Ctx): void {
  const hc = b.config.healthCheck;
  if (!hc) return;
  for (let i = 0; i < b.backends.length; i++) {
    if (b.probe[i] !== 0) {
      b.failures[i]!++;
      if (b.failures[i]! >= hc.threshold && !b.down[i]) {
        b.down[i] = true;
        ctx.note(`health check: ${b.backends[i]} marked down after ${b.failures[i]} failed probes`);
      }
    }
    const seq = ++b.probeSeq;
    b.probe[i] = seq;
    ctx.send(b.backends[i]!, { type: 'probe', seq });
  }
  ctx.setTimer(HEALTH_TIMER, hc.interval, 0);
}

export function onProbeAnswer(b: BalancerState, i: number, seq: number, ctx: Ctx): void {
  if (b.probe[i] !== seq) return; // The answer to a probe already judged failed.
  b.probe[i] = 0;
  b.failures[i] = 0;
  if (b.down[i]) {
    b.down[i] = false;
    ctx.note(`health check: ${b.backends[i]} is up again`);
  }
}

/** A failed attempt at backend i (timeout or refusal). */
export function attemptFailed(b: BalancerState, i: number, ctx: Ctx): void {
  b.failed[i]!++;
  b.errors[i]!++;
  const o = b.config.outlier;
  const now = ctx.now();
  if (!o || b.errors[i]! < o.consecutiveErrors || b.ejectedUntil[i]! > now) return;
  let others = 0;
  for (let j = 0; j < b.backends.length; j++) if (j !== i && available(b, j, now)) others++;
  if (others === 0) return;
  b.ejectedUntil[i] = now + o.ejectionTime;
  b.errors[i] = 0;
  ctx.note(
    `outlier: ${b.backends[i]} ejected for ${o.ejectionTime} ms after ${o.consecutiveErrors} errors`,
  );
}

export function attemptSucceeded(b: BalancerState, i: number): void {
  b.errors[i] = 0;
}
