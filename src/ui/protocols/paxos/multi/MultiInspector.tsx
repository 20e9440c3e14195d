/**
 * Multi-Paxos in the inspector: the selected server's acceptor promise, its role's ballot, what
 * it knows chosen and applied; the leader's pending slots (accepted by whom, of the quorum); the
 * newest slots with their commands. A crashed server shows what it persisted.
 */
import type {
  MultiPaxosDetail,
  MultiPaxosView,
} from '../../../../engine/protocols/paxos/multi/view';
import { epochColor } from '../../../theme';
import type { NodeSectionProps } from '../../types';
import { ballotText } from '../shared/ballot';
import { prefixText } from './slots';

type Props = NodeSectionProps<MultiPaxosView, MultiPaxosDetail>;

export function MultiFacts({ node, index, view, detail }: Props) {
  const n = view.nodes[index];
  if (!n) return null;
  if (!node.up) {
    return (
      <>
        <dt>promised</dt>
        <dd>{ballotText(n.promised)} (persisted)</dd>
        <dt>slots held</dt>
        <dd>{detail ? `${detail.slots.length} newest listed below (persisted)` : '—'}</dd>
        <dt>commit point</dt>
        <dd>lost in the crash (recomputed on restart)</dd>
        <dt>cluster</dt>
        <dd>{prefixText(view.clusterCommit)} chosen</dd>
      </>
    );
  }
  return (
    <>
      <dt>promised</dt>
      <dd>{ballotText(n.promised)}</dd>
      {n.role !== 'follower' && (
        <>
          <dt>own ballot</dt>
          <dd>{ballotText(n.ballot)}</dd>
        </>
      )}
      {n.role === 'candidate' && (
        <>
          <dt>promises</dt>
          <dd>
            {n.promises} of {view.quorum} needed
          </dd>
        </>
      )}
      <dt>leader known</dt>
      <dd>{n.leaderId ?? '—'}</dd>
      <dt>known chosen</dt>
      <dd>{prefixText(n.commit)}</dd>
      <dt>applied</dt>
      <dd>{prefixText(n.applied)}</dd>
      {detail?.nextSlot != null && (
        <>
          <dt>next free slot</dt>
          <dd>{detail.nextSlot}</dd>
        </>
      )}
      {detail && (
        <>
          <dt>kv keys</dt>
          <dd>{detail.kvSize}</dd>
          <dt>failed candidacies</dt>
          <dd>{detail.failures}</dd>
          <dt>highest round</dt>
          <dd>{detail.round}</dd>
        </>
      )}
      <dt>cluster</dt>
      <dd>{prefixText(view.clusterCommit)} chosen</dd>
    </>
  );
}

export function MultiSections({ node, view, detail }: Props) {
  if (!detail) return null;
  return (
    <>
      {detail.nextSlot !== null && (
        <table className="replication" aria-label={`pending slots of ${node.id}`}>
          <caption>Leader: slots proposed, not yet chosen</caption>
          <thead>
            <tr>
              <th>slot</th>
              <th>accepted by</th>
            </tr>
          </thead>
          <tbody>
            {detail.pending.length === 0 && (
              <tr>
                <td colSpan={2} className="muted">
                  none
                </td>
              </tr>
            )}
            {detail.pending.map((p) => (
              <tr key={p.slot}>
                <td>{p.slot}</td>
                <td>
                  {p.by.length} of {view.quorum} ({p.by.join(', ') || 'none'})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="log-list" aria-label={`slots of ${node.id}`}>
        <h3>
          {detail.persisted ? 'Slots as persisted' : 'Slots'}{' '}
          <span className="muted">(newest {detail.slots.length})</span>
        </h3>
        {detail.slots.length === 0 && <p className="muted">empty</p>}
        <ol>
          {[...detail.slots].reverse().map((s) => {
            const round = s.accepted?.ballot.round ?? 0;
            const state = s.chosen !== null ? 'chosen' : s.accepted ? 'accepted' : 'empty';
            return (
              <li key={s.slot} className={state === 'chosen' ? 'committed' : 'uncommitted'}>
                <span className="idx">{s.slot}</span>
                <span
                  className="term-pill"
                  style={{ background: epochColor(round) }}
                  title={s.accepted ? `accepted in ${ballotText(s.accepted.ballot)}` : undefined}
                >
                  {s.accepted ? round : '—'}
                </span>
                <span className="cmd">{s.chosen ?? s.accepted?.command ?? ''}</span>
                <span className="state">
                  {state === 'chosen' ? 'chosen' : state === 'accepted' ? 'accepted' : 'gap'}
                </span>
              </li>
            );
          })}
        </ol>
      </div>
    </>
  );
}
