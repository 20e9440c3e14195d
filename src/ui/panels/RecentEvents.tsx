/** What just happened: the newest events in words, the latest highlighted. */
import { useReadableSim } from '../store/readable';
import { fmtTime } from '../format';

export function RecentEvents() {
  const recent = useReadableSim((s) => s.panel?.recent);
  const last = useReadableSim((s) => s.panel?.eventId);
  if (!recent) return null;
  return (
    <section className="panel recent" aria-label="recent events">
      <h2>What just happened</h2>
      {/* Scrolls: a Tab stop, so the keyboard can scroll it too. Not live: it changes many
          times a second while playing. */}
      <ol className="events" tabIndex={0} aria-label="newest events first">
        {[...recent].reverse().map((e, i) => (
          <li key={`${e.id}-${i}`} className={`ev ev-${e.kind}${e.id === last ? ' latest' : ''}`}>
            <span className="ev-time">{fmtTime(e.time)}</span>
            <span className="ev-id">#{e.id}</span>
            <span className="ev-text">{e.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
