/**
 * The screen-reader announcer: one polite status region that says what a step did ("event
 * 12 at 153.2 ms: S3's election timer fires"). Text that changes many times a second (the
 * clock, the event counter, the status line) is deliberately not live.
 */
import { useEffect } from 'react';
import { takeMove } from '../store/announce';
import { useSim } from '../store/sim';
import { useUi } from '../store/ui';
import { fmtTime } from '../format';

export function Announcer() {
  const text = useUi((s) => s.announcement.text);
  const seq = useUi((s) => s.announcement.seq);
  useEffect(
    () =>
      useSim.subscribe((s, prev) => {
        const snap = s.panel;
        if (!snap || snap === prev.panel || snap.playing) return;
        const move = takeMove();
        if (move === null) return;
        const lines = snap.recent.filter((l) => l.id === snap.eventId).map((l) => l.text);
        const what = lines.length > 0 ? `: ${lines.join('; ')}` : '';
        const where = `event ${snap.eventId} at ${fmtTime(snap.time)}`;
        useUi.getState().announce(move === 'back' ? `back to ${where}${what}` : `${where}${what}`);
      }),
    [],
  );
  return (
    <div className="visually-hidden" role="status" aria-label="announcements" data-seq={seq}>
      {text}
    </div>
  );
}
