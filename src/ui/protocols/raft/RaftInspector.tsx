/**
 * Raft's part of the inspector: the server's Raft state, the leader's view of each follower
 * and the newest log entries. A crashed server shows what it persisted (term, vote, log),
 * and its entries are checked against what the cluster committed.
 */
import type { RaftDetail, RaftView } from '../../../engine/protocols/raft/view';
import { epochColor } from '../../theme';
import { majority } from '../common';
import { useSim } from '../../store/sim';
import type { NodeSectionProps } from '../types';
import { ENTRY_STATE_TEXT, entryState } from './commit';
import type { EntryState } from './commit';

type Props = NodeSectionProps<RaftView, RaftDetail>;

/** §7: the snapshot's lastIncludedIndex and lastIncludedTerm (persistent state). */
function SnapshotFact({
  index,
  term,
  persisted,
}: {
  index: number;
  term: number;
  persisted?: boolean;
}) {
  return (
    <>
      <dt>snapshot</dt>
      <dd>
        {index === 0 ? 'none' : `≤ ${index} (lastIncludedTerm ${term})`}
        {persisted && index > 0 ? ' (persisted)' : ''}
      </dd>
    </>
  );
}

/** Facts of the selected server, inside the inspector's list after its role. */
export function RaftFacts({ node, index, view, detail }: Props) {
  const n = view.nodes[index];
  if (!n) return null;
  if (!node.up) {
    return (
      <>
        <dt>currentTerm</dt>
        <dd>{node.epoch ?? '—'} (persisted)</dd>
        <dt>votedFor</dt>
        <dd>{n.votedFor ?? '—'} (persisted)</dd>
        <dt>log length</dt>
        <dd>{n.logLength} (persisted)</dd>
        <SnapshotFact index={n.snapshotIndex} term={n.snapshotTerm} persisted />
        <dt>commitIndex</dt>
        <dd>lost in the crash</dd>
        <dt>cluster commit</dt>
        <dd>{view.clusterCommit}</dd>
      </>
    );
  }
  return (
    <>
      <dt>currentTerm</dt>
      <dd>{node.epoch ?? '—'}</dd>
      <dt>votedFor</dt>
      <dd>{n.votedFor ?? '—'}</dd>
      <dt>leader known</dt>
      <dd>{n.leaderId ?? '—'}</dd>
      <dt>commitIndex</dt>
      <dd>{n.commitIndex}</dd>
      <dt>lastApplied</dt>
      <dd>{n.lastApplied}</dd>
      <dt>log length</dt>
      <dd>{n.logLength}</dd>
      <SnapshotFact index={n.snapshotIndex} term={n.snapshotTerm} />
      {node.campaigns && (
        <>
          <dt>votes</dt>
          <dd>
            {n.votes.length} of {majority(view.configuration?.members.length ?? view.nodes.length)}{' '}
            needed ({n.votes.join(', ') || 'none'})
          </dd>
        </>
      )}
      {detail && (
        <>
          <dt>kv keys</dt>
          <dd>{detail.kvSize}</dd>
        </>
      )}
    </>
  );
}

const ENTRY_CLASS: Record<EntryState, string> = {
  committed: 'committed',
  cluster: 'committed by-cluster',
  replaced: 'uncommitted replaced',
  'index-committed': 'committed by-cluster',
  uncommitted: 'uncommitted',
};

/** The leader's replication table and the log, after the facts. */
export function RaftSections({ node, index, nodes, view, detail }: Props) {
  if (!detail) return null;
  const { nextIndex, matchIndex } = detail;
  const up = nodes.map((x) => x.up);
  const length = view.nodes[index]?.logLength ?? detail.log.length;
  // §7: entries up to the snapshot are compacted: not listed, not missing.
  const snap = view.nodes[index]?.snapshotIndex ?? 0;
  const leader = nodes.find((x) => x.up && x.leads);
  // §4: leadership goes only to a member of the configuration in force.
  const member = view.configuration?.members.includes(node.id) ?? true;
  return (
    <>
      {node.up && leader && leader.id !== node.id && member && (
        <TransferButton to={node.id} from={leader.id} />
      )}
      {nextIndex && matchIndex && (
        <table className="replication">
          <caption>Leader’s view of each follower</caption>
          <thead>
            <tr>
              <th>server</th>
              <th>nextIndex</th>
              <th>matchIndex</th>
            </tr>
          </thead>
          <tbody>
            {Object.keys(nextIndex).map((peer) => (
              <tr key={peer}>
                <td>{peer}</td>
                <td>{nextIndex[peer]}</td>
                <td>{matchIndex[peer] ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="log-list" aria-label={`log of ${node.id}`}>
        <h3>
          {detail.persisted ? 'Log as persisted' : 'Log'}{' '}
          <span className="muted">
            (newest {detail.log.length} of {length}
            {snap > 0 ? `; 1…${snap} in the snapshot` : ''})
          </span>
        </h3>
        {detail.log.length === 0 && (
          <p className="muted">{snap > 0 ? 'no entries after the snapshot' : 'empty'}</p>
        )}
        {/* Scrolls: a Tab stop, so the keyboard can scroll it too. */}
        <ol tabIndex={0} aria-label={`log entries of ${node.id}, newest first`}>
          {[...detail.log].reverse().map((e) => {
            const state = entryState(e, index, view, up);
            return (
              <li key={e.index} className={ENTRY_CLASS[state]}>
                <span className="idx">{e.index}</span>
                <span className="term-pill" style={{ background: epochColor(e.term) }}>
                  {e.term}
                </span>
                <span className="cmd">{e.command}</span>
                <span className="state">{ENTRY_STATE_TEXT[state]}</span>
              </li>
            );
          })}
        </ol>
      </div>
    </>
  );
}

/** §3.10: ask the leader to hand leadership to this server (the `transfer` action). */
function TransferButton({ to, from }: { to: string; from: string }) {
  const act = useSim((s) => s.act);
  return (
    <p className="inspector-actions">
      <button
        type="button"
        className="btn small"
        title={`${from} brings ${to}'s log up to date, then tells it to start an election now (TimeoutNow, §3.10)`}
        onClick={() => act({ type: 'transfer', to })}
      >
        Transfer leadership to {to}
      </button>
    </p>
  );
}
