/**
 * Panels a person reads — the log matrix, the recent events, the inspector — need not follow
 * every snapshot while the run plays: at busy rates their texts changed on every frame (a log
 * growing by hundreds of entries a second slides the matrix window each time), faster than
 * anyone reads, and rewriting them cost a third of the frame (issue 15). While playing they
 * take a new value at most every READABLE_MS (under 5 % of frames at 60 fps); paused, stepped or seeked they are exact at once.
 */
import { useRef } from 'react';
import { useSim } from './sim';
import type { SimState } from './sim';

export const READABLE_MS = 400;

/**
 * Like `useSim(select)`, but while the run plays the value changes at most every `ms`. The
 * selector runs on every store change; returning the held value leaves the component idle.
 */
export function useReadableSim<T>(select: (s: SimState) => T, ms = READABLE_MS): T {
  const held = useRef<{ at: number; value: T } | null>(null);
  return useSim((s) => {
    const value = select(s);
    const now = performance.now();
    const h = held.current;
    if (!s.playing || h === null || now - h.at >= ms) {
      if (h === null || h.value !== value) held.current = { at: now, value };
      return value;
    }
    return h.value;
  });
}
