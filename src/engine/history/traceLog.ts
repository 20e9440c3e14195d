/**
 * A run's trace, compact (issue 15: history memory). An entry as an object costs about 145
 * bytes of heap; here entries are appended to an open block of BLOCK entries in typed-array
 * columns (strings interned to table ids, times in whole microseconds), and a full block is
 * sealed: packed into bytes (traceCodec.ts, about 4 bytes an entry) in append-only segments.
 * Rare fields (role, epoch, detail …), a time off the microsecond grid (a user action at a
 * scrubbed moment), go in a sparse record packed with the entry. Entries are materialized
 * as objects only when a view reads them (`at`, `slice`); reading decodes the entry's block
 * once into a small cache of decoded blocks, and searches by id or time look at a per-block
 * index first, so they decode one block.
 *
 * Sealed blocks never change, so a branch made from a prefix (`prefix`, a fork) shares every
 * sealed block before the cut and writes its own blocks into segments of its own.
 *
 * The same class holds the page's copy: `exportRange` makes a transferable piece of the
 * columns (plus the strings the receiver has not seen) and `importRange` appends one.
 */
import type { TraceEntry, TraceKind } from '../types';
import { decodeBlock, decodeExtra, encodeBlock } from './traceCodec';
import {
  BLOCK,
  BLOCK_SHIFT,
  copyCols,
  DENSE,
  lowerBound,
  newCols,
  NO_EXTRA,
  NO_MSG,
  NONE,
  onGrid,
  StringTable,
} from './traceColumns';
import type { Cols, TraceExtras, TraceRange, TraceRead } from './traceColumns';

export type { TraceExtras, TraceRange, TraceRead };

/** Bytes of a segment sealed blocks are written to (a block takes about 2 kB). */
const SEGMENT = 1 << 16;
/** Decoded blocks a log keeps. */
const CACHED = 8;

export class TraceLog implements TraceRead {
  private n = 0;
  /** Segments holding sealed blocks' bytes; the last is written only by `seg`'s owner. */
  private segs: Uint8Array[] = [];
  /** The segment this log writes sealed blocks to (never one a prefix shares), and where. */
  private seg: Uint8Array | null = null;
  private segPos = 0;
  /** A prefix shares this log's segments: bytes once written stay as they are. */
  private shared = false;
  /** Per sealed block: its segment, offset, and the largest message id before it. */
  private bSeg: number[] = [];
  private bOff: number[] = [];
  private bMsg: number[] = [];
  /** Per block with entries (the open one too): its first entry's id, exact time, µs. */
  private bId: number[] = [];
  private bTime: number[] = [];
  private bUs: number[] = [];
  private open: Cols = newCols();
  private openMsgMax = NO_MSG;
  private msgMax = NO_MSG;
  private cacheKeys: number[] = [];
  private cacheCols: Cols[] = [];

  constructor(private readonly strings: StringTable = new StringTable()) {}

  static from(entries: readonly TraceEntry[]): TraceLog {
    const log = new TraceLog();
    for (const e of entries) log.push(e);
    return log;
  }

  get length(): number {
    return this.n;
  }

  push(e: TraceEntry): void {
    const s = this.strings;
    let extra: Record<string, unknown> | null = null;
    for (const key in e) {
      if (DENSE.has(key)) continue;
      extra ??= {};
      extra[key] = (e as unknown as Record<string, unknown>)[key];
    }
    this.append(
      e.id,
      e.time,
      s.id(e.kind),
      s.id(e.node),
      s.id(e.from),
      s.id(e.to),
      s.id(e.msgKind),
      e.msg ?? NO_MSG,
      e.deliverAt ?? Number.NaN,
      extra as TraceExtras | null,
    );
  }

