/**
 * The slot grid's cells, as pure data: which slots a window shows, and per node and slot
 * whether the node learned it chosen, accepted a value there (with the ballot), or has nothing.
 */
import type { MultiPaxosView, SlotCell } from '../../../../engine/protocols/paxos/multi/view';
import { ballotText } from '../shared/ballot';

/**
 * Slots per window: the engine's SLOT_WINDOW (multi/view.ts), which sizes the view's cells.
 * A unit test keeps the two equal.
 */
export const SLOT_COLUMNS = 40;
/** At least this many columns, so a short log does not draw a few huge cells. */
const MIN_COLUMNS = 12;

export interface SlotWindow {
  /** First and last slot shown (slots are numbered from 0). */
  start: number;
  end: number;
  /** Columns drawn: start … at least MIN_COLUMNS of them. */
  cols: number[];
}

/** The window ending at the store's `windowEnd` (null: follow the newest slot). */
export function slotWindow(slots: number, windowEnd: number | null): SlotWindow {
  const newest = Math.max(slots - 1, 0);
  const end = Math.min(windowEnd ?? newest, newest);
  const start = Math.max(0, end - SLOT_COLUMNS + 1);
  const cols: number[] = [];
  for (let s = start; s <= Math.max(end, start + MIN_COLUMNS - 1); s++) cols.push(s);
  return { start, end, cols };
}

/** The window end "◀ Older" moves to, and "Newer ▶" (null: back to following the newest). */
export function olderEnd(slots: number, end: number): number {
  return Math.max(Math.min(SLOT_COLUMNS, slots) - 1, end - SLOT_COLUMNS);
}
export function newerEnd(slots: number, end: number): number | null {
  return end + SLOT_COLUMNS >= slots - 1 ? null : end + SLOT_COLUMNS;
}

export type CellKind = SlotCell['kind'];

export interface CellMark {
  kind: CellKind;
  /** The round of the ballot the node accepted the slot's value in, or null. */
  round: number | null;
  /** Words for people and for the accessible name ("S2 slot 7: chosen put x=1 (c1#3), …"). */
  label: string;
  /** The node's last slot known chosen here (its commit point minus one), while up. */
  edge: boolean;
}

const EMPTY: SlotCell = { kind: 'empty', ballot: null, command: null };

/** The view's cell of node `i` at `slot` (empty outside the view's window). */
export function cellAt(view: MultiPaxosView, i: number, slot: number): SlotCell {
  const cells = view.nodes[i]?.cells ?? [];
  return cells[slot - view.slotStart] ?? EMPTY;
}

export function cellLabel(id: string, slot: number, c: SlotCell): string {
  const where = `${id} slot ${slot}`;
  if (c.kind === 'empty') return `${where}: empty`;
  const ballot = c.ballot ? `, accepted in ${ballotText(c.ballot)}` : '';
  return c.kind === 'chosen'
    ? `${where}: chosen ${c.command ?? ''}${ballot}`
    : `${where}: accepted ${c.command ?? ''} in ${ballotText(c.ballot)}, not known chosen`;
}

export function cellMark(
  view: MultiPaxosView,
  i: number,
  id: string,
  up: boolean,
  slot: number,
): CellMark {
  const c = cellAt(view, i, slot);
  const commit = view.nodes[i]?.commit ?? 0;
  return {
    kind: c.kind,
    round: c.ballot?.round ?? null,
    label: cellLabel(id, slot, c),
    edge: up && commit > 0 && slot === commit - 1,
  };
}

/** The row's accessible name: "S1 slots: 12 chosen, 1 accepted not known chosen". */
export function rowLabel(view: MultiPaxosView, i: number, id: string, up: boolean): string {
  const n = view.nodes[i];
  if (!n) return `${id} slots: none`;
  const open = n.cells.filter((c) => c.kind === 'accepted').length;
  const chosen = up
    ? `${n.commit} chosen`
    : `${n.cells.filter((c) => c.kind === 'chosen').length} chosen in view (persisted)`;
  return `${id} slots: ${chosen}, ${open} accepted not known chosen`;
}

/** The slots below a commit (or apply) point in words: "slots 0–16", "slot 0", "none". */
export function prefixText(below: number): string {
  if (below <= 0) return 'none';
  return below === 1 ? 'slot 0' : `slots 0–${below - 1}`;
}
