/**
 * What a Multi-Paxos server says beside itself: the leader its ballot, a candidate its ballot
 * and the promises counted of the quorum, a follower (an acceptor) the ballot it promised;
 * then how many slots it knows chosen.
 */
import type {
  MultiPaxosNodeView,
  MultiPaxosView,
} from '../../../../engine/protocols/paxos/multi/view';
import type { NodeDecoration } from '../../types';
import { ballotText } from '../shared/ballot';
import { Caption, caption } from '../shared/Caption';
import type { CaptionData, CaptionLine } from '../shared/Caption';

export function multiLines(n: MultiPaxosNodeView, quorum: number): CaptionLine[] {
  const lines: CaptionLine[] = [];
  switch (n.role) {
    case 'leader':
      lines.push({ text: `leads ${ballotText(n.ballot)}`, tone: 'phase2' });
      break;
    case 'candidate':
      lines.push({
        text: `prepare ${ballotText(n.ballot)} ${n.promises}/${quorum}`,
        tone: 'phase1',
      });
      break;
    case 'follower':
      lines.push({
        text: n.promised ? `promised ${ballotText(n.promised)}` : 'no promise',
        tone: 'acceptor',
      });
      break;
    default:
      return [];
  }
  lines.push({
    text: n.commit === 0 ? 'no slot chosen' : `${n.commit} chosen`,
    tone: 'chosen',
  });
  return lines;
}

export const multiDecoration: NodeDecoration<MultiPaxosView, CaptionData> = {
  decorate(node, index, view, ids) {
    const n = view.nodes[index];
    if (!node.up || !n) return null;
    return caption(node, ids, multiLines(n, view.quorum));
  },
  Decor: Caption,
};
