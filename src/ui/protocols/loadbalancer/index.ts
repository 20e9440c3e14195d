/**
 * The load balancer in the lab: backends as servers with their workers and queue bars, the
 * balancer at the hub in the middle (its messages are drawn from there, as client traffic
 * is), the inspector's counters, speed buttons and health, the live Backends table, the
 * queues over time and compare mode. Backends do not lead and do not talk to one another, so there are no presets.
 */
import type { LbDetail, LbView } from '../../../engine/protocols/loadbalancer/view';
import { useSim } from '../../store/sim';
import { ComparePanel } from '../../views/load/ComparePanel';
import { AggregatePanel } from '../../views/load/AggregatePanel';
import type { ProtocolViewModule } from '../types';
import { BackendsPanel } from './BackendsPanel';
import { lbConfigOf, lbStatus } from './config';
import { lbDecoration } from './decor';
import type { LbDecorData } from './decor';
import { LbFacts, LbSpeed } from './LbInspector';
import { lbPalette } from './palette';
import { QueuePanel } from './QueuePanel';
import './loadbalancer.css';

/**
 * The queue bound the bars are drawn against: a decoration sees the view, not the run, and
 * the bound is a run setting (the same for every backend).
 */
function queueCap(): number | null {
  const run = useSim.getState().run;
  return run ? (lbConfigOf(run)?.queue ?? null) : null;
}

export const loadBalancerView: ProtocolViewModule<LbView, LbDetail, LbDecorData> = {
  palette: lbPalette,
  decoration: lbDecoration(queueCap),
  NodeFacts: LbFacts,
  NodeSection: LbSpeed,
  panels: [BackendsPanel, QueuePanel, AggregatePanel, ComparePanel],
  statusText: lbStatus,
  presets: () => [],
};
