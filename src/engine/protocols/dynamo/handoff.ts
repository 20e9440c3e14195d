/**
 * Hinted handoff (§4.6): a node that stored a write for an unreachable replica keeps it with a
 * hint naming the owner and, every HANDOFF_INTERVAL, offers it back; the owner stores it and
 * acks, and the versions it acked leave the hint. Hints are persistent: they survive a crash.
 */
import type { NodeId, ProtocolContext } from '../../types';
import { settleHint, storeVersions } from './store';
import { HANDOFF_INTERVAL, HANDOFF_TIMER } from './timers';
import type { DynamoMessage, DynamoState, Versions } from './types';

type Ctx = ProtocolContext<DynamoMessage>;

/** Arms the handoff timer if there are hints to hand back and it is not armed. */
export function scheduleHandoff(state: DynamoState, ctx: Ctx): void {
  if (state.hints.length === 0 || state.handoffArmed) return;
  state.handoffArmed = true;
  ctx.setTimer(HANDOFF_TIMER, HANDOFF_INTERVAL);
}

export function onHandoffTimer(state: DynamoState, ctx: Ctx): void {
  state.handoffArmed = false;
  for (const h of state.hints)
    ctx.send(h.owner, { type: 'handoff', key: h.key, versions: h.versions });
  scheduleHandoff(state, ctx);
}

/** The owner receives a held write. */
export function onHandoff(
  state: DynamoState,
  from: NodeId,
  key: string,
  versions: Versions,
  ctx: Ctx,
) {
  storeVersions(state, key, versions);
  ctx.send(from, { type: 'handoff-ack', key, versions });
}

export function onHandoffAck(state: DynamoState, from: NodeId, key: string, versions: Versions) {
  settleHint(state, from, key, versions);
}
