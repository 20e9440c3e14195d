/**
 * The slot grid (node × slot), Multi-Paxos's log matrix: a slot the node learned is chosen is
 * solid, one it only accepted is dashed, both coloured by the round of the ballot it accepted
 * (the number in the cell); a white bar marks each node's last slot known chosen. Windowed like
 * the log matrix: the store's windowEnd picks the window the worker sends.
 */
import { memo } from 'react';
import type { MultiPaxosView } from '../../../../engine/protocols/paxos/multi/view';
import { useUi } from '../../../store/ui';
import { epochColor } from '../../../theme';
import type { PanelProps } from '../../types';
import { cellMark, newerEnd, olderEnd, prefixText, rowLabel, slotWindow } from './slots';
import type { CellMark } from './slots';

export function SlotGrid({ view, nodes }: PanelProps<MultiPaxosView>) {
  const windowEnd = useUi((s) => s.windowEnd);
  const setWindowEnd = useUi((s) => s.setWindowEnd);
  const { slots, clusterCommit } = view;
  const { start, end, cols } = slotWindow(slots, windowEnd);
  return (
    <section className="panel log-matrix slot-grid" aria-label="slot grid">
      <header className="panel-head">
        <h2>Slots</h2>
        <span className="muted">
          {slots === 0
            ? 'empty — slots fill as the leader gets commands chosen'
            : `slots ${start}–${Math.min(end, slots - 1)} of ${slots} · ${prefixText(clusterCommit)} chosen`}
        </span>
        <div className="spacer" />
        <button
          type="button"
          className="btn small"
          disabled={start <= 0}
          onClick={() => setWindowEnd(olderEnd(slots, end))}
        >
          ◀ Older
        </button>
        <button
          type="button"
          className="btn small"
          disabled={windowEnd === null}
          onClick={() => setWindowEnd(newerEnd(slots, end))}
        >
          Newer ▶
        </button>
      </header>
      <div
        className="matrix"
        role="table"
        aria-label="slots by server"
        style={{ gridTemplateColumns: `3.2em repeat(${cols.length}, minmax(0, 1fr))` }}
      >
        <div role="row" className="matrix-row head">
          <span role="columnheader" className="row-label" />
          {/* Keyed by place: a sliding window rewrites texts rather than every cell. */}
          {cols.map((c, place) => (
            <span role="columnheader" key={place} className="col-label">
              {c % 5 === 0 || c === start ? c : ''}
            </span>
          ))}
        </div>
        {nodes.map((node, i) =>
          view.nodes[i] ? (
            <SlotRow
              key={node.id}
              id={node.id}
              up={node.up}
              label={rowLabel(view, i, node.id, node.up)}
              marks={JSON.stringify(cols.map((c) => [c, cellMark(view, i, node.id, node.up, c)]))}
            />
          ) : null,
        )}
      </div>
      <p className="slot-key muted">
        <span className="slot-key-item">
          <span className="cell committed key" style={{ ['--term' as string]: epochColor(1) }}>
            1
          </span>
          chosen
        </span>
        <span className="slot-key-item">
          <span className="cell uncommitted key" style={{ ['--term' as string]: epochColor(1) }}>
            1
          </span>
          accepted, not known chosen
        </span>
        <span className="slot-key-item">
          the number: the round of the ballot it was accepted in
        </span>
      </p>
    </section>
  );
}

interface RowProps {
  id: string;
  up: boolean;
  label: string;
  /** [slot, mark] pairs as JSON, so an unchanged row is skipped by memo. */
  marks: string;
}

const CELL_CLASS: Record<CellMark['kind'], string> = {
  chosen: 'committed',
  accepted: 'uncommitted',
  empty: 'empty',
};

const SlotRow = memo(function SlotRow({ id, up, label, marks }: RowProps) {
  const cells = JSON.parse(marks) as [number, CellMark][];
  return (
    <div role="row" className={`matrix-row${up ? '' : ' down'}`} aria-label={label}>
      <span role="rowheader" className="row-label">
        {id}
      </span>
      {cells.map(([, m], place) => (
        <span
          role="cell"
          key={place}
          aria-label={m.label}
          title={m.kind === 'empty' ? undefined : m.label}
          className={`cell ${CELL_CLASS[m.kind]}${m.round === null && m.kind === 'chosen' ? ' no-ballot' : ''}${m.edge ? ' commit-edge' : ''}`}
          style={
            m.kind === 'empty' ? undefined : { ['--term' as string]: epochColor(m.round ?? 0) }
          }
        >
          {m.kind === 'empty' ? '' : (m.round ?? '✓')}
        </span>
      ))}
    </div>
  );
});
