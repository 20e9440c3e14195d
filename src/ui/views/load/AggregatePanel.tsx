/**
 * The run's aggregate report, as a load-testing tool shows it (JMeter's Aggregate Report):
 * per backend and in total, samples, mean, median, 90/95/99 % lines, min, max, errors and
 * throughput, over every request answered by the head of the run; with a CSV download.
 */
import { useMemo } from 'react';
import { fmtMs } from '../../format';
import { useSim } from '../../store/sim';
import { saveBlob } from '../../timeline/exportView';
import { aggregateCsv, aggregateReport } from './aggregate';
import './load.css';

export function AggregatePanel() {
  const ops = useSim((s) => s.timeline.ops);
  const seed = useSim((s) => s.run?.seed ?? 0);
  const rows = useMemo(() => aggregateReport(ops), [ops]);
  return (
    <section className="panel lb-aggregate" aria-label="aggregate report">
      <header className="panel-head">
        <h2>Aggregate report</h2>
        <span className="muted">every request answered so far, by the backend that answered</span>
        <button
          type="button"
          className="btn small"
          disabled={rows.at(-1)!.samples === 0}
          onClick={() =>
            saveBlob(
              new Blob([aggregateCsv(rows)], { type: 'text/csv' }),
              `aggregate-report-seed${seed}.csv`,
            )
          }
        >
          Export CSV
        </button>
      </header>
      <div className="lb-table-wrap" tabIndex={0} aria-label="aggregate report, scrollable">
        <table className="lb-table">
          <thead>
            <tr>
              {['label', 'samples', 'mean', 'median', '90 %', '95 %', '99 %', 'min', 'max'].map(
                (h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ),
              )}
              <th scope="col">errors</th>
              <th scope="col">throughput</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label} className={r.label === 'TOTAL' ? 'lb-total' : ''}>
                <th scope="row">{r.label}</th>
                <td>{r.samples}</td>
                {[r.mean, r.median, r.p90, r.p95, r.p99, r.min, r.max].map((v, i) => (
                  <td key={i}>{fmtMs(v)}</td>
                ))}
                <td>{r.errorPct.toFixed(1)} %</td>
                <td>{r.throughput.toFixed(1)}/s</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
