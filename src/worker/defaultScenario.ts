/**
 * The scenario the lab opens with: a five-server cluster of the default protocol with a
 * gentle workload, every protocol setting at its default; each protocol's playground (a
 * balancer's gets a load instead of the workload).
 */
import { DEFAULT_PROTOCOL, protocolModule } from '../engine/protocols/registry';
import type { ProtocolName } from '../engine/protocols/registry';

export function defaultScenarioJson(
  nodes = 5,
  seed = 1,
  protocol: ProtocolName = DEFAULT_PROTOCOL,
): Record<string, unknown> {
  const m = protocolModule(protocol);
  const title = m.title;
  const base = {
    name: `${title} playground`,
    protocol,
    nodes,
    seed,
    duration: 3_600_000,
    network: { latency: { min: 10, max: 15 } },
  };
  if (m.routing === 'balancer') return { ...base, ...balancerTraffic(nodes) };
  // A protocol without clients (single-decree Paxos decides one value) gets no workload words.
  const load = m.routing === 'none' ? '' : ' with a light client workload';
  return {
    ...base,
    description: `A ${title} cluster${load}. Break it and watch it recover.`,
    workload: { clients: 2, rate: 2, keys: 4, readRatio: 0.3, enabled: true, start: 500 },
  };
}

/** The balancer's playground: two workers per backend (service 40 ms), 70 % busy. */
const LB_WORKERS = 2;
const LB_SERVICE_MS = 40;
const LB_LOAD = 0.7;

/**
 * A balancer takes the scenario's load (requests arriving at a rate), not the key-value
 * workload: enough of it that queues form now and then, with health checks on, so a crashed
 * backend is routed around within a second or two. No outlier ejection: without a cap on the
 * share ejected, a random balancer's passing queue ejects one backend, overloads the rest and
 * ejects them in turn (a cascade worth its own scenario, not the playground's default).
 */
function balancerTraffic(nodes: number): Record<string, unknown> {
  const capacity = (nodes * LB_WORKERS * 1000) / LB_SERVICE_MS;
  const rate = Math.round(LB_LOAD * capacity);
  return {
    description: `${nodes} backends of ${LB_WORKERS} workers (exponential service, mean ${LB_SERVICE_MS} ms) behind a least-connections balancer, at ${rate} requests/s: ${LB_LOAD * 100} % of what they serve. Crash or slow a backend and watch the balancer route around it; compare strategies on the same load below the timeline.`,
    loadbalancer: {
      strategy: 'least-connections',
      workers: LB_WORKERS,
      service: { distribution: 'exponential', mean: LB_SERVICE_MS },
      healthCheck: { interval: 500, threshold: 2 },
      timeout: 1000,
    },
    load: { model: 'open', rate },
  };
}
