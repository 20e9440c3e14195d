/** How the lab and the trace name and draw each Dynamo message. */
import type { MessageInfo } from '../../protocol';
import type { DynamoMessage } from './types';

/** The palette classes, one per kind of message (hinted writes apart). */
export type DynamoMessageClass =
  | 'put-replica'
  | 'hint'
  | 'put-ack'
  | 'get-replica'
  | 'get-reply'
  | 'repair'
  | 'handoff'
  | 'handoff-ack'
  | 'sync';

function info(cls: DynamoMessageClass, label: string): MessageInfo {
  return { cls, epoch: null, label };
}

export function describeDynamoMessage(m: DynamoMessage): MessageInfo {
  switch (m.type) {
    case 'put-replica':
      return m.hint === null
        ? info('put-replica', `put ${m.key}=${m.version.value}`)
        : info('hint', `put ${m.key}=${m.version.value} (hint for ${m.hint})`);
    case 'put-ack':
      return info('put-ack', `ack ${m.key}`);
    case 'get-replica':
      return info('get-replica', `get ${m.key}`);
    case 'get-reply':
      return info(
        'get-reply',
        `${m.key} → ${m.versions.length} version${m.versions.length === 1 ? '' : 's'}`,
      );
    case 'repair':
      return info('repair', `repair ${m.key}`);
    case 'handoff':
      return info('handoff', `handoff ${m.key}`);
    case 'handoff-ack':
      return info('handoff-ack', `handoff ack ${m.key}`);
    case 'merkle':
      return info(
        'sync',
        m.level === 0 ? 'Merkle root' : `Merkle level ${m.level} ×${Object.keys(m.hashes).length}`,
      );
    case 'sync':
      return info('sync', `sync ×${Object.keys(m.digests).length} in ${m.buckets.length} leaves`);
    case 'sync-reply':
      return info('sync', `sync reply ×${Object.keys(m.data).length}, want ${m.want.length}`);
    case 'sync-data':
      return info('sync', `sync data ×${Object.keys(m.data).length}`);
  }
}
