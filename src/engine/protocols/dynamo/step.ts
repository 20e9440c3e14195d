/** One entry point for every message a Dynamo node receives. */
import type { Envelope, ProtocolContext } from '../../types';
import { onMerkle, onSync, onSyncReply, storeAll } from './antiEntropy';
import { onAnswer } from './coordinator';
import { onHandoff, onHandoffAck, scheduleHandoff } from './handoff';
import { addHint, hintedVersions, localVersions, replicasOf, storeVersions } from './store';
import type { DynamoMessage, DynamoState } from './types';

export function stepMessage(
  state: DynamoState,
  msg: Envelope<DynamoMessage>,
  ctx: ProtocolContext<DynamoMessage>,
): void {
  const m = msg.payload;
  const from = msg.from;
  switch (m.type) {
    case 'put-replica':
      // Stored (or kept for its owner) before the ack: an acked write is on this node's disk.
      if (m.hint === null) storeVersions(state, m.key, [m.version]);
      else {
        addHint(state, m.hint, m.key, [m.version]);
        scheduleHandoff(state, ctx);
      }
      ctx.send(from, { type: 'put-ack', coord: m.coord, key: m.key });
      return;
    case 'put-ack':
      return onAnswer(state, m.coord, from, null, ctx);
    case 'get-replica': {
      // A fallback (not a replica of the key) answers with the hints it holds for it.
      const own = replicasOf(state, m.key).includes(state.id);
      const versions = own ? localVersions(state, m.key) : hintedVersions(state, m.key);
      ctx.send(from, { type: 'get-reply', coord: m.coord, key: m.key, versions });
      return;
    }
    case 'get-reply':
      return onAnswer(state, m.coord, from, m.versions, ctx);
    case 'repair':
      storeVersions(state, m.key, m.versions);
      return;
    case 'handoff':
      return onHandoff(state, from, m.key, m.versions, ctx);
    case 'handoff-ack':
      return onHandoffAck(state, from, m.key, m.versions);
    case 'merkle':
      return onMerkle(state, from, m.level, m.hashes, ctx);
    case 'sync':
      return onSync(state, from, m.digests, m.buckets, ctx);
    case 'sync-reply':
      return onSyncReply(state, from, m.data, m.want, ctx);
    case 'sync-data':
      return storeAll(state, m.data);
  }
}
