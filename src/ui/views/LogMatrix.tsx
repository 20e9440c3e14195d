/**
 * The log matrix: one row per server, one column per log index, each entry coloured by its
 * term. Entries a server knows to be committed are solid; the rest are hollow, and a bright
 * bar marks each server's commitIndex.
 */
import { memo } from 'react';
import { useSim } from '../store/sim';
import { useUi } from '../store/ui';
import { termColor } from '../theme';
import { LOG_WINDOW } from '../../worker/protocol';

export function LogMatrix() {
  const nodes = useSim((s) => s.panel?.nodes);
  const logEnd = useUi((s) => s.logEnd);
  const setLogEnd = useUi((s) => s.setLogEnd);
  if (!nodes) return null;
  const longest = Math.max(0, ...nodes.map((n) => n.logLength));
  const end = logEnd ?? longest;
  const start = Math.max(1, end - LOG_WINDOW + 1);
  const cols: number[] = [];
  for (let i = start; i <= Math.max(end, start + 11); i++) cols.push(i);
  return (
    <section className="panel log-matrix" aria-label="log matrix">
      <header className="panel-head">
        <h2>Logs</h2>
        <span className="muted">
          {longest === 0
            ? 'empty — entries appear as the leader replicates them'
            : `indexes ${start}–${Math.min(end, longest)} of ${longest}`}
        </span>
        <div className="spacer" />
        <button
          type="button"
          className="btn small"
          disabled={start <= 1}
          onClick={() => setLogEnd(Math.max(Math.min(LOG_WINDOW, longest), end - LOG_WINDOW))}
        >
          ◀ Older
        </button>
        <button
          type="button"
          className="btn small"
          disabled={logEnd === null}
          onClick={() => setLogEnd(end + LOG_WINDOW >= longest ? null : end + LOG_WINDOW)}
        >
          Newer ▶
        </button>
      </header>
      <div
        className="matrix"
        role="table"
        aria-label="log entries by server"
        style={{ gridTemplateColumns: `3.2em repeat(${cols.length}, minmax(0, 1fr))` }}
      >
        <div role="row" className="matrix-row head">
          <span role="columnheader" className="row-label" />
          {cols.map((c) => (
            <span role="columnheader" key={c} className="col-label">
              {c % 5 === 0 || c === start ? c : ''}
            </span>
          ))}
        </div>
        {nodes.map((n) => (
          <LogRow
            key={n.id}
            id={n.id}
            up={n.up}
            length={n.logLength}
            commit={n.commitIndex}
            logStart={n.logStart}
            terms={n.logTerms.join(',')}
            cols={cols.join(',')}
          />
        ))}
      </div>
    </section>
  );
}

interface RowProps {
  id: string;
  up: boolean;
  length: number;
  commit: number;
  logStart: number;
  /** Terms and columns as strings, so an unchanged row is skipped by memo. */
  terms: string;
  cols: string;
}

const LogRow = memo(function LogRow({ id, up, length, commit, logStart, terms, cols }: RowProps) {
  const termList = terms === '' ? [] : terms.split(',').map(Number);
  return (
    <div
      role="row"
      className={`matrix-row${up ? '' : ' down'}`}
      aria-label={`${id} log: ${length} entries, commitIndex ${commit}`}
    >
      <span role="rowheader" className="row-label">
        {id}
      </span>
      {cols.split(',').map((cs) => {
        const c = Number(cs);
        const k = c - logStart;
        const term = k >= 0 && k < termList.length ? termList[k]! : null;
        const committed = c <= commit;
        const edge = c === commit;
        return (
          <span
            role="cell"
            key={c}
            className={`cell${term === null ? ' empty' : committed ? ' committed' : ' uncommitted'}${edge ? ' commit-edge' : ''}`}
            style={term === null ? undefined : { ['--term' as string]: termColor(term) }}
            title={
              term === null
                ? undefined
                : `${id}[${c}] term ${term}${committed ? ', committed' : ''}`
            }
          >
            {term ?? ''}
          </span>
        );
      })}
    </div>
  );
});
