/**
 * What a single-decree Paxos server says beside itself: the value it learned, or its proposer's
 * phase and ballot; then what its acceptor promised and accepted.
 */
import type { PaxosNodeView, PaxosView } from '../../../../engine/protocols/paxos/single/view';
import type { NodeDecoration } from '../../types';
import { ballotText, sameBallot, shortValue } from '../shared/ballot';
import { Caption, caption } from '../shared/Caption';
import type { CaptionData, CaptionLine } from '../shared/Caption';

/** The proposer's line: its phase in words, with its ballot and, in phase 1, the promises. */
export function proposerLine(n: PaxosNodeView, quorum: number): CaptionLine | null {
  if (n.chosen !== null) return { text: `learned ${shortValue(n.chosen)}`, tone: 'learned' };
  if (!n.proposer) return null;
  const b = ballotText(n.ballot);
  switch (n.phase) {
    case 'preparing':
      return { text: `prepare ${b} ${n.promises}/${quorum}`, tone: 'phase1' };
    case 'accepting':
      return { text: `accept ${b}`, tone: 'phase2' };
    case 'waiting':
      return { text: n.ballot === null ? 'about to prepare' : `retry after ${b}`, tone: 'waiting' };
    default:
      return null;
  }
}

/**
 * The acceptor's line: "P" the ballot it promised, "A" the ballot and value it accepted (one
 * ballot when they are the same).
 */
export function acceptorLine(n: PaxosNodeView): CaptionLine {
  const { promised, accepted } = n;
  if (accepted === null) {
    return { text: promised ? `promised ${ballotText(promised)}` : 'no promise', tone: 'acceptor' };
  }
  const acc = `${ballotText(accepted.ballot)} ${shortValue(accepted.value)}`;
  return {
    text: sameBallot(promised, accepted.ballot)
      ? `accepted ${acc}`
      : `P ${ballotText(promised)} A ${acc}`,
    tone: 'acceptor',
  };
}

export function paxosLines(n: PaxosNodeView, quorum: number): CaptionLine[] {
  const first = proposerLine(n, quorum);
  return first ? [first, acceptorLine(n)] : [acceptorLine(n)];
}

export const paxosDecoration: NodeDecoration<PaxosView, CaptionData> = {
  decorate(node, index, view, ids) {
    const n = view.nodes[index];
    if (!node.up || !n) return null;
    return caption(node, ids, paxosLines(n, view.quorum));
  },
  Decor: Caption,
};
