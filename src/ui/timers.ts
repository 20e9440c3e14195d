/** Reading the armed timers of a node (TimerView: when it fires, how long it was set for). */
import type { NodeView, TimerView } from '../worker/protocol';

export function timerNamed(
  timers: readonly TimerView[],
  name: string | undefined,
): TimerView | null {
  if (name === undefined) return null;
  return timers.find((t) => t.name === name) ?? null;
}

/** How much of a timer is left at `time`, from 1 (just armed) to 0 (firing), or null. */
export function timerLeft(timer: TimerView | null, time: number): number | null {
  if (!timer || !(timer.length > 0)) return null;
  return Math.max(0, Math.min(1, (timer.due - time) / timer.length));
}

/** The timers worth listing: the protocol's arc timer always (— when not armed), then the armed rest. */
export function timerNames(node: NodeView, arcTimer: string | undefined): string[] {
  const names = node.timers.map((t) => t.name).filter((n) => n !== arcTimer);
  return arcTimer === undefined ? names : [arcTimer, ...names];
}
