/**
 * Panels a person reads — the log matrix, the recent events, the inspector — need not follow
 * every snapshot while the run plays: at busy rates their texts changed on every frame (a log
 * growing by hundreds of entries a second slides the matrix window each time), faster than
 * anyone reads, and rewriting them cost a third of the frame (issue 15). While playing they
 * take a new value at most every READABLE_MS (under 5 % of frames at 60 fps); paused, stepped or seeked they are exact at once.
 */
import { useEffect, useRef, useState } from 'react';
import { useSim } from './sim';
import type { SimState } from './sim';

export const READABLE_MS = 400;

export interface Held<T> {
  /** When `value` was taken (performance.now()). */
  at: number;
  value: T;
}

/**
 * What to show, given what is shown (`held`) and the newest `value`: the newest at once when
 * stopped or when `ms` have passed since the shown one was taken, else the shown one.
 */
export function readable<T>(
  held: Held<T> | null,
  value: T,
  playing: boolean,
  now: number,
  ms = READABLE_MS,
): Held<T> {
  if (held !== null && held.value === value) return held;
  if (held === null || !playing || now - held.at >= ms) return { at: now, value };
  return held;
}

/**
 * Like `useSim(select)`, but while the run plays the value changes at most every `ms`. The
 * selector runs on every store change; returning the held value leaves the component idle.
 */
export function useReadableSim<T>(select: (s: SimState) => T, ms = READABLE_MS): T {
  const held = useRef<Held<T> | null>(null);
  return useSim((s) => {
    held.current = readable(held.current, select(s), s.playing, performance.now(), ms);
    return held.current.value;
  });
}

/**
 * `value`, but while the run plays it changes at most every `ms` (the same rule as
 * useReadableSim, for values a component computes itself: the charts recompute their series
 * from the whole run, worth doing a few times a second, not on every update). A value held
 * back is shown once its time comes, even if nothing else renders the component again.
 */
export function useReadable<T>(value: T, ms = READABLE_MS): T {
  const playing = useSim((s) => s.playing);
  const held = useRef<Held<T> | null>(null);
  const shown = readable(held.current, value, playing, performance.now(), ms);
  held.current = shown;
  const [, later] = useState(0);
  useEffect(() => {
    if (shown.value === value) return;
    const timer = setTimeout(() => later((n) => n + 1), ms - (performance.now() - shown.at));
    return () => clearTimeout(timer);
  }, [shown, value, ms]);
  return shown.value;
}
