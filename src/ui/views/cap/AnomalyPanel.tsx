/**
 * Every anomaly either side's checker found so far, in time order. A click goes to the
 * event that revealed it (the timeline marker is there too), rings the servers that hold its
 * key and shows the operations involved.
 */
import type { AnomalyView } from '../../../worker/protocol';
import { fmtMs, fmtTime } from '../../format';
import type { Side } from '../../protocols/useProtocol';
import { useSim } from '../../store/sim';
import { useUi } from '../../store/ui';
import { useSideInfo } from './CapStage';
import { kindName, kindSentence } from './words';

interface Row {
  side: Side;
  title: string;
  anomaly: AnomalyView;
}

function opText(op: AnomalyView['records'][number]): string {
  const what = op.op === 'put' ? `put ${op.key}=${op.value}` : `get ${op.key}`;
  const outcome =
    op.completedAt === null
      ? 'pending'
      : op.ok
        ? op.op === 'get'
          ? `→ ${op.result ?? 'nothing'}`
          : '→ ok'
        : `→ failed (${op.result ?? ''})`;
  const span = `${fmtMs(op.invokedAt)}–${op.completedAt === null ? '…' : fmtMs(op.completedAt)}`;
  return `#${op.id} ${op.client} ${what} ${outcome}, ${span}`;
}

export function AnomalyPanel() {
  const main = useSim((s) => s.panel?.consistency?.anomalies ?? null);
  const twin = useSim((s) => s.panel?.companion?.consistency?.anomalies ?? null);
  const mainInfo = useSideInfo('main');
  const twinInfo = useSideInfo('companion');
  const seek = useSim((s) => s.seek);
  const seekEvent = useSim((s) => s.seekEvent);
  const highlight = useUi((s) => s.highlight);
  const setHighlight = useUi((s) => s.setHighlight);
  const rows: Row[] = [
    ...(main ?? []).map((anomaly) => ({
      side: 'main' as const,
      title: mainInfo?.title ?? '',
      anomaly,
    })),
    ...(twin ?? []).map((anomaly) => ({
      side: 'companion' as const,
      title: twinInfo?.title ?? '',
      anomaly,
    })),
  ].sort((a, b) => a.anomaly.time - b.anomaly.time);

  const open = (row: Row) => {
    setHighlight({
      side: row.side,
      nodes: row.anomaly.replicas,
      anomaly: row.anomaly,
      title: row.title,
    });
    if (row.anomaly.eventId !== null) seekEvent(row.anomaly.eventId);
    else seek(row.anomaly.time);
  };

  return (
    <section className="panel cap-anomalies" aria-label="anomalies">
      <div className="panel-head">
        <h2>Anomalies</h2>
        <span className="muted">found by the history checker, on both sides</span>
      </div>
      {rows.length === 0 ? (
        <p className="muted cap-none">
          None so far. Cut the network (drag a line across either cluster) and watch the two stores
          answer.
        </p>
      ) : (
        <ol className="cap-anomaly-list">
          {rows.map((row) => {
            const a = row.anomaly;
            const current =
              highlight?.side === row.side &&
              highlight.anomaly.time === a.time &&
              highlight.anomaly.kind === a.kind &&
              highlight.anomaly.key === a.key &&
              highlight.anomaly.ops.join(',') === a.ops.join(',');
            return (
              <li key={`${row.side}:${a.kind}:${a.key}:${a.time}:${a.ops.join(',')}`}>
                <button
                  type="button"
                  className={`cap-anomaly${current ? ' current' : ''}`}
                  aria-pressed={current}
                  onClick={() => open(row)}
                >
                  <span className="cap-anomaly-time">{fmtTime(a.time)}</span>
                  <span className="cap-anomaly-side">{row.title}</span>
                  <b>{kindName(a.kind)}</b>
                  <span>
                    key <code>{a.key}</code>
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {highlight && (
        <div className="cap-anomaly-detail" aria-label="anomaly detail">
          <p>
            <b>{kindName(highlight.anomaly.kind)}</b> on <code>{highlight.anomaly.key}</code> (
            {highlight.title}, {fmtTime(highlight.anomaly.time)}):{' '}
            {kindSentence(highlight.anomaly.kind)}
          </p>
          {highlight.anomaly.records.length > 0 && (
            <ul>
              {highlight.anomaly.records.map((op) => (
                <li key={op.id}>
                  <code>{opText(op)}</code>
                </li>
              ))}
            </ul>
          )}
          <p className="muted">
            Replicas of <code>{highlight.anomaly.key}</code>: {highlight.nodes.join(', ')} (ringed
            in the {highlight.title} cluster).{' '}
            <button type="button" className="btn ghost" onClick={() => setHighlight(null)}>
              Clear
            </button>
          </p>
        </div>
      )}
    </section>
  );
}
