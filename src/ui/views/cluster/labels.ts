/** Accessible names of servers, messages and the leader, from the generic views. */
import type { MessageView, NodeView } from '../../../worker/protocol';

/** ", term 3" — or nothing for a protocol without epochs. */
export function epochSuffix(epochName: string, epoch: number | null): string {
  return epoch === null ? '' : `, ${epochName} ${epoch}`;
}

/**
 * "server S1, leader, term 3" (", paused" while paused; "crashed" as the role when down;
 * ", removed" when outside the configuration in force).
 */
export function nodeLabel(n: NodeView, epochName: string, outside = false): string {
  const role = n.up ? n.role : 'crashed';
  const paused = n.up && n.pausedUntil > 0 ? ', paused' : '';
  const removed = outside ? ', removed' : '';
  return `server ${n.id}, ${role}${epochSuffix(epochName, n.epoch)}${paused}${removed}`;
}

/** "message 12: heartbeat from S3 to S1, term 1". */
export function messageLabel(m: MessageView, epochName: string): string {
  return `message ${m.id}: ${m.label} from ${m.from} to ${m.to}${epochSuffix(epochName, m.epoch)}`;
}

/** "leader S3, term 4" (without the epoch for a protocol that has none). */
export function leaderText(leader: string, epochName: string, epoch: number | null): string {
  return `leader ${leader}${epochSuffix(epochName, epoch)}`;
}
