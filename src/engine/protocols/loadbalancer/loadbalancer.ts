/**
 * A load balancer in front of backends, as a protocol module: the scenario's nodes are the
 * backends (backend.ts: workers, a queue, service times from a distribution, a speed), and
 * the module's balancer hook (balancer.ts) routes the load generator's requests to them by a
 * strategy (strategies.ts), with health checks and outlier ejection (health.ts), retries and
 * timeouts. The balancer's state lives in SimState.balancer, plain data like the backends'.
 */
import type { Observation, ProtocolModule } from '../../protocol';
import { loadReport } from '../../load/report';
import { freshBackend, initialPersistent, onBackendMessage, onDirectRequest } from './backend';
import { onWorkerTimer, setSpeed } from './backend';
import { balancerHook } from './balancer';
import { copySeries } from './queueSeries';
import { lbConfig } from './config';
import { describeLbMessage } from './describe';
import type { BackendPersistent, BackendState, BalancerState, LbConfig, LbMessage } from './types';
import { backendDetail, backendQueue, backendReport, backendView, lbView } from './view';
import type { LbDetail, LbView } from './view';

export { DEFAULT_LB_CONFIG } from './config';

/** Backends have no roles to speak of: the view shows their queues. */
const BACKEND: Observation = { role: 'backend', epoch: null, leads: false, campaigns: false };

export const loadBalancerModule: ProtocolModule<
  BackendState,
  LbMessage,
  BackendPersistent,
  LbConfig,
  LbView,
  LbDetail,
  BalancerState
> = {
  name: 'loadbalancer',
  title: 'Load balancer',
  epochName: 'epoch',
  config: lbConfig,
  routing: 'balancer',
  // The "timeout" action ends the service of worker 0 now.
  timeoutTimer: 'w0',
  checkers: [],
  balancer: balancerHook,
  init: (ctx, config) => freshBackend(ctx, config, initialPersistent(config, ctx.self)),
  onMessage: onBackendMessage,
  onTimer: onWorkerTimer,
  onClientRequest: onDirectRequest,
  setSpeed,
  persistent: (s) => ({
    speed: s.speed,
    workers: s.workers,
    stats: { ...s.stats },
    // The queue is lost with the process: the series reads 0 from its last change on.
    series: { ...copySeries(s.series), waiting: 0, system: 0 },
  }),
  onRecover: (ctx, config, persisted) => freshBackend(ctx, config, persisted),
  observe: () => BACKEND,
  persistedEpoch: () => null,
  kind: (m) => m.type,
  describe: describeLbMessage,
  summary: (n) => ({ role: n.up ? 'backend' : 'down', ...backendView(n) }),
  runSummary: (nodes, run = { time: 0, requests: [] }) => ({
    report: loadReport(
      run.requests,
      run.time,
      nodes.map((n) => {
        const line = backendReport(n, n.state?.workers ?? n.persisted?.workers ?? 1, run.time);
        const queue = backendQueue(n, run.time);
        return queue ? { ...line, queueOverTime: queue } : line;
      }),
    ),
  }),
  view: (nodes, _req, facts) => lbView(nodes, facts),
  detail: backendDetail,
};
