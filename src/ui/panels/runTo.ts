/**
 * "Run to the next scripted action" and "run to the next marker". A seek to a future time
 * computes forward (and pauses). A marker not computed yet is searched for by seeking
 * forward a chunk at a time until the timeline stream brings one, or the run ends.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { expectMove } from '../store/announce';
import { useSim } from '../store/sim';

/** Virtual time computed per search step while looking for the next marker. */
export const HUNT_CHUNK_MS = 1000;

interface Hunt {
  /** Markers after this event count. */
  afterEvent: number;
  /** Where the last search step was sent. */
  target: number;
}

export function useRunTo() {
  const script = useSim((s) => s.run?.script);
  const duration = useSim((s) => s.run?.duration ?? Infinity);
  const cursorTime = useSim((s) => s.panel?.time ?? 0);
  const cursorEvent = useSim((s) => s.panel?.eventId ?? 0);
  const markers = useSim((s) => s.timeline.markers);
  const runId = useSim((s) => s.run?.runId);
  const seek = useSim((s) => s.seek);
  const seekEvent = useSim((s) => s.seekEvent);
  const hunt = useRef<Hunt | null>(null);
  const [hunting, setHunting] = useState(false);

  const nextAction = script?.find((a) => a.at > cursorTime + 1e-6 && a.at <= duration) ?? null;

  const toNextAction = useCallback(() => {
    if (!nextAction) return;
    expectMove('jump');
    seek(nextAction.at);
  }, [nextAction, seek]);

  const toNextMarker = useCallback(() => {
    const found = markers.find((m) => m.eventId > cursorEvent);
    if (found) {
      hunt.current = null;
      setHunting(false);
      expectMove('jump');
      seekEvent(found.eventId);
      return;
    }
    if (cursorTime >= duration) return;
    const target = Math.min(duration, cursorTime + HUNT_CHUNK_MS);
    hunt.current = { afterEvent: cursorEvent, target };
    setHunting(true);
    seek(target);
  }, [markers, cursorEvent, cursorTime, duration, seek, seekEvent]);

  // A new run ends any search.
  useEffect(() => {
    hunt.current = null;
    setHunting(false);
  }, [runId]);

  // Searching: every answer either brings the marker or asks for the next chunk.
  useEffect(() => {
    const h = hunt.current;
    if (!h) return;
    const found = markers.find((m) => m.eventId > h.afterEvent);
    if (found) {
      hunt.current = null;
      setHunting(false);
      expectMove('jump');
      seekEvent(found.eventId);
      return;
    }
    if (cursorTime + 1e-6 < h.target) return;
    if (h.target >= duration) {
      hunt.current = null;
      setHunting(false);
      return;
    }
    h.target = Math.min(duration, h.target + HUNT_CHUNK_MS);
    seek(h.target);
  }, [markers, cursorTime, duration, seek, seekEvent]);

  return { nextAction, toNextAction, toNextMarker, hunting };
}