  /** One entry, names as table ids; what does not fit the columns goes to its record. */
  private append(
    id: number,
    time: number,
    kind: number,
    node: number,
    from: number,
    to: number,
    msgKind: number,
    msg: number,
    deliverAt: number,
    extra: TraceExtras | null,
  ): void {
    let k = this.n - (this.bSeg.length << BLOCK_SHIFT);
    if (k === BLOCK) {
      this.seal();
      k = 0;
    }
    const c = this.open;
    let x = extra;
    const grid = onGrid(time);
    const us = grid ?? Math.floor(time * 1000);
    c.offGrid[k] = grid === null ? 1 : 0;
    if (grid === null) (x ??= {}).time = time;
    if (k === 0) {
      this.bId.push(id);
      this.bTime.push(time);
      this.bUs.push(us);
    }
    c.id[k] = id;
    c.us[k] = us;
    c.kind[k] = kind;
    c.node[k] = node;
    c.from[k] = from;
    c.to[k] = to;
    c.msgKind[k] = msgKind;
    c.msg[k] = msg;
    c.arrive[k] = Number.NaN;
    if (!Number.isNaN(deliverAt)) {
      const d = onGrid(deliverAt);
      if (d !== null && d >= us) c.arrive[k] = d;
      else (x ??= {}).deliverAt = deliverAt;
    }
    c.x[k] = x;
    if (msg > this.msgMax) this.msgMax = msg;
    this.n++;
  }

  /** Packs the full open block into this log's own segment and starts a new open block. */
  private seal(): void {
    const bytes = encodeBlock(this.open, BLOCK, this.openMsgMax, this.strings);
    if (this.seg === null || this.segPos + bytes.length > this.seg.length) {
      this.seg = new Uint8Array(Math.max(SEGMENT, bytes.length));
      this.segs.push(this.seg);
      this.segPos = 0;
    }
    this.seg.set(bytes, this.segPos);
    this.bSeg.push(this.segs.length - 1);
    this.bOff.push(this.segPos);
    this.bMsg.push(this.openMsgMax);
    this.segPos += bytes.length;
    this.open.x.fill(null);
    this.openMsgMax = this.msgMax;
  }

  /** Block `b` in columns: the open block, or a sealed one decoded (cached). */
  private cols(b: number): Cols {
    if (b === this.bSeg.length) return this.open;
    const hit = this.cacheKeys.indexOf(b);
    if (hit >= 0) return this.cacheCols[hit]!;
    let c: Cols;
    if (this.cacheCols.length < CACHED) c = newCols();
    else {
      c = this.cacheCols.pop()!;
      this.cacheKeys.pop();
    }
    const first = { id: this.bId[b]!, us: this.bUs[b]!, msgMax: this.bMsg[b]! };
    decodeBlock(this.segs[this.bSeg[b]!]!, this.bOff[b]!, BLOCK, first, c);
    this.cacheKeys.unshift(b);
    this.cacheCols.unshift(c);
    return c;
  }

  /** Entry `k` of decoded block `c`'s sparse record, or null. */
  private extraOf(c: Cols, k: number): TraceExtras | null {
    const x = c.x[k];
    if (x !== null && x !== undefined) return x;
    const at = c.extra[k]!;
    return at === NO_EXTRA ? null : decodeExtra(c.bytes!, at, this.strings);
  }

  idAt(i: number): number {
    return this.cols(i >> BLOCK_SHIFT).id[i & (BLOCK - 1)]!;
  }

  timeAt(i: number): number {
    const c = this.cols(i >> BLOCK_SHIFT);
    const k = i & (BLOCK - 1);
    return c.offGrid[k] ? this.extraOf(c, k)!.time! : c.us[k]! / 1000;
  }

  kindAt(i: number): TraceKind {
    const c = this.cols(i >> BLOCK_SHIFT);
    return this.strings.list[c.kind[i & (BLOCK - 1)]!] as TraceKind;
  }

  /** First index in `from … to-1` whose event id is at least `id` (ids never decrease). */
  firstWithId(id: number, from = 0, to = this.n): number {
    return lowerBound(this.bId, (i) => this.idAt(i), id, Math.max(0, from), Math.min(to, this.n));
  }

