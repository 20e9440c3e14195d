/**
 * Single-decree Paxos in the lab: its palette, the acceptor/proposer/learner captions, its
 * inspector, the retry timer as the draining arc. No panel: there is one slot.
 */
import type { PaxosConfig } from '../../../../engine/protocols/paxos/config';
import type { PaxosDetail, PaxosView } from '../../../../engine/protocols/paxos/single/view';
import type { RunInfo } from '../../../../worker/protocol';
import { splitMinority } from '../../presets';
import type { ProtocolViewModule } from '../../types';
import type { CaptionData } from '../shared/Caption';
import { rangeText } from '../shared/ballot';
import '../paxos.css';
import { paxosDecoration } from './decor';
import { paxosPalette } from './palette';
import { PaxosFacts, PaxosSections } from './PaxosInspector';

/** The engine's retry timer (single/timers.ts RETRY_TIMER). */
export const RETRY_TIMER = 'retry';

export function paxosStatus(run: RunInfo): string | null {
  const c = run.config as Partial<PaxosConfig> | null;
  const t = c?.retryTimeout;
  if (!t) return null;
  const backoff = c.backoff === 'none' ? 'no back-off' : 'randomized back-off';
  return `retry ${rangeText(t)}, ${backoff}`;
}

export const paxosView: ProtocolViewModule<PaxosView, PaxosDetail, CaptionData> = {
  palette: paxosPalette,
  arcTimer: RETRY_TIMER,
  decoration: paxosDecoration,
  NodeFacts: PaxosFacts,
  NodeSection: PaxosSections,
  panels: [],
  statusText: paxosStatus,
  presets: (ctx) => [splitMinority(ctx)],
};
