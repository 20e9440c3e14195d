/**
 * The key table's logic, kept pure for its tests: what each server's cell of a key shows,
 * whether the key's replicas disagree, the quorum arithmetic of the header, and the ring's
 * arcs by owner. It reads only what the worker sent (the engine's DynamoView).
 */
import type { DynamoConfig } from '../../../engine/protocols/dynamo/types';
import type { DynamoKeyView, DynamoView } from '../../../engine/protocols/dynamo/view';
import type { RunInfo } from '../../../worker/protocol';
import { epochColor } from '../../theme';

/**
 * How the engine joins the values of siblings in what a get sees (version.ts
 * SIBLING_SEPARATOR; keys.test.ts checks they agree). A constant, not an import: the UI takes
 * only types from the engine.
 */
export const SIBLINGS = '|';

export type KeyCell =
  | { kind: 'none' }
  | {
      kind: 'replica';
      /** 1 for the first server of the preference list. */
      rank: number;
      /** The values it holds (several: siblings), or null when it holds no version. */
      values: string[] | null;
    };

export interface KeyRow {
  key: string;
  /** One per server, in the order of `ids`. */
  cells: KeyCell[];
  differs: boolean;
  /**
   * The replicas grouped by the answer each alone gives, in preference-list order. No group
   * is called stale: from values alone the UI cannot tell which answer is the newest.
   */
  groups: string[][];
  /** Words for the row's marker ("agree", "differs: S1 | S2 S3"). */
  note: string;
}

/** A replica holding nothing answers differently from any value (values never contain it). */
const NOTHING = '\u0000';

/** The row of one key, its cells in the order of `ids` (the snapshot's servers). */
export function keyRow(k: DynamoKeyView, ids: readonly string[]): KeyRow {
  const byAnswer = new Map<string, string[]>();
  for (const id of k.replicas) {
    const answer = k.values[id] ?? NOTHING;
    byAnswer.set(answer, [...(byAnswer.get(answer) ?? []), id]);
  }
  const groups = [...byAnswer.values()];
  // The engine compares versions, the UI sees values: equal values may be different versions.
  const differs = k.diverged || groups.length > 1;
  const cells = ids.map((id): KeyCell => {
    const rank = k.replicas.indexOf(id);
    if (rank < 0) return { kind: 'none' };
    const v = k.values[id] ?? null;
    return { kind: 'replica', rank: rank + 1, values: v === null ? null : v.split(SIBLINGS) };
  });
  let note = 'agree';
  if (differs) {
    note =
      groups.length > 1
        ? `differs: ${groups.map((g) => g.join(' ')).join(' | ')}`
        : 'differs: same values, other versions';
  }
  return { key: k.key, cells, differs, groups, note };
}

export function keyRows(view: DynamoView, ids: readonly string[]): KeyRow[] {
  return view.keys.map((k) => keyRow(k, ids));
}

/** The run's Dynamo section (defaults filled by the worker), or null when it is not one. */
export function dynamoConfig(run: Pick<RunInfo, 'config'>): DynamoConfig | null {
  const c = run.config as Partial<DynamoConfig> | null;
  if (!c || typeof c.n !== 'number' || typeof c.r !== 'number' || typeof c.w !== 'number') {
    return null;
  }
  return c as DynamoConfig;
}

/** Whether every read quorum meets every write quorum (§4.5: R + W > N), in words. */
export function quorumText(c: Pick<DynamoConfig, 'n' | 'r' | 'w'>): {
  overlap: boolean;
  text: string;
} {
  const sum = c.r + c.w;
  return sum > c.n
    ? { overlap: true, text: `R + W = ${sum} > N = ${c.n}: quorums overlap` }
    : { overlap: false, text: `R + W = ${sum} ≤ N = ${c.n}: reads may miss the latest write` };
}

/** "N=3 R=2 W=2 · lww". */
export function nrwText(c: Pick<DynamoConfig, 'n' | 'r' | 'w' | 'versioning'>): string {
  return `N=${c.n} R=${c.r} W=${c.w} · ${c.versioning === 'lww' ? 'lww' : 'version vectors'}`;
}

/** A server's colour on the ring strip: the lab's epoch scale by its place in the cluster. */
export function ownerColor(ids: readonly string[], id: string): string {
  return epochColor(ids.indexOf(id) + 1);
}

export interface Arc {
  /** Fractions of a turn, from < to. */
  from: number;
  to: number;
  node: string;
}

/**
 * The ring as arcs by owner: a token owns (previous token, its position], the first token
 * also the wrap past the last; neighbouring arcs of one owner are merged.
 */
export function ringArcs(ring: DynamoView['ring']): Arc[] {
  if (ring.length === 0) return [];
  const last = ring[ring.length - 1]!;
  const raw: Arc[] = [{ from: 0, to: ring[0]!.pos, node: ring[0]!.node }];
  for (let i = 1; i < ring.length; i++) {
    raw.push({ from: ring[i - 1]!.pos, to: ring[i]!.pos, node: ring[i]!.node });
  }
  raw.push({ from: last.pos, to: 1, node: ring[0]!.node });
  const arcs: Arc[] = [];
  for (const a of raw) {
    const prev = arcs[arcs.length - 1];
    if (prev && prev.node === a.node) prev.to = a.to;
    else if (a.to > a.from) arcs.push({ ...a });
  }
  return arcs;
}