  /** First index in `from … to-1` whose time is at least `time` (times never decrease). */
  firstAtTime(time: number, from = 0, to = this.n): number {
    return lowerBound(
      this.bTime,
      (i) => this.timeAt(i),
      time,
      Math.max(0, from),
      Math.min(to, this.n),
    );
  }

  /** Entry `i` as an object (fields absent in the original are absent here too). */
  at(i: number): TraceEntry {
    if (!(i >= 0 && i < this.n)) throw new RangeError(`trace entry ${i} of ${this.n}`);
    const c = this.cols(i >> BLOCK_SHIFT);
    const k = i & (BLOCK - 1);
    const names = this.strings.list;
    const e = { id: c.id[k]!, time: c.us[k]! / 1000 } as TraceEntry;
    if (c.kind[k] !== NONE) e.kind = names[c.kind[k]!] as TraceKind;
    if (c.node[k] !== NONE) e.node = names[c.node[k]!];
    if (c.from[k] !== NONE) e.from = names[c.from[k]!];
    if (c.to[k] !== NONE) e.to = names[c.to[k]!];
    if (c.msg[k] !== NO_MSG) e.msg = c.msg[k];
    if (c.msgKind[k] !== NONE) e.msgKind = names[c.msgKind[k]!];
    if (!Number.isNaN(c.arrive[k])) e.deliverAt = c.arrive[k]! / 1000;
    const x = this.extraOf(c, k);
    if (x !== null) Object.assign(e, x);
    return e;
  }

  /** Entries `from … to-1` as objects. */
  slice(from = 0, to = this.n): TraceEntry[] {
    const a = Math.max(0, from);
    const b = Math.min(this.n, to);
    const out: TraceEntry[] = [];
    for (let i = a; i < b; i++) out.push(this.at(i));
    return out;
  }

  *[Symbol.iterator](): IterableIterator<TraceEntry> {
    for (let i = 0; i < this.n; i++) yield this.at(i);
  }

  /** A new log with the first `n` entries, sharing the sealed blocks before the cut. */
  prefix(n: number): TraceLog {
    const out = new TraceLog(this.strings);
    this.shared = true;
    out.segs = this.segs.slice();
    out.cutFrom(this, Math.max(0, Math.min(n, this.n)));
    return out;
  }

  /** Drops the entries from `n` on. */
  truncate(n: number): void {
    if (n >= this.n) return;
    const len = Math.max(0, n);
    // Bytes past the cut in this log's own segment are free again, unless a prefix has them.
    const full = len >> BLOCK_SHIFT;
    const own = full < this.bSeg.length && this.segs[this.bSeg[full]!] === this.seg;
    if (own && !this.shared) {
      this.segPos = this.bOff[full]!;
    }
    this.cutFrom(this, len);
  }

  /** Makes this log the first `len` entries of `src` (this log itself, or its parent). */
  private cutFrom(src: TraceLog, len: number): void {
    const full = len >> BLOCK_SHIFT;
    const rem = len & (BLOCK - 1);
    const open = newCols();
    if (rem > 0) {
      const c = src.cols(full);
      copyCols(c, open, rem);
      for (let k = 0; k < rem; k++) open.x[k] = src.extraOf(c, k);
    }
    const msgBefore = full < src.bSeg.length ? src.bMsg[full]! : src.openMsgMax;
    this.bSeg = src.bSeg.slice(0, full);
    this.bOff = src.bOff.slice(0, full);
    this.bMsg = src.bMsg.slice(0, full);
    const blocks = full + (rem > 0 ? 1 : 0);
    this.bId = src.bId.slice(0, blocks);
    this.bTime = src.bTime.slice(0, blocks);
    this.bUs = src.bUs.slice(0, blocks);
    this.open = open;
    this.openMsgMax = msgBefore;
    this.msgMax = msgBefore;
    for (let k = 0; k < rem; k++) this.msgMax = Math.max(this.msgMax, open.msg[k]!);
    this.cacheKeys = [];
    this.cacheCols = [];
    this.n = len;
  }

