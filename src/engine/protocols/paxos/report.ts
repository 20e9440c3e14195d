/**
 * The CLI's words for a Paxos node and a run (issue 10's format, shared by both variants):
 * per node `role`, `ballot`, `promised`, `accepted` and `chosen`; per run `proposed`, every
 * value any proposer put forward, in the order they were put forward.
 */
import type { NodeRead } from '../../protocol';
import type { NodeId } from '../../types';
import type { Ballot } from './ballot';
import { copyBallot } from './ballot';
import type { PaxosCore, PaxosStable } from './core';

/** A type, not an interface, so that it is a Record<string, unknown> as the seam wants. */
export type NodeReport = {
  role: string;
  ballot: Ballot | null;
  promised: Ballot | null;
  accepted: { slot: number; ballot: Ballot; command: string }[];
  chosen: { slot: number; command: string }[];
};

export interface ProposedReport {
  time: number;
  node: NodeId;
  slot: number;
  command: string;
}

/** A node's report: from its live state, or (role "down") from what it persisted. */
export function nodeReport<V>(
  stable: PaxosStable<V> | null,
  role: string,
  ballot: Ballot | null,
  show: (v: V) => string,
): NodeReport {
  const accepted: NodeReport['accepted'] = [];
  const chosen: NodeReport['chosen'] = [];
  stable?.accepted.forEach((e, slot) => {
    if (e) accepted.push({ slot, ballot: copyBallot(e.ballot), command: show(e.value) });
  });
  stable?.chosen.forEach((e, slot) => {
    if (e) chosen.push({ slot, command: show(e.value) });
  });
  return {
    role,
    ballot: ballot && copyBallot(ballot),
    promised: stable?.promised ? copyBallot(stable.promised) : null,
    accepted,
    chosen,
  };
}

/** Live state when up, persisted state when down. */
export function stableOf<S extends PaxosCore<V>, V>(
  n: NodeRead<S, PaxosStable<V>>,
): PaxosStable<V> | null {
  return n.up && n.state ? n.state : n.persisted;
}

/** Every node's proposals merged by time (ties in node order: the merge is stable). */
export function proposedReport<S extends PaxosCore<V>, V>(
  nodes: readonly NodeRead<S, PaxosStable<V>>[],
  show: (v: V) => string,
): ProposedReport[] {
  const all: ProposedReport[] = [];
  for (const n of nodes) {
    for (const p of stableOf(n)?.proposals ?? []) {
      all.push({ time: p.time, node: n.id, slot: p.slot, command: show(p.value) });
    }
  }
  return all.sort((a, b) => a.time - b.time);
}
