/**
 * The log matrix: one row per server, one column per log index, each entry coloured by its
 * term. Committed entries are solid (those a crashed server holds and the cluster committed
 * too); the rest are hollow, and a bright bar marks each server's own commitIndex. Indexes a
 * server has compacted into its snapshot (§7) are one hatched block, "snapshot ≤ N": they are
 * not missing, they are the snapshot.
 */
import { memo } from 'react';
import { LOG_WINDOW } from '../../../engine/protocols/raft/view';
import type { RaftView } from '../../../engine/protocols/raft/view';
import { useUi } from '../../store/ui';
import { epochColor } from '../../theme';
import type { PanelProps } from '../types';
import { entryState } from './commit';

/**
 * Per column: 'c' committed, 'u' uncommitted, 's' in the snapshot, '-' no entry (a string, so
 * memo can skip rows).
 */
export function rowMarks(
  view: RaftView,
  i: number,
  up: readonly boolean[],
  cols: readonly number[],
) {
  const n = view.nodes[i]!;
  return cols
    .map((c) => {
      if (c <= n.snapshotIndex) return 's';
      const k = c - n.logStart;
      if (k < 0 || k >= n.logTerms.length) return '-';
      const s = entryState({ index: c, term: n.logTerms[k]! }, i, view, up);
      return s === 'committed' || s === 'cluster' ? 'c' : 'u';
    })
    .join('');
}

export function LogMatrix({ view, nodes }: PanelProps<RaftView>) {
  const windowEnd = useUi((s) => s.windowEnd);
  const setWindowEnd = useUi((s) => s.setWindowEnd);
  const longest = view.longest;
  const end = windowEnd ?? longest;
  const start = Math.max(1, end - LOG_WINDOW + 1);
  const cols: number[] = [];
  for (let i = start; i <= Math.max(end, start + 11); i++) cols.push(i);
  const up = nodes.map((n) => n.up);
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
          onClick={() => setWindowEnd(Math.max(Math.min(LOG_WINDOW, longest), end - LOG_WINDOW))}
        >
          ◀ Older
        </button>
        <button
          type="button"
          className="btn small"
          disabled={windowEnd === null}
          onClick={() => setWindowEnd(end + LOG_WINDOW >= longest ? null : end + LOG_WINDOW)}
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
          <span role="columnheader" className="row-label">
            <span className="visually-hidden">server</span>
          </span>
          {/* Keyed by place, not index: when the window slides (a seek, a new entry) React
              rewrites a few texts instead of replacing every cell (issue 15). */}
          {cols.map((c, slot) => (
            <span role="columnheader" key={slot} className="col-label">
              {c % 5 === 0 || c === start ? c : <span className="visually-hidden">{c}</span>}
            </span>
          ))}
        </div>
        {nodes.map((node, i) => {
          const n = view.nodes[i];
          if (!n) return null;
          return (
            <LogRow
              key={node.id}
              id={node.id}
              up={node.up}
              length={n.logLength}
              commit={n.commitIndex}
              logStart={n.logStart}
              snapshotIndex={n.snapshotIndex}
              snapshotTerm={n.snapshotTerm}
              terms={n.logTerms.join(',')}
              cols={cols.join(',')}
              marks={rowMarks(view, i, up, cols)}
            />
          );
        })}
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
  snapshotIndex: number;
  snapshotTerm: number;
  /** Terms, columns and marks as strings, so an unchanged row is skipped by memo. */
  terms: string;
  cols: string;
  marks: string;
}

const LogRow = memo(function LogRow(props: RowProps) {
  const { id, up, length, commit, logStart, snapshotIndex, snapshotTerm, terms, cols, marks } =
    props;
  const termList = terms === '' ? [] : terms.split(',').map(Number);
  const colList = cols.split(',').map(Number);
  // The window's columns the snapshot covers: one block, drawn in place of their cells.
  const covered = colList.filter((c) => c <= snapshotIndex).length;
  return (
    <div
      role="row"
      className={`matrix-row${up ? '' : ' down'}`}
      aria-label={`${id} log: ${length} entries, commitIndex ${commit}`}
    >
      <span role="rowheader" className="row-label">
        {id}
      </span>
      {covered > 0 && (
        <span
          role="cell"
          aria-colspan={covered}
          className={`cell snapshot${up && commit === snapshotIndex && colList[covered - 1] === snapshotIndex ? ' commit-edge' : ''}`}
          style={{ gridColumn: `span ${covered}`, ['--term' as string]: epochColor(snapshotTerm) }}
          aria-label={`${id} snapshot ≤ ${snapshotIndex}, term ${snapshotTerm}`}
          title={`${id}'s snapshot covers entries 1…${snapshotIndex} (last term ${snapshotTerm}): compacted away (§7)`}
        >
          {covered >= 4 ? `snapshot ≤ ${snapshotIndex}` : `≤${snapshotIndex}`}
        </span>
      )}
      {colList.slice(covered).map((c, i) => {
        const j = covered + i;
        const k = c - logStart;
        const term = k >= 0 && k < termList.length ? termList[k]! : null;
        const committed = marks[j] === 'c';
        const edge = up && c === commit;
        return (
          <span
            role="cell"
            key={j}
            className={`cell${term === null ? ' empty' : committed ? ' committed' : ' uncommitted'}${edge ? ' commit-edge' : ''}`}
            style={term === null ? undefined : { ['--term' as string]: epochColor(term) }}
            title={
              term === null
                ? undefined
                : `${id}[${c}] term ${term}${committed ? (c <= commit && up ? ', committed' : ', committed by the cluster') : ''}`
            }
          >
            {term ?? ''}
          </span>
        );
      })}
    </div>
  );
});
