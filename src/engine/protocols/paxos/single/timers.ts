/** The proposer's one timer: when it fires, a proposer that has not learned tries again. */
import type { ProtocolContext } from '../../../types';
import { retryDelay } from '../backoff';
import type { PaxosMessage, PaxosState } from './types';

export const RETRY_TIMER = 'retry';

/** Arms the retry timer for the attempt starting now, with the back-off its failures earned. */
export function armRetry(state: PaxosState, ctx: ProtocolContext<PaxosMessage>, delay?: number) {
  const { retryTimeout, backoff } = state.config;
  const drawn = delay ?? retryDelay(retryTimeout, backoff, state.failures, () => ctx.random());
  ctx.setTimer(RETRY_TIMER, drawn);
}
