/**
 * Compare mode: the same seed and load (and the faults of this run, the user's included) with
 * two or more balancing strategies side by side. Tick strategies, press Run: the worker runs
 * each headless and the table fills row by row; then the percentile table and the overlaid
 * latency distributions, with the table as CSV.
 */
import type { LbView } from '../../../engine/protocols/loadbalancer/view';
import { STRATEGIES } from '../../../worker/loadCompareShape';
import { useLoadCompare } from '../../store/loadCompare';
import type { PanelProps } from '../../protocols/types';
import { saveBlob } from '../../timeline/exportView';
import { lbConfigOf } from '../../protocols/loadbalancer/config';
import { CompareChart } from './CompareChart';
import { COLUMNS, compareCsv, compareRows, planText } from './compareTable';
import { STRATEGY_COLORS } from './distribution';
import './load.css';

/** Fewer than two strategies is not a comparison. */
const MIN_CHOSEN = 2;

function StrategyPicker({ current }: { current: string | null }) {
  const chosen = useLoadCompare((s) => s.chosen);
  const toggle = useLoadCompare((s) => s.toggle);
  return (
    <fieldset className="lb-strategies">
      <legend>Strategies</legend>
      {STRATEGIES.map((s) => (
        <label key={s}>
          <input
            type="checkbox"
            checked={chosen.includes(s)}
            onChange={(e) => toggle(s, e.target.checked)}
          />
          <span
            className="lb-swatch"
            aria-hidden="true"
            style={{ background: STRATEGY_COLORS[s] }}
          />
          {s}
          {s === current && <span className="muted"> (this run)</span>}
        </label>
      ))}
    </fieldset>
  );
}

export function ComparePanel({ run }: PanelProps<LbView>) {
  const status = useLoadCompare((s) => s.status);
  const forRun = useLoadCompare((s) => s.runId);
  const plan = useLoadCompare((s) => s.plan);
  const results = useLoadCompare((s) => s.results);
  const errors = useLoadCompare((s) => s.errors);
  const wallMs = useLoadCompare((s) => s.wallMs);
  const chosen = useLoadCompare((s) => s.chosen);
  const start = useLoadCompare((s) => s.start);
  const running = status === 'running';
  // Results belong to the run they were asked for: another run starts afresh.
  const mine = forRun === run.runId;
  const rows = mine ? compareRows(results) : [];
  const total = plan?.strategies.length ?? chosen.length;
  return (
    <section className="panel lb-compare" aria-label="compare strategies" aria-busy={running}>
      <header className="panel-head">
        <h2>Compare strategies</h2>
        <span className="muted">same seed and load, this run’s faults included</span>
      </header>
      <StrategyPicker current={lbConfigOf(run)?.strategy ?? null} />
      <div className="lb-compare-bar">
        <button
          type="button"
          className="btn primary"
          disabled={running || chosen.length < MIN_CHOSEN}
          onClick={() => start(run.runId)}
        >
          {running
            ? 'Running…'
            : `Run ${chosen.length} ${chosen.length === 1 ? 'strategy' : 'strategies'}`}
        </button>
        <span className="muted" role="status">
          {chosen.length < MIN_CHOSEN
            ? 'Tick at least two strategies.'
            : mine && running
              ? `Running ${results.length + 1} of ${total}…`
              : mine && status === 'done' && wallMs !== null
                ? `Done in ${(wallMs / 1000).toFixed(1)} s of real time.`
                : ''}
        </span>
        {mine && status === 'done' && (
          <button
            type="button"
            className="btn"
            onClick={() =>
              saveBlob(
                new Blob([compareCsv(results)], { type: 'text/csv' }),
                `compare-seed${plan?.seed ?? run.seed}.csv`,
              )
            }
          >
            Download CSV
          </button>
        )}
      </div>
      {mine && status === 'error' && (
        <div className="lb-error" role="alert">
          <strong>The compare could not run:</strong>
          <ul>
            {errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {mine && plan && <p className="muted lb-plan">{planText(plan)}</p>}
      {rows.length > 0 && (
        <div className="lb-table-wrap" tabIndex={0} aria-label="percentile table, scrollable">
          <table className="lb-table lb-percentiles" aria-label="percentiles by strategy">
            <thead>
              <tr>
                <th scope="col">strategy</th>
                {COLUMNS.map((c) => (
                  <th scope="col" key={c.key} className="num">
                    {c.label}
                  </th>
                ))}
                <th scope="col" className="num">
                  errors
                </th>
                <th scope="col" className="num">
                  throughput
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.strategy} aria-label={r.label}>
                  <th scope="row">
                    <span
                      className="lb-swatch"
                      aria-hidden="true"
                      style={{ background: STRATEGY_COLORS[r.strategy] }}
                    />
                    {r.strategy}
                  </th>
                  {r.cells.map((c) => (
                    <td key={c.key} className={c.best ? 'num best' : 'num'}>
                      {c.text}
                      {c.best && <span className="visually-hidden"> (lowest)</span>}
                    </td>
                  ))}
                  <td className="num">{r.errors}</td>
                  <td className="num">{r.throughput}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mine && results.length > 0 && <CompareChart runs={results} />}
    </section>
  );
}
