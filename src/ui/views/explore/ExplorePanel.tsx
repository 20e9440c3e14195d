/**
 * The explorer in the lab (issue 13): pick mutants, a fault mix and a seed range, run the
 * random fault schedules in the background (explore workers, one per core), watch the
 * progress and open any failing seed's shrunk schedule at the event that broke the invariant.
 * Shown for the protocols that have mutants (the ones the explorer can drive).
 */
import { useEffect, useState } from 'react';
import { EXPLORABLE, FAULT_KINDS } from '../../../engine/explore/options';
import type { ExplorableProtocol, FaultKind } from '../../../engine/explore/options';
import type { ExploreFailure } from '../../../worker/exploreProtocol';
import { useExplore } from '../../store/explore';
import { useSim } from '../../store/sim';
import { OffendingList } from './OffendingList';
import './explore.css';

/** A longer range is a long wait in a tab; the CLI is there for more. */
const MAX_SEED = 1_000_000;

const FAULT_WORDS: Record<FaultKind, string> = {
  crash: 'crash',
  restart: 'restart',
  partition: 'partition',
  cut: 'one-way cut',
  pause: 'pause',
  timeout: 'forced timeout',
  loss: 'loss',
  duplicate: 'duplication',
  reorder: 'reordering',
};

function explorable(name: string): name is ExplorableProtocol {
  return (EXPLORABLE as readonly string[]).includes(name);
}

function FailureRow({ f, opened }: { f: ExploreFailure; opened: boolean }) {
  const open = useExplore((s) => s.open);
  const at = f.eventId === null ? `at ${Math.round(f.time)} ms` : `at event #${f.eventId}`;
  return (
    <li>
      <button
        type="button"
        className={`explore-failure${opened ? ' opened' : ''}`}
        onClick={() => open(f)}
        aria-label={`seed ${f.seed}: ${f.kind} ${at}, ${f.original} → ${f.shrunk} actions`}
        title={f.message}
      >
        <span className="explore-seed">seed {f.seed}</span>
        <span className="explore-kind">{f.kind}</span>
        <span className="muted">{at}</span>
        <span className="explore-actions">
          {f.original} → {f.shrunk} actions
        </span>
        <span className="explore-message muted">{f.message}</span>
      </button>
    </li>
  );
}

export function ExplorePanel() {
  const run = useSim((s) => s.run);
  const st = useExplore();
  const [open, setOpen] = useState(false);
  const protocol = run?.protocol;
  const setMutations = st.setMutations;
  // Another protocol has other mutants: follow its run's switches again.
  useEffect(() => setMutations(null), [protocol, setMutations]);
  if (!run || run.mutants.length === 0 || !explorable(run.protocol)) return null;
  const names = run.mutants.map((m) => m.name);
  const chosen = (st.mutations ?? run.mutations.map((m) => m.name)).filter((n) =>
    names.includes(n),
  );
  const toggleMutant = (name: string, on: boolean) =>
    st.setMutations(names.filter((n) => (n === name ? on : chosen.includes(n))));
  const running = st.status === 'running';
  const validRange =
    Number.isInteger(st.from) && Number.isInteger(st.to) && st.from >= 1 && st.to >= st.from;
  const percent = st.total > 0 ? Math.round((st.done / st.total) * 100) : 0;
  const nodes = run.nodes.length;
  const protocolName = run.protocol;
  const seedInput = (label: string, value: number, onValue: (v: number) => void) => (
    <label>
      {label}{' '}
      <input
        type="number"
        min={1}
        max={MAX_SEED}
        step={1}
        value={Number.isFinite(value) ? value : ''}
        disabled={running}
        aria-label={`${label} seed`}
        onChange={(e) => onValue(Math.min(MAX_SEED, Math.floor(Number(e.target.value))))}
      />
    </label>
  );
  return (
    <section className="panel explore-panel" aria-label="Explore">
      <details open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>
          <h2>Explore</h2>
          <span className="muted">
            search random fault schedules for a violation
            {st.failures.length > 0 ? ` · ${st.failures.length} found` : ''}
          </span>
        </summary>
        <p className="muted explore-what">
          {run.title} on {nodes} servers: each seed is one random fault schedule, run and checked; a
          failing one is shrunk to the fewest actions that still fail.
        </p>
        <div className="explore-choices">
          <fieldset disabled={running}>
            <legend>Break</legend>
            {run.mutants.map((m) => (
              <label key={m.name} className="check" title={m.description}>
                <input
                  type="checkbox"
                  checked={chosen.includes(m.name)}
                  onChange={(e) => toggleMutant(m.name, e.target.checked)}
                />{' '}
                <code>{m.name}</code>
              </label>
            ))}
          </fieldset>
          <fieldset disabled={running}>
            <legend>Faults</legend>
            {FAULT_KINDS.map((k) => (
              <label key={k} className="check">
                <input
                  type="checkbox"
                  checked={st.faults.includes(k)}
                  onChange={(e) => st.toggleFault(k, e.target.checked)}
                />{' '}
                {FAULT_WORDS[k]}
              </label>
            ))}
          </fieldset>
          <fieldset className="explore-seeds">
            <legend>Seeds</legend>
            {seedInput('first', st.from, (v) => st.setRange(v, st.to))}
            {seedInput('last', st.to, (v) => st.setRange(st.from, v))}
            {running ? (
              <button type="button" className="btn danger" onClick={st.stop}>
                Stop
              </button>
            ) : (
              <button
                type="button"
                className="btn primary"
                disabled={!validRange}
                onClick={() => st.start(protocolName, nodes, chosen)}
              >
                Start
              </button>
            )}
          </fieldset>
        </div>
        {st.status !== 'idle' && (
          <div className="explore-progress">
            <div
              className="explore-bar"
              role="progressbar"
              aria-label="exploration progress"
              aria-valuemin={0}
              aria-valuemax={st.total}
              aria-valuenow={st.done}
              aria-valuetext={`${st.done} of ${st.total} schedules`}
            >
              <div className="explore-bar-fill" style={{ width: `${percent}%` }} />
            </div>
            <span className="explore-stats" aria-live="polite" aria-atomic="true">
              {st.done}/{st.total} runs · {st.runsPerSecond} runs/s ·{' '}
              <b>
                {st.failures.length} {st.failures.length === 1 ? 'failure' : 'failures'}
              </b>
              {st.status === 'stopped' ? ' · stopped' : ''}
              {st.status === 'done' ? ' · done' : ''}
            </span>
          </div>
        )}
        {st.error && (
          <p className="explore-error" role="alert">
            The explorer failed: {st.error}
          </p>
        )}
        {st.failures.length > 0 && (
          <ol className="explore-failures" aria-label="failing seeds">
            {st.failures.map((f) => (
              <FailureRow key={f.seed} f={f} opened={st.opened === f.seed} />
            ))}
          </ol>
        )}
        <OffendingList />
        {st.status === 'done' && st.failures.length === 0 && (
          <p className="muted">No schedule failed.</p>
        )}
      </details>
    </section>
  );
}
