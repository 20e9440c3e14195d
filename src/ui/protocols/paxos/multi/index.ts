/**
 * Multi-Paxos in the lab: its palette, the role captions, its inspector, the slot grid, the
 * leader timer as the draining arc, and the isolate-leader / split-minority presets.
 */
import type { PaxosConfig } from '../../../../engine/protocols/paxos/config';
import type {
  MultiPaxosDetail,
  MultiPaxosView,
} from '../../../../engine/protocols/paxos/multi/view';
import type { RunInfo } from '../../../../worker/protocol';
import { isolateLeader, splitMinority } from '../../presets';
import type { ProtocolViewModule } from '../../types';
import type { CaptionData } from '../shared/Caption';
import { rangeText } from '../shared/ballot';
import '../paxos.css';
import { multiDecoration } from './decor';
import { MultiFacts, MultiSections } from './MultiInspector';
import { multiPaxosPalette } from './palette';
import { SlotGrid } from './SlotGrid';

/** The engine's leader timer (multi/timers.ts LEADER_TIMER). */
export const LEADER_TIMER = 'leader';

export function multiPaxosStatus(run: RunInfo): string | null {
  const c = run.config as Partial<PaxosConfig> | null;
  const t = c?.leaderTimeout;
  if (!t) return null;
  const hb = c.heartbeatInterval === undefined ? '' : `, heartbeat ${c.heartbeatInterval} ms`;
  return `leader timeout ${rangeText(t)}${hb}`;
}

export const multiPaxosView: ProtocolViewModule<MultiPaxosView, MultiPaxosDetail, CaptionData> = {
  palette: multiPaxosPalette,
  arcTimer: LEADER_TIMER,
  decoration: multiDecoration,
  NodeFacts: MultiFacts,
  NodeSection: MultiSections,
  panels: [SlotGrid],
  statusText: multiPaxosStatus,
  presets: (ctx) => [isolateLeader(ctx), splitMinority(ctx)],
};
