/**
 * Single-decree Paxos as the lab shows it: per node its proposer phase and ballot, what its
 * acceptor promised and accepted, and what its learner learned; the inspector adds the
 * promises and tallies being counted. Crashed nodes show what they persisted.
 */
import { majority } from '../../../quorum';
import type { NodeRead, ViewRequest } from '../../../protocol';
import type { Ballot } from '../ballot';
import { copyBallot } from '../ballot';
import { stableOf } from '../report';
import type { PaxosPersistent, PaxosState, ProposerPhase } from './types';

export interface PaxosNodeView {
  proposer: boolean;
  /** "down" while crashed. */
  phase: ProposerPhase | 'down';
  ballot: Ballot | null;
  promised: Ballot | null;
  accepted: { ballot: Ballot; value: string } | null;
  chosen: string | null;
  /** Phase 1: promises counted for the current ballot, of `quorum` needed. */
  promises: number;
}

export interface PaxosView {
  /** Index-aligned with the snapshot's nodes. */
  nodes: PaxosNodeView[];
  /** Acceptors needed for a majority. */
  quorum: number;
  /** The value some learner learned (at most one, or Agreement is violated), or null. */
  chosen: string | null;
}

export interface PaxosDetail {
  ownValue: string | null;
  /** The value sent in phase 2a of the current ballot. */
  value: string | null;
  promisesFrom: string[];
  /** The highest accepted proposal reported in those promises (what phase 2 will propose). */
  highest: { ballot: Ballot; value: string } | null;
  /** Learner: acceptors reporting each ballot they accepted. */
  tallies: { ballot: Ballot; value: string; by: string[] }[];
  failures: number;
  round: number;
  /** True when the node is down and this is what it persisted. */
  persisted: boolean;
}

type PaxosRead = NodeRead<PaxosState, PaxosPersistent>;

export function paxosView(nodes: readonly PaxosRead[], req: ViewRequest): PaxosView {
  void req; // one slot: nothing to window
  let chosen: string | null = null;
  const views = nodes.map((n): PaxosNodeView => {
    const p = stableOf(n);
    const s = n.up ? n.state : null;
    const acc = p?.accepted[0] ?? null;
    const learned = p?.chosen[0]?.value ?? null;
    chosen ??= learned;
    return {
      proposer: s?.proposer ?? false,
      phase: s?.phase ?? 'down',
      ballot: s?.ballot ? copyBallot(s.ballot) : null,
      promised: p?.promised ? copyBallot(p.promised) : null,
      accepted: acc && { ballot: copyBallot(acc.ballot), value: acc.value },
      chosen: learned,
      promises: s?.promises.length ?? 0,
    };
  });
  return { nodes: views, quorum: majority(nodes.length), chosen };
}

export function paxosDetail(n: PaxosRead): PaxosDetail {
  const s = n.up ? n.state : null;
  return {
    ownValue: s?.proposer ? s.ownValue : null,
    value: s?.value ?? null,
    promisesFrom: s ? [...s.promises] : [],
    highest: s?.highest ? { ballot: copyBallot(s.highest.ballot), value: s.highest.value } : null,
    tallies: (s?.votes ?? []).map((t) => ({
      ballot: copyBallot(t.ballot),
      value: t.value,
      by: [...t.by],
    })),
    failures: s?.failures ?? 0,
    round: stableOf(n)?.round ?? 0,
    persisted: s === null,
  };
}
