/**
 * Multi-Paxos as the lab shows it: per node its role, ballot and promise, and a window of the
 * slot grid (node × slot: chosen / accepted with its ballot / empty), like a log matrix;
 * the inspector adds the newest slots with their commands and the leader's pending slots.
 * Crashed nodes show what they persisted.
 */
import { majority } from '../../../quorum';
import type { NodeRead, ViewRequest } from '../../../protocol';
import { describeKvCommand } from '../../../kv/stateMachine';
import type { Ballot } from '../ballot';
import { copyBallot } from '../ballot';
import { stableOf } from '../report';
import type { MultiPersistent, MultiRole, MultiState } from './types';

/** How many slots (ending at the window's end) the view carries per node. */
export const SLOT_WINDOW = 40;
/** How many of the newest slots the inspector lists. */
const DETAIL_SLOTS = 30;

export type SlotCellKind = 'chosen' | 'accepted' | 'empty';

export interface SlotCell {
  kind: SlotCellKind;
  /** The ballot the node's acceptor accepted the slot's value in (null: nothing accepted). */
  ballot: Ballot | null;
  /** The value chosen (or else accepted) there, in words; null when empty. */
  command: string | null;
}

export interface MultiPaxosNodeView {
  role: MultiRole | 'down';
  ballot: Ballot | null;
  promised: Ballot | null;
  leaderId: string | null;
  /** Slots below are known chosen here (volatile: recomputed after a restart). */
  commit: number;
  applied: number;
  /** Candidate: promises counted (self included). */
  promises: number;
  /** Cells of slots `slotStart …` (up to the window's end). */
  cells: SlotCell[];
  leaderDeadline: number;
  leaderDrawn: number;
}

export interface MultiPaxosView {
  /** Index-aligned with the snapshot's nodes. */
  nodes: MultiPaxosNodeView[];
  /** First slot of every node's `cells` (slots are numbered from 0). */
  slotStart: number;
  /** One past the highest slot any node accepted or learned. */
  slots: number;
  /** The highest commit point of any up node: what the cluster is known to have chosen. */
  clusterCommit: number;
  quorum: number;
}

export interface MultiPaxosDetail {
  slots: {
    slot: number;
    accepted: { ballot: Ballot; command: string } | null;
    chosen: string | null;
  }[];
  /** Leader: slots proposed and not yet chosen, with the acceptors that accepted them. */
  pending: { slot: number; by: string[] }[];
  nextSlot: number | null;
  kvSize: number;
  failures: number;
  round: number;
  persisted: boolean;
}

type MultiRead = NodeRead<MultiState, MultiPersistent>;

function slotCount(p: MultiPersistent | null): number {
  return p === null ? 0 : Math.max(p.accepted.length, p.chosen.length);
}

function cell(p: MultiPersistent | null, slot: number): SlotCell {
  const chosen = p?.chosen[slot] ?? null;
  const acc = p?.accepted[slot] ?? null;
  const ballot = acc ? copyBallot(acc.ballot) : null;
  if (chosen) return { kind: 'chosen', ballot, command: describeKvCommand(chosen.value) };
  if (acc) return { kind: 'accepted', ballot, command: describeKvCommand(acc.value) };
  return { kind: 'empty', ballot: null, command: null };
}

export function multiPaxosView(nodes: readonly MultiRead[], req: ViewRequest): MultiPaxosView {
  let slots = 0;
  let clusterCommit = 0;
  for (const n of nodes) {
    slots = Math.max(slots, slotCount(stableOf(n)));
    if (n.up && n.state) clusterCommit = Math.max(clusterCommit, n.state.commit);
  }
  const end = Math.min(req.windowEnd ?? slots - 1, Math.max(slots - 1, 0));
  const slotStart = Math.max(0, end - SLOT_WINDOW + 1);
  return {
    nodes: nodes.map((n) => {
      const p = stableOf(n);
      const s = n.up ? n.state : null;
      const cells: SlotCell[] = [];
      for (let slot = slotStart; slot <= end && slot < slotCount(p); slot++)
        cells.push(cell(p, slot));
      return {
        role: s?.role ?? 'down',
        ballot: s?.ballot ? copyBallot(s.ballot) : null,
        promised: p?.promised ? copyBallot(p.promised) : null,
        leaderId: s?.leaderId ?? null,
        commit: s?.commit ?? 0,
        applied: s?.applied ?? 0,
        promises: s?.role === 'candidate' ? s.promises.length : 0,
        cells,
        leaderDeadline: s?.leaderDeadline ?? 0,
        leaderDrawn: s?.leaderDrawn ?? 0,
      };
    }),
    slotStart,
    slots,
    clusterCommit,
    quorum: majority(nodes.length),
  };
}

export function multiPaxosDetail(n: MultiRead): MultiPaxosDetail {
  const p = stableOf(n);
  const s = n.up ? n.state : null;
  const count = slotCount(p);
  const slots: MultiPaxosDetail['slots'] = [];
  for (let slot = Math.max(0, count - DETAIL_SLOTS); slot < count; slot++) {
    const acc = p?.accepted[slot] ?? null;
    const chosen = p?.chosen[slot] ?? null;
    slots.push({
      slot,
      accepted: acc && { ballot: copyBallot(acc.ballot), command: describeKvCommand(acc.value) },
      chosen: chosen && describeKvCommand(chosen.value),
    });
  }
  const leads = s?.role === 'leader';
  return {
    slots,
    pending: leads
      ? Object.entries(s.acks).map(([slot, by]) => ({ slot: Number(slot), by: [...by] }))
      : [],
    nextSlot: leads ? s.nextSlot : null,
    kvSize: s ? Object.keys(s.kv).length : 0,
    failures: s?.failures ?? 0,
    round: p?.round ?? 0,
    persisted: s === null,
  };
}
