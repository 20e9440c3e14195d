/**
 * One side's live figures under its cluster: availability (share of completed operations
 * answered ok), latency percentiles, whether the history is linearizable, whether the
 * replicas converged (only once the run is quiet), and the anomalies by kind.
 */
import { useSim } from '../../store/sim';
import type { Side } from '../../protocols/useProtocol';
import { fmtMs } from '../../format';
import { kindName, percent } from './words';

export function SideFigures({ which }: { which: Side }) {
  const snap = useSim((s) => (which === 'main' ? s.panel : (s.panel?.companion ?? null)));
  if (!snap) return null;
  const c = snap.consistency;
  const w = snap.workload;
  if (!c) return null;
  const kinds = Object.entries(c.counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const lin =
    c.linearizable === 'unknown' ? 'unknown (search budget spent)' : c.linearizable ? 'yes' : 'no';
  return (
    <div className="cap-figures">
      <dl>
        <div>
          <dt>availability</dt>
          <dd className="cap-availability">
            {c.completed === 0 ? '—' : percent(c.availability)}
            <span className="muted"> of {c.completed}</span>
          </dd>
        </div>
        <div>
          <dt>p50 / p99</dt>
          <dd>
            {w.p50 === null ? '—' : fmtMs(w.p50)} / {w.p99 === null ? '—' : fmtMs(w.p99)}
          </dd>
        </div>
        <div>
          <dt>linearizable</dt>
          <dd className={c.linearizable === false ? 'bad' : ''}>{lin}</dd>
        </div>
        <div>
          <dt>converged</dt>
          <dd className={c.converged === false ? 'bad' : ''}>
            {c.converged === null ? 'not quiet yet' : c.converged ? 'yes' : 'no'}
          </dd>
        </div>
      </dl>
      <p className="cap-anomaly-count" aria-label={`${which} anomalies`}>
        <b className={c.total > 0 ? 'bad' : 'good'}>{c.total}</b>{' '}
        {c.total === 1 ? 'anomaly' : 'anomalies'}
        {kinds.length > 0 && ': '}
        {kinds.map(([kind, n], i) => (
          <span key={kind} className="cap-kind">
            {i > 0 && ', '}
            {n} {kindName(kind)}
          </span>
        ))}
      </p>
    </div>
  );
}
