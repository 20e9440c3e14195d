/** Scenario picker, upload, seed and node count, reset; load errors shown as an alert. */
import { useRef } from 'react';
import { useSim } from '../store/sim';
import { guardDiscard } from '../store/discard';
import { fileSizeError } from './fileLimit';
import { ProtocolPicker } from './ProtocolPicker';

const NODE_COUNTS = [3, 5, 7, 9];

export function RunControls() {
  const run = useSim((s) => s.run);
  const scenarios = useSim((s) => s.scenarios);
  const scenarioFile = useSim((s) => s.scenarioFile);
  const loadFile = useSim((s) => s.loadFile);
  const loadText = useSim((s) => s.loadText);
  const reset = useSim((s) => s.reset);
  const loadDefault = useSim((s) => s.loadDefault);
  const fileRef = useRef<HTMLInputElement>(null);

  return (
    <div className="run-controls">
      <label className="field">
        <span className="muted">scenario</span>
        <select
          aria-label="scenario"
          value={
            run && run.source !== 'default' && !scenarios.some((s) => s.file === run.source)
              ? `file:${run.source}`
              : scenarioFile
          }
          onChange={(e) => {
            const f = e.target.value;
            guardDiscard('Load another scenario', () => {
              if (f) void loadFile(f);
              else loadDefault();
            });
          }}
        >
          <option value="">Playground (built in)</option>
          {run && run.source !== 'default' && !scenarios.some((s) => s.file === run.source) && (
            <option value={`file:${run.source}`} disabled>
              {run.name} ({run.source})
            </option>
          )}
          {scenarios.map((s) => (
            <option key={s.file} value={s.file}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="btn" onClick={() => fileRef.current?.click()}>
        Open file…
      </button>
      <input
        ref={fileRef}
        type="file"
        accept=".json,application/json"
        aria-label="scenario file"
        className="visually-hidden"
        tabIndex={-1}
        onChange={async (e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          // A huge file is refused before it is read into memory.
          const tooBig = fileSizeError(f.size);
          if (tooBig) {
            useSim.setState({ loadError: { source: f.name, errors: [tooBig] } });
            return;
          }
          const text = await f.text();
          guardDiscard('Open this file', () => loadText(text, f.name));
        }}
      />
      <ProtocolPicker />
      <label className="field">
        <span className="muted">servers</span>
        <select
          aria-label="servers"
          value={run?.nodes.length ?? 5}
          onChange={(e) => {
            const n = Number(e.target.value);
            guardDiscard(`Start over with ${n} servers`, () => reset(run?.seed ?? 1, n));
          }}
        >
          {NODE_COUNTS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <span className="seed" aria-label={`seed ${run?.seed ?? ''}`}>
        seed <code>{run?.seed ?? '—'}</code>
      </span>
      <button
        type="button"
        className="btn"
        onClick={() => guardDiscard('New seed', () => reset(undefined, run?.nodes.length))}
        title="Start over with a new random seed"
      >
        New seed
      </button>
      <button
        type="button"
        className="btn"
        onClick={() => guardDiscard('Restart run', () => reset(run?.seed ?? 1, run?.nodes.length))}
        title="Start the same run over"
      >
        Restart run
      </button>
    </div>
  );
}

export function LoadErrorBanner() {
  const err = useSim((s) => s.loadError);
  const dismiss = useSim((s) => s.dismissError);
  if (!err) return null;
  return (
    <div className="load-error" role="alert" aria-label="scenario error">
      <div className="load-error-head">
        <strong>Could not load “{err.source}”.</strong> The current run continues unchanged.
        <button type="button" className="btn small" onClick={dismiss}>
          Dismiss
        </button>
      </div>
      <ul>
        {err.errors.slice(0, 12).map((e, i) => (
          <li key={i}>
            <code>{e}</code>
          </li>
        ))}
        {err.errors.length > 12 && <li>…and {err.errors.length - 12} more</li>}
      </ul>
    </div>
  );
}
