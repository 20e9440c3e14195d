/**
 * Capacity: the saturation knee of the store (issue 12). Press "Find the knee": the worker
 * runs this scenario (its seed, network, processing model and the user's actions) at a ramp
 * of offered loads, one headless run per step, and the chart and the table fill step by step;
 * then the knee is marked. For protocols whose clients send requests to the servers.
 */
import { KNEE_P99_FACTOR, KNEE_THROUGHPUT_FRACTION } from '../../../engine/analysis/knee';
import type { RunInfo } from '../../../worker/protocol';
import { useKnee } from '../../store/knee';
import { KneeChart } from './KneeChart';
import { STEP_COLUMNS, stepCells } from './kneeChart';
import './capacity.css';

function planWords(
  plan: { offered: number[]; processing: number; nodes: number; warmup: number },
  done: number,
) {
  const lo = plan.offered[0] ?? 0;
  const hi = plan.offered.at(-1) ?? 0;
  const model =
    plan.processing > 0
      ? `each server spends ${plan.processing} ms per message`
      : 'servers take no time per message (no servers.processing): expect no knee';
  return (
    `${plan.offered.length} runs of ${plan.nodes} servers from ${lo} to ${hi} offered ops/s; ` +
    `${model}; measured after ${plan.warmup / 1000} s of warm-up.` +
    (done < plan.offered.length ? ` ${done} of ${plan.offered.length} done.` : '')
  );
}

export function CapacityPanel({ run }: { run: RunInfo }) {
  const status = useKnee((s) => s.status);
  const forRun = useKnee((s) => s.runId);
  const plan = useKnee((s) => s.plan);
  const steps = useKnee((s) => s.steps);
  const summary = useKnee((s) => s.summary);
  const errors = useKnee((s) => s.errors);
  const wallMs = useKnee((s) => s.wallMs);
  const start = useKnee((s) => s.start);
  const running = status === 'running';
  // Steps belong to the run they were asked for: another run starts afresh.
  const mine = forRun === run.runId;
  const shown = mine ? steps : [];
  const knee = mine ? (summary?.knee ?? null) : null;
  return (
    <section className="capacity" aria-label="capacity" aria-busy={mine && running}>
      <div className="capacity-bar">
        <button
          type="button"
          className="btn primary"
          disabled={running}
          onClick={() => start(run.runId)}
        >
          {running ? 'Finding the knee…' : 'Find the knee'}
        </button>
        <span className="muted" role="status">
          {mine && running && plan
            ? `Running step ${steps.length + 1} of ${plan.offered.length}…`
            : mine && status === 'done' && summary
              ? summary.knee
                ? `Knee at ${summary.knee.offered} ops/s offered; capacity about ${Math.round(summary.capacity)} ops/s` +
                  (wallMs === null ? '.' : ` (${(wallMs / 1000).toFixed(1)} s of real time).`)
                : 'No knee: even the lightest step did not keep up.'
              : 'Runs this scenario at rising load to find where latency bends.'}
        </span>
      </div>
      {mine && status === 'error' && (
        <div className="capacity-error" role="alert">
          <strong>The ramp could not run:</strong>
          <ul>
            {errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {mine && plan && <p className="muted capacity-plan">{planWords(plan, steps.length)}</p>}
      {shown.length > 0 && (
        <KneeChart steps={shown} knee={knee} capacity={mine ? (summary?.capacity ?? null) : null} />
      )}
      {mine && status === 'done' && (
        <p className="muted capacity-rule">
          The knee is the highest offered load with throughput at least{' '}
          {KNEE_THROUGHPUT_FRACTION * 100} % of it and p99 at most {KNEE_P99_FACTOR}× the lightest
          step’s.
        </p>
      )}
      {shown.length > 0 && (
        <div className="capacity-table-wrap" tabIndex={0} aria-label="knee steps, scrollable">
          <table className="capacity-table" aria-label="steps of the ramp">
            <thead>
              <tr>
                {STEP_COLUMNS.map((c) => (
                  <th scope="col" key={c} className={c === 'step' ? undefined : 'num'}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => {
                const isKnee = knee !== null && s.offered === knee.offered;
                return (
                  <tr key={s.step} className={isKnee ? 'knee-row' : undefined}>
                    {stepCells(s).map((c, i) => (
                      <td key={i} className={i === 0 ? undefined : 'num'}>
                        {c}
                        {i === 0 && isKnee && <span className="knee-tag"> knee</span>}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
