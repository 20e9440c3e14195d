/**
 * The live Backends table: per backend its state as the balancer sees it, workers busy now,
 * utilisation since the start, the queue now and at its longest, what it served, its share
 * of all served requests, and its errors (attempts that timed out or were refused there).
 */
import type { LbView } from '../../../engine/protocols/loadbalancer/view';
import type { PanelProps } from '../types';
import { backendRows, servedShares } from './backends';
import { speedText } from './decor';
import { pct } from './inspect';

function Bar({ share, tone }: { share: number; tone: 'busy' | 'util' | 'share' }) {
  return (
    <span className={`lb-cell-bar ${tone}`} aria-hidden="true">
      <span style={{ width: `${Math.min(100, Math.max(0, share * 100))}%` }} />
    </span>
  );
}

export function BackendsPanel({ view, nodes }: PanelProps<LbView>) {
  const rows = backendRows(view, nodes);
  const shares = servedShares(rows);
  return (
    <section className="panel lb-backends" aria-label="backends">
      <header className="panel-head">
        <h2>Backends</h2>
        <span className="muted">
          {view.retries > 0 ? `${view.retries} retries sent · ` : ''}click a backend in the cluster
          to crash, slow or restart it
        </span>
      </header>
      <div className="lb-table-wrap" tabIndex={0} aria-label="backends table, scrollable">
        <table className="lb-table">
          <thead>
            <tr>
              <th scope="col">backend</th>
              <th scope="col">state</th>
              <th scope="col">busy now</th>
              <th scope="col">utilisation</th>
              <th scope="col">queue now / max</th>
              <th scope="col">served</th>
              <th scope="col">share</th>
              <th scope="col">errors</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr
                key={r.id}
                aria-label={r.label}
                className={r.state === 'in rotation' ? '' : 'out'}
              >
                <th scope="row">
                  {r.id}
                  {r.speed !== 1 && <span className="lb-slow"> {speedText(r.speed)}</span>}
                </th>
                <td className={`lb-state ${r.state.replace(' ', '-')}`}>{r.state}</td>
                <td>
                  <Bar share={r.busy} tone="busy" />
                </td>
                <td>
                  <Bar share={r.utilisation} tone="util" /> {pct(r.utilisation)}
                </td>
                <td className="num">
                  {r.waiting} / {r.maxQueue}
                </td>
                <td className="num">{r.served}</td>
                <td>
                  <Bar share={shares[i]!} tone="share" /> {pct(shares[i]!)}
                </td>
                <td className="num" title={`${r.refused} refused by the backend (503)`}>
                  {r.failed ?? r.refused}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
