/**
 * The pieces TraceLog (traceLog.ts) is built from: a block of entries in columns (the open
 * block, and sealed blocks once decoded), the interned strings, the wire format a range
 * travels in, and the microsecond grid times are kept on.
 */
import type { TraceEntry } from '../types';

/** Entries a block holds; a sealed block is packed into bytes (traceCodec.ts). */
export const BLOCK = 512;
export const BLOCK_SHIFT = 9;
/** Column value for an absent name. */
export const NONE = 0;
export const NO_MSG = -1;
export const NO_EXTRA = -1;
/** Distinct sparse records a string table shares at most. */
const RECORDS = 1024;

/** One block of entries in columns: names as string-table ids, times in microseconds. */
export interface Cols {
  id: Float64Array;
  /** Whole microseconds (rounded down when off the grid: the exact time is in the extras). */
  us: Float64Array;
  kind: Uint16Array;
  node: Uint16Array;
  from: Uint16Array;
  to: Uint16Array;
  msgKind: Uint16Array;
  msg: Int32Array;
  /** A send's arrival in whole microseconds; NaN: none, or in the extras. */
  arrive: Float64Array;
  /**
   * The sparse record: in the open block `x[k]`; in a decoded block the offset of its code
   * in `bytes` (traceCodec.ts), or NO_EXTRA.
   */
  extra: Int32Array;
  x: (TraceExtras | null)[];
  bytes: Uint8Array | null;
  /** 1: the time is off the microsecond grid, its exact value is in the sparse record. */
  offGrid: Uint8Array;
}

export function newCols(): Cols {
  return {
    id: new Float64Array(BLOCK),
    us: new Float64Array(BLOCK),
    kind: new Uint16Array(BLOCK),
    node: new Uint16Array(BLOCK),
    from: new Uint16Array(BLOCK),
    to: new Uint16Array(BLOCK),
    msgKind: new Uint16Array(BLOCK),
    msg: new Int32Array(BLOCK),
    arrive: new Float64Array(BLOCK),
    extra: new Int32Array(BLOCK).fill(NO_EXTRA),
    x: new Array<TraceExtras | null>(BLOCK).fill(null),
    bytes: null,
    offGrid: new Uint8Array(BLOCK),
  };
}

/** Copies the first `n` entries of `a` into `b`, all but the sparse records. */
export function copyCols(a: Cols, b: Cols, n: number): void {
  b.id.set(a.id.subarray(0, n));
  b.us.set(a.us.subarray(0, n));
  b.kind.set(a.kind.subarray(0, n));
  b.node.set(a.node.subarray(0, n));
  b.from.set(a.from.subarray(0, n));
  b.to.set(a.to.subarray(0, n));
  b.msgKind.set(a.msgKind.subarray(0, n));
  b.msg.set(a.msg.subarray(0, n));
  b.arrive.set(a.arrive.subarray(0, n));
  b.offGrid.set(a.offGrid.subarray(0, n));
}

/** A piece of a trace in columns, as the worker sends it to the page (names as table ids). */
export interface TraceRange {
  from: number;
  count: number;
  id: Uint32Array;
  time: Float64Array;
  /** Ids in the sender's string table: kind, node, from, to, msgKind (5 per entry). */
  names: Uint16Array;
  msg: Int32Array;
  /** NaN: none. */
  deliverAt: Float64Array;
  /** Strings `stringsFrom …` of the sender's table (the receiver has the ones before). */
  stringsFrom: number;
  strings: string[];
  extras: [number, TraceExtras][];
}

/**
 * What readers of a trace need: a length and entry `i`. Both a plain array (the CLI's, the
 * tests') and a TraceLog are one, so the analyses take either.
 */
export interface TraceRead {
  readonly length: number;
  at(i: number): TraceEntry | undefined;
}

/** Fields the columns hold; every other field of an entry goes to the sparse records. */
export const DENSE = new Set<string>([
  'id',
  'time',
  'kind',
  'node',
  'from',
  'to',
  'msg',
  'msgKind',
  'deliverAt',
]);

/** The fields of an entry outside the columns, or that did not fit them. */
export type TraceExtras = Partial<TraceEntry>;

/**
 * First index in `lo … hi-1` whose key is at least `x` (keys never decrease), or `hi`: the
 * blocks by their first keys (`first`, one a block), then one block's entries by `key`.
 */
export function lowerBound(
  first: readonly number[],
  key: (i: number) => number,
  x: number,
  lo: number,
  hi: number,
): number {
  if (lo >= hi) return lo;
  // Blocks starting inside (lo, hi): the first whose first key is ≥ x bounds the answer.
  let bl = (lo >> BLOCK_SHIFT) + 1;
  let bh = (hi - 1) >> BLOCK_SHIFT;
  while (bl <= bh) {
    const mid = (bl + bh) >>> 1;
    if (first[mid]! < x) bl = mid + 1;
    else bh = mid - 1;
  }
  let a = Math.max(lo, (bl - 1) << BLOCK_SHIFT);
  let b = Math.min(hi, bl << BLOCK_SHIFT);
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (key(mid) < x) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** `t` in whole microseconds, or null when it is not on the microsecond grid. */
export function onGrid(t: number): number | null {
  const us = Math.round(t * 1000);
  return us / 1000 === t ? us : null;
}

/** Interned strings, shared by the branches of one run (append-only, so ids stay valid). */
export class StringTable {
  readonly list: string[] = [''];
  private readonly ids = new Map<string, number>();

  id(s: string | undefined): number {
    if (s === undefined) return NONE;
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.list.length;
      if (id > 0xffff) throw new Error('trace: more than 65535 distinct names');
      this.list.push(s);
      this.ids.set(s, id);
    }
    return id;
  }

  /** The id of `s` if the table has it, else NONE (the table is left as it is). */
  peek(s: string): number {
    return this.ids.get(s) ?? NONE;
  }

  /**
   * Equal small sparse records (a timer's "heartbeat") are one frozen record, by id: a record
   * is shared from its second sighting among the last candidates, RECORDS of them at most, so
   * records that never repeat (a client operation's text) do not pile up here.
   */
  private readonly recordIds = new Map<string, number>();
  private candidates = new Set<string>();
  readonly records: TraceExtras[] = [];

  /** The id of the shared record equal to `x` (JSON `key`), or -1 when it is not shared. */
  sharedId(x: TraceExtras, key: string): number {
    const id = this.recordIds.get(key);
    if (id !== undefined) return id;
    if (key.length > 80 || this.records.length >= RECORDS) return -1;
    if (!this.candidates.has(key)) {
      if (this.candidates.size >= RECORDS) this.candidates = new Set();
      this.candidates.add(key);
      return -1;
    }
    this.candidates.delete(key);
    this.recordIds.set(key, this.records.length);
    this.records.push(Object.freeze({ ...x }));
    return this.records.length - 1;
  }

  /** Records JSON would not give back exactly, kept as objects (rare). */
  readonly kept: TraceExtras[] = [];

  keep(x: TraceExtras): number {
    this.kept.push(Object.freeze({ ...x }));
    return this.kept.length - 1;
  }

  add(s: string): void {
    this.ids.set(s, this.list.length);
    this.list.push(s);
  }
}
