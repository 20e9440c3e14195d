/**
 * The opened failure's offending events (issue 13): the event that broke the invariant and
 * the earlier ones its checker names (the other leader's election, the other apply, the
 * promise broken), each in words from the run's trace and a click away; the nodes named are
 * ringed in the cluster, the events marked in the event log and the space-time diagram.
 */
import { describeTrace } from '../../../engine/analysis/describe';
import type { TraceEntry } from '../../../engine/types';
import { fmtMs } from '../../format';
import { useOffending } from './offending';
import { useSim } from '../../store/sim';

/** Trace kinds that say best what an event did, most telling first. */
const TELLING = ['note', 'role', 'violation'] as const;

interface TraceLike {
  readonly length: number;
  firstWithId(id: number, from?: number, to?: number): number;
  at(i: number): TraceEntry;
}

/** The entry of event `id` that says most about it, or null when the trace lacks it. */
function tellingEntry(trace: TraceLike, length: number, id: number): TraceEntry | null {
  const first = trace.firstWithId(id, 0, length);
  const entries: TraceEntry[] = [];
  for (let i = first; i < length && trace.at(i).id === id; i++) entries.push(trace.at(i));
  if (entries.length === 0) return null;
  for (const kind of TELLING) {
    const e = entries.find((x) => x.kind === kind);
    if (e) return e;
  }
  return entries[0]!;
}

export function OffendingList() {
  const o = useOffending();
  const trace = useSim((s) => s.timeline.trace);
  const length = useSim((s) => s.timeline.traceLength);
  const seekEvent = useSim((s) => s.seekEvent);
  if (o === null) return null;
  const ids = o.eventId === null ? o.related : [...o.related, o.eventId];
  return (
    <section className="explore-offending" aria-label="offending events">
      <p>
        Seed {o.seed} opened: <b>{o.invariant}</b>
        {o.nodes.length > 0 && <> on {o.nodes.join(' and ')} (ringed)</>}. The events behind it:
      </p>
      {ids.length === 0 ? (
        <p className="muted">The checker names no event (a history anomaly).</p>
      ) : (
        <ol>
          {ids.map((id) => {
            const e = tellingEntry(trace, length, id);
            const what = e === null ? '' : `${fmtMs(e.time)}: ${describeTrace(e)}`;
            const role = id === o.eventId ? 'the violating event' : 'led to it';
            return (
              <li key={id}>
                <button
                  type="button"
                  className="explore-offending-event"
                  aria-label={`offending event ${id}, ${role}${what ? `, ${what}` : ''}`}
                  onClick={() => seekEvent(id)}
                >
                  <span className="explore-seed">#{id}</span>
                  <span className="muted">{role}</span>
                  <span>{what}</span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
