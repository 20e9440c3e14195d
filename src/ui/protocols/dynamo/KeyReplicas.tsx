/**
 * The key table: one row per key the servers store, one column per server. The servers of a
 * key's preference list show what each alone would answer a get (siblings as several
 * values); the others are blank. A row whose replicas disagree is marked, in words too.
 * Above it the quorum arithmetic; below it the ring strip.
 */
import { memo } from 'react';
import type { DynamoView } from '../../../engine/protocols/dynamo/view';
import type { PanelProps } from '../types';
import { dynamoConfig, keyRows, nrwText, quorumText } from './keys';
import type { KeyCell } from './keys';
import { RingStrip } from './RingStrip';

export function KeyReplicas({ view, nodes, run }: PanelProps<DynamoView>) {
  const ids = nodes.map((n) => n.id);
  const config = dynamoConfig(run);
  const quorum = config ? quorumText(config) : null;
  const rows = keyRows(view, ids);
  const differing = rows.filter((r) => r.differs).length;
  return (
    <section className="panel dynamo-keys" aria-label="keys by replica">
      <header className="panel-head">
        <h2>Keys</h2>
        <span className="muted">
          {rows.length === 0
            ? 'none stored yet — puts fill the table'
            : `${rows.length} key${rows.length === 1 ? '' : 's'} · ${differing === 0 ? 'replicas agree' : `${differing} differ`}`}
        </span>
      </header>
      {config && quorum && (
        <p className="dynamo-quorum">
          <span className="dynamo-nrw">{nrwText(config)}</span>
          <span className={quorum.overlap ? 'dynamo-overlap' : 'dynamo-miss'}>
            {quorum.overlap ? '✓ ' : '⚠ '}
            {quorum.text}
          </span>
          {config.hintedHandoff && (
            <span className="muted">sloppy quorum: writes may land on stand-ins</span>
          )}
        </p>
      )}
      {rows.length > 0 && (
        // Scrolls (sideways on a phone, down with many keys): a Tab stop, so keys scroll it too.
        <div className="dynamo-table-wrap" tabIndex={0} aria-label="key table, scrollable">
          <table className="dynamo-table">
            <thead>
              <tr>
                <th scope="col">key</th>
                {nodes.map((n) => (
                  <th scope="col" key={n.id} className={n.up ? undefined : 'down'}>
                    {n.id}
                    {!n.up && <span className="visually-hidden"> (crashed)</span>}
                  </th>
                ))}
                <th scope="col">replicas</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <KeyRowView
                  key={r.key}
                  name={r.key}
                  differs={r.differs}
                  note={r.note}
                  cells={JSON.stringify(r.cells)}
                  ids={ids.join(',')}
                  down={nodes.map((n) => (n.up ? '1' : '0')).join('')}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > 0 && (
        <p className="dynamo-key-help muted">
          The small number is the server’s place in the key’s preference list; blank cells are
          servers that do not replicate the key; “—” a replica holding no version; values side by
          side are siblings. A row that differs lists the replicas by the answer each gives alone.
        </p>
      )}
      <RingStrip view={view} ids={ids} />
    </section>
  );
}

interface RowProps {
  name: string;
  differs: boolean;
  note: string;
  /** Cells, ids and up flags as strings, so an unchanged row is skipped by memo. */
  cells: string;
  ids: string;
  down: string;
}

const KeyRowView = memo(function KeyRowView({ name, differs, note, cells, ids, down }: RowProps) {
  const list = JSON.parse(cells) as KeyCell[];
  const servers = ids.split(',');
  return (
    <tr className={differs ? 'differs' : undefined}>
      <th scope="row" className="dynamo-key">
        {name}
      </th>
      {list.map((c, j) => (
        <Cell key={servers[j]} cell={c} server={servers[j]!} down={down[j] === '0'} />
      ))}
      <td className={differs ? 'dynamo-note differs' : 'dynamo-note'}>
        {differs ? '≠ ' : '= '}
        {note}
      </td>
    </tr>
  );
});

function Cell({ cell, server, down }: { cell: KeyCell; server: string; down: boolean }) {
  if (cell.kind === 'none') {
    return (
      <td className="not-replica">
        <span className="visually-hidden">not a replica</span>
      </td>
    );
  }
  const what =
    cell.values === null
      ? 'holds no version'
      : cell.values.length > 1
        ? `siblings ${cell.values.join(', ')}`
        : cell.values[0]!;
  return (
    <td
      className={down ? 'replica down' : 'replica'}
      title={`${server}: replica ${cell.rank} — ${what}${down ? ' (crashed; as persisted)' : ''}`}
    >
      <span className="rank" aria-label={`replica ${cell.rank}`}>
        {cell.rank}
      </span>
      {cell.values === null ? (
        <span className="dyn-value none">—</span>
      ) : (
        cell.values.map((v, k) => (
          <span className="dyn-value" key={k}>
            {v}
          </span>
        ))
      )}
    </td>
  );
}
