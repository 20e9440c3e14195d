/** Test helpers: load-balancer runs from a few fields, and what tests read of their requests. */
import { createSimulator } from '../../create';
import type { RequestRecord } from '../../load/types';
import { parseScenario } from '../../scenario';
import type { Scenario } from '../../scenario';
import type { Simulator } from '../../simulator';
import type { BalancerState } from './types';

/** Every hop between the balancer and a backend takes exactly this long in lbScenario runs. */
export const HOP = 1;

export function lbScenario(fields: Record<string, unknown>): Scenario {
  const parsed = parseScenario({
    protocol: 'loadbalancer',
    nodes: 1,
    seed: 1,
    duration: 60_000,
    network: { clientLatency: { min: HOP, max: HOP } },
    ...fields,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

export function lbRun(fields: Record<string, unknown>): Simulator {
  return createSimulator(lbScenario(fields)).run();
}

export function requestsOf(sim: Simulator): RequestRecord[] {
  return sim.state.load?.requests ?? [];
}

export function balancerOf(sim: Simulator): BalancerState {
  return sim.state.balancer as BalancerState;
}

/** Completed requests issued at or after `from` (a warm-up cut). */
export function completed(sim: Simulator, from = 0): RequestRecord[] {
  return requestsOf(sim).filter((r) => r.completedAt !== null && r.issuedAt >= from);
}

/** Time in the backend's system (queue + service) of served requests. */
export function sojourns(rs: readonly RequestRecord[]): number[] {
  return rs.filter((r) => r.ok).map((r) => r.servedAt! - r.arrivedAt!);
}

export function waits(rs: readonly RequestRecord[]): number[] {
  return rs.filter((r) => r.ok).map((r) => r.startedAt! - r.arrivedAt!);
}

export function average(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** The exact nearest-rank sample quantile (p in 0–1). */
export function quantile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

export function byBackend(rs: readonly RequestRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rs) if (r.backend !== null) out[r.backend] = (out[r.backend] ?? 0) + 1;
  return out;
}
