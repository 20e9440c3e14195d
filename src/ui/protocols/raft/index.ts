/** Raft in the lab: its palette, the candidate's vote pips, its inspector and the log matrix. */
import type { RaftConfig } from '../../../engine/protocols/raft/types';
import type { RaftDetail, RaftView } from '../../../engine/protocols/raft/view';
import type { RunInfo } from '../../../worker/protocol';
import { isolateLeader, splitMinority } from '../presets';
import type { ProtocolViewModule } from '../types';
import { LogMatrix } from './LogMatrix';
import { raftPalette } from './palette';
import { RaftFacts, RaftSections } from './RaftInspector';
import { RaftSettings } from './RaftSettings';
import { votePips } from './VotePips';
import type { VotePipsData } from './VotePips';

export function raftStatus(run: RunInfo): string | null {
  const c = run.config as Partial<RaftConfig> | null;
  const t = c?.electionTimeout;
  if (!t) return null;
  const on = [
    c.preVote && 'PreVote',
    c.checkQuorum && 'CheckQuorum',
    c.reads && c.reads !== 'log' && `${c.reads} reads`,
    c.snapshotEvery && `snapshots every ${c.snapshotEvery}`,
  ].filter(Boolean);
  return `election timeout ${t.min}–${t.max} ms${on.length > 0 ? ` · ${on.join(' + ')}` : ''}`;
}

export const raftView: ProtocolViewModule<RaftView, RaftDetail, VotePipsData> = {
  palette: raftPalette,
  arcTimer: 'election',
  decoration: votePips,
  NodeFacts: RaftFacts,
  NodeSection: RaftSections,
  panels: [LogMatrix],
  statusText: raftStatus,
  Settings: RaftSettings,
  presets: (ctx) => [isolateLeader(ctx), splitMinority(ctx)],
};
