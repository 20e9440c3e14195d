/**
 * Single-decree Paxos in the inspector: the three roles of the selected server. Acceptor: what
 * it promised and accepted (stable storage, shown too while it is down). Proposer: its phase,
 * ballot, the promises counted of the quorum and the value phase 2 proposes. Learner: the value
 * it learned and, per ballot, the acceptors that reported accepting it.
 */
import type { PaxosDetail, PaxosView } from '../../../../engine/protocols/paxos/single/view';
import type { NodeSectionProps } from '../../types';
import { ballotText } from '../shared/ballot';

type Props = NodeSectionProps<PaxosView, PaxosDetail>;

const PHASE_TEXT: Record<string, string> = {
  idle: 'does not propose',
  preparing: 'phase 1: preparing, collecting promises',
  accepting: 'phase 2: accept requests sent',
  waiting: 'waiting for its retry timer',
  learned: 'done: knows the chosen value',
};

export function phaseText(phase: string): string {
  return PHASE_TEXT[phase] ?? phase;
}

export function PaxosFacts({ node, index, view, detail }: Props) {
  const n = view.nodes[index];
  if (!n) return null;
  const persisted = node.up ? '' : ' (persisted)';
  return (
    <>
      <dt>promised</dt>
      <dd>
        {ballotText(n.promised)}
        {persisted}
      </dd>
      <dt>accepted</dt>
      <dd>
        {n.accepted ? `${ballotText(n.accepted.ballot)} ${n.accepted.value}` : '—'}
        {persisted}
      </dd>
      <dt>learned</dt>
      <dd className={n.chosen === null ? undefined : 'paxos-learned'}>
        {n.chosen ?? '—'}
        {persisted}
      </dd>
      {node.up && n.proposer && (
        <>
          <dt>proposer</dt>
          <dd>{phaseText(n.phase)}</dd>
          <dt>ballot</dt>
          <dd>{ballotText(n.ballot)}</dd>
          {detail?.ownValue != null && (
            <>
              <dt>own value</dt>
              <dd>{detail.ownValue}</dd>
            </>
          )}
          {n.phase === 'preparing' && (
            <>
              <dt>promises</dt>
              <dd>
                {n.promises} of {view.quorum} needed
                {detail && detail.promisesFrom.length > 0
                  ? ` (${detail.promisesFrom.join(', ')})`
                  : ''}
              </dd>
              <dt>highest reported</dt>
              <dd>
                {detail?.highest
                  ? `${ballotText(detail.highest.ballot)} ${detail.highest.value}`
                  : 'none: phase 2 proposes its own value'}
              </dd>
            </>
          )}
          {detail?.value != null && (
            <>
              <dt>proposing</dt>
              <dd>{detail.value}</dd>
            </>
          )}
          {detail && (
            <>
              <dt>failed ballots</dt>
              <dd>{detail.failures}</dd>
            </>
          )}
        </>
      )}
      {node.up && !n.proposer && (
        <>
          <dt>proposer</dt>
          <dd>no (not in paxos.proposers)</dd>
        </>
      )}
      {detail && (
        <>
          <dt>highest round</dt>
          <dd>
            {detail.round}
            {persisted}
          </dd>
        </>
      )}
      <dt>cluster</dt>
      <dd>{view.chosen === null ? 'no value learned yet' : `learned ${view.chosen}`}</dd>
    </>
  );
}

/** The learner's tallies: acceptances reported per ballot, of the quorum needed. */
/** How many ballots the tally table lists (a long duel leaves many behind). */
const TALLY_ROWS = 6;

/** The learner's tallies, newest ballot first, at most `max` of them. */
export function newestTallies<T extends { ballot: { round: number; node: string } }>(
  tallies: readonly T[],
  max = TALLY_ROWS,
): T[] {
  return [...tallies]
    .sort((a, b) => b.ballot.round - a.ballot.round || compareIds(b.ballot.node, a.ballot.node))
    .slice(0, max);
}

/** Node ids in their natural order ("S2" before "S10"), as ballots break ties. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export function PaxosSections({ node, index, view, detail }: Props) {
  if (!detail || !node.up) return null;
  const learned = view.nodes[index]?.chosen ?? null;
  const shown = newestTallies(detail.tallies);
  const older = detail.tallies.length - shown.length;
  return (
    <table className="replication" aria-label={`acceptances counted by ${node.id}`}>
      <caption>Learner: acceptances counted per ballot</caption>
      <thead>
        <tr>
          <th>ballot</th>
          <th>value</th>
          <th>acceptors</th>
        </tr>
      </thead>
      <tbody>
        {detail.tallies.length === 0 && (
          <tr>
            <td colSpan={3} className="muted">
              {learned === null ? 'none heard yet' : `none kept: it learned ${learned}`}
            </td>
          </tr>
        )}
        {shown.map((t) => (
          <tr
            key={ballotText(t.ballot)}
            className={t.by.length >= view.quorum ? 'paxos-quorum' : ''}
          >
            <td>{ballotText(t.ballot)}</td>
            <td>{t.value}</td>
            <td>
              {t.by.length} of {view.quorum} ({t.by.join(', ')})
            </td>
          </tr>
        ))}
        {older > 0 && (
          <tr>
            <td colSpan={3} className="muted">
              …and {older} older {older === 1 ? 'ballot' : 'ballots'}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
