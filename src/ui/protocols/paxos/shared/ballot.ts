/**
 * Ballots in words, as the engine's message labels write them: "(3,S2)" is round 3 of
 * proposer S2. The lab draws a ballot's round with the epoch colours (the node's centre).
 */
import type { Ballot } from '../../../../engine/protocols/paxos/ballot';

/** "(3,S2)", or "—" for no ballot. */
export function ballotText(b: Ballot | null): string {
  return b === null ? '—' : `(${b.round},${b.node})`;
}

/** Same round and node (null equals only null). */
export function sameBallot(a: Ballot | null, b: Ballot | null): boolean {
  return a === null || b === null ? a === b : a.round === b.round && a.node === b.node;
}

/** A value cut to `max` characters for a caption ("put x=longer…"); the inspector shows it whole. */
export function shortValue(v: string, max = 10): string {
  return v.length <= max ? v : `${v.slice(0, max - 1)}…`;
}

/** "150–300 ms", or "30 ms" when the range is one value. */
export function rangeText(r: { min: number; max: number }): string {
  return r.min === r.max ? `${r.min} ms` : `${r.min}–${r.max} ms`;
}
