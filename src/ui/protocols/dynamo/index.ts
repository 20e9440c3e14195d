/**
 * The leaderless Dynamo store in the lab: its palette, each server's key and hint counts, the
 * key table with the ring strip, and its inspector. No server leads, so the presets only split
 * the cluster: both sides keep serving, which is what a stale read needs.
 */
import type { DynamoDetail, DynamoView } from '../../../engine/protocols/dynamo/view';
import type { RunInfo } from '../../../worker/protocol';
import { splitMinority } from '../presets';
import type { PresetContext, ProtocolViewModule } from '../types';
import { dynamoDecoration } from './decor';
import type { DynamoCaptionData } from './decor';
import { DynamoFacts, DynamoSections } from './DynamoInspector';
import { KeyReplicas } from './KeyReplicas';
import { dynamoConfig, nrwText } from './keys';
import { dynamoPalette } from './palette';
import './dynamo.css';

/** The engine's anti-entropy timer (dynamo/timers.ts ANTI_ENTROPY_TIMER): the arc shows the next sync. */
export const ANTI_ENTROPY_TIMER = 'anti-entropy';

/** "N=3 R=2 W=2 · lww · hinted handoff off". */
export function dynamoStatus(run: Pick<RunInfo, 'config'>): string | null {
  const c = dynamoConfig(run);
  if (!c) return null;
  return `${nrwText(c)} · hinted handoff ${c.hintedHandoff ? 'on' : 'off'}`;
}

export function dynamoPresets(ctx: PresetContext) {
  // A leaderless store has no leader to isolate; the split's words must not promise one.
  return [
    {
      ...splitMinority({ ...ctx, leader: null }),
      title: 'Partition into a minority and a majority: both sides keep serving',
    },
  ];
}

export const dynamoView: ProtocolViewModule<DynamoView, DynamoDetail, DynamoCaptionData> = {
  palette: dynamoPalette,
  arcTimer: ANTI_ENTROPY_TIMER,
  decoration: dynamoDecoration,
  NodeFacts: DynamoFacts,
  NodeSection: DynamoSections,
  panels: [KeyReplicas],
  statusText: dynamoStatus,
  presets: dynamoPresets,
};