  /** How many strings this log's table has (what a receiver of `exportRange` has seen). */
  get stringCount(): number {
    return this.strings.list.length;
  }

  /** Entries `from … to-1` in columns, with the table's strings from `stringsFrom` on. */
  exportRange(from: number, to: number, stringsFrom: number): TraceRange {
    const a = Math.max(0, Math.min(from, this.n));
    const count = Math.max(0, Math.min(to, this.n) - a);
    const r: TraceRange = {
      from: a,
      count,
      id: new Uint32Array(count),
      time: new Float64Array(count),
      names: new Uint16Array(5 * count),
      msg: new Int32Array(count),
      deliverAt: new Float64Array(count),
      stringsFrom,
      strings: this.strings.list.slice(stringsFrom),
      extras: [],
    };
    for (let i = 0; i < count; i++) {
      const c = this.cols((a + i) >> BLOCK_SHIFT);
      const k = (a + i) & (BLOCK - 1);
      r.id[i] = c.id[k]!;
      r.names[5 * i] = c.kind[k]!;
      r.names[5 * i + 1] = c.node[k]!;
      r.names[5 * i + 2] = c.from[k]!;
      r.names[5 * i + 3] = c.to[k]!;
      r.names[5 * i + 4] = c.msgKind[k]!;
      r.msg[i] = c.msg[k]!;
      r.time[i] = c.us[k]! / 1000;
      r.deliverAt[i] = c.arrive[k]! / 1000;
      const x = this.extraOf(c, k);
      if (x === null) continue;
      if (x.time !== undefined) r.time[i] = x.time;
      if (x.deliverAt !== undefined) r.deliverAt[i] = x.deliverAt;
      // Only the fields outside the columns travel here; the rest went in the columns.
      const rare: Record<string, unknown> = {};
      let any = false;
      for (const key in x) {
        if (DENSE.has(key)) continue;
        rare[key] = (x as Record<string, unknown>)[key];
        any = true;
      }
      if (any) r.extras.push([a + i, rare as TraceExtras]);
    }
    return r;
  }

  /** Appends a range exported by another log (its `from` must be this log's length). */
  importRange(r: TraceRange): void {
    if (r.count === 0 && r.strings.length === 0) return;
    if (r.from !== this.n)
      throw new Error(`trace range starts at ${r.from}, the log has ${this.n}`);
    const table = this.strings.list;
    if (r.stringsFrom !== table.length) {
      throw new Error(`trace strings start at ${r.stringsFrom}, the table has ${table.length}`);
    }
    for (const s of r.strings) this.strings.add(s);
    const rare = new Map(r.extras);
    for (let i = 0; i < r.count; i++) {
      const x = rare.get(r.from + i);
      const nm = r.names;
      this.append(
        r.id[i]!,
        r.time[i]!,
        nm[5 * i]!,
        nm[5 * i + 1]!,
        nm[5 * i + 2]!,
        nm[5 * i + 3]!,
        nm[5 * i + 4]!,
        r.msg[i]!,
        r.deliverAt[i]!,
        x === undefined ? null : { ...x },
      );
    }
  }

  /** The typed arrays of a range, for postMessage's transfer list (no copy on the way). */
  static transferables(r: TraceRange): ArrayBuffer[] {
    return [r.id, r.time, r.names, r.msg, r.deliverAt].map((a) => a.buffer as ArrayBuffer);
  }

  /** Estimated bytes held: segments, the block index, the open and cached blocks. */
  bytes(): number {
    const perCols = BLOCK * (8 + 8 + 5 * 2 + 4 + 8 + 4 + 1 + 8);
    let segs = 0;
    for (const s of this.segs) segs += s.byteLength;
    return segs + 6 * 8 * this.bId.length + perCols * (1 + this.cacheCols.length);
  }
}
