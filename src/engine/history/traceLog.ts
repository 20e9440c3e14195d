/**
 * A run's trace kept in columns (issue 15: history memory). An entry as an object costs about
 * 145 bytes of heap; here the fields every send and deliver have sit in typed-array columns,
 * 20 bytes an entry: strings (kinds, node and message names) interned to a byte, times in
 * whole microseconds from the chunk's first (the simulator schedules every event on a
 * microsecond, state.ts `at`), a send's arrival as microseconds after it. What does not fit —
 * the rare fields (role, epoch, detail …), a time off the microsecond grid (a user action at a
 * scrubbed moment), a 256th name — sits in a sparse map beside the columns. Entries are
 * materialized as objects only when a view reads them (`at`, `slice`).
 *
 * Columns grow in fixed chunks, so appending never copies, and a branch made from a prefix
 * (`prefix`, a fork) shares every full chunk before the cut: only appends past the end of a
 * log write to it, and the chunks a prefix shares all lie before its own end.
 *
 * The same class holds the page's copy: `exportRange` makes a transferable piece of the
 * columns (plus the strings the receiver has not seen) and `importRange` appends one.
 */
import type { TraceEntry, TraceKind } from '../types';
import {
  BYTE,
  CHUNK,
  copyChunk,
  DENSE,
  newChunk,
  NO_MSG,
  NONE,
  OFF_GRID,
  onGrid,
  StringTable,
} from './traceColumns';
import type { Chunk, TraceExtras, TraceRange, TraceRead } from './traceColumns';

export type { TraceExtras, TraceRange, TraceRead };

export class TraceLog implements TraceRead {
  private chunks: Chunk[] = [];
  private n = 0;
  private extras = new Map<number, TraceExtras>();

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

  /** One entry, names as table ids; what does not fit the columns goes to the sparse map. */
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
    const i = this.n;
    const k = i % CHUNK;
    const us = onGrid(time);
    if (k === 0) this.chunks.push(newChunk(us ?? Math.floor(time * 1000)));
    const c = this.chunks[this.chunks.length - 1]!;
    const list = this.strings.list;
    let x = extra;
    c.id[k] = id;
    const off = us === null ? -1 : us - c.baseUs;
    if (off >= 0 && off < OFF_GRID) c.timeUs[k] = off;
    else {
      c.timeUs[k] = OFF_GRID;
      (x ??= {}).time = time;
    }
    // A name past the first 255 of the run keeps its column empty and sits in the map.
    if (kind <= BYTE) c.kind[k] = kind;
    else (x ??= {}).kind = list[kind] as TraceKind;
    if (node <= BYTE) c.node[k] = node;
    else (x ??= {}).node = list[node];
    if (from <= BYTE) c.from[k] = from;
    else (x ??= {}).from = list[from];
    if (to <= BYTE) c.to[k] = to;
    else (x ??= {}).to = list[to];
    if (msgKind <= BYTE) c.msgKind[k] = msgKind;
    else (x ??= {}).msgKind = list[msgKind];
    c.msg[k] = msg;
    c.arriveUs[k] = OFF_GRID;
    if (!Number.isNaN(deliverAt)) {
      const d = onGrid(deliverAt);
      const after = d === null || us === null ? -1 : d - us;
      if (after >= 0 && after < OFF_GRID) c.arriveUs[k] = after;
      else (x ??= {}).deliverAt = deliverAt;
    }
    if (x !== null) this.extras.set(i, this.strings.shared(x));
    this.n = i + 1;
  }

  idAt(i: number): number {
    return this.chunks[(i / CHUNK) | 0]!.id[i % CHUNK]!;
  }

  timeAt(i: number): number {
    const c = this.chunks[(i / CHUNK) | 0]!;
    const off = c.timeUs[i % CHUNK]!;
    return off === OFF_GRID ? this.extras.get(i)!.time! : (c.baseUs + off) / 1000;
  }

  kindAt(i: number): TraceKind {
    return this.at(i).kind;
  }

  /** First index in `from … to-1` whose event id is at least `id` (ids never decrease). */
  firstWithId(id: number, from = 0, to = this.n): number {
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.idAt(mid) < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index in `from … to-1` whose time is at least `time` (times never decrease). */
  firstAtTime(time: number, from = 0, to = this.n): number {
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeAt(mid) < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Entry `i` as an object (fields absent in the original are absent here too). */
  at(i: number): TraceEntry {
    if (i < 0 || i >= this.n) throw new RangeError(`trace entry ${i} of ${this.n}`);
    const c = this.chunks[(i / CHUNK) | 0]!;
    const k = i % CHUNK;
    const names = this.strings.list;
    const t = c.timeUs[k]!;
    const us = c.baseUs + t;
    const e = { id: c.id[k]!, time: us / 1000 } as TraceEntry;
    if (c.kind[k] !== NONE) e.kind = names[c.kind[k]!] as TraceKind;
    if (c.node[k] !== NONE) e.node = names[c.node[k]!];
    if (c.from[k] !== NONE) e.from = names[c.from[k]!];
    if (c.to[k] !== NONE) e.to = names[c.to[k]!];
    if (c.msg[k] !== NO_MSG) e.msg = c.msg[k];
    if (c.msgKind[k] !== NONE) e.msgKind = names[c.msgKind[k]!];
    if (c.arriveUs[k] !== OFF_GRID && t !== OFF_GRID) e.deliverAt = (us + c.arriveUs[k]!) / 1000;
    const x = this.extras.get(i);
    if (x !== undefined) Object.assign(e, x);
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

  /** A new log with the first `n` entries, sharing the full chunks before the cut. */
  prefix(n: number): TraceLog {
    const out = new TraceLog(this.strings);
    const len = Math.max(0, Math.min(n, this.n));
    const full = Math.floor(len / CHUNK);
    out.chunks = this.chunks.slice(0, full);
    if (len % CHUNK !== 0) out.chunks.push(copyChunk(this.chunks[full]!));
    out.n = len;
    for (const [i, x] of this.extras) if (i < len) out.extras.set(i, x);
    return out;
  }

  /** Drops the entries from `n` on (for a log nobody shares chunks with: the page's copy). */
  truncate(n: number): void {
    if (n >= this.n) return;
    const len = Math.max(0, n);
    this.chunks.length = Math.ceil(len / CHUNK);
    for (const i of this.extras.keys()) if (i >= len) this.extras.delete(i);
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
    const s = this.strings;
    for (let i = 0; i < count; i++) {
      const e = this.at(a + i);
      r.id[i] = e.id;
      r.time[i] = e.time;
      r.names[5 * i] = s.id(e.kind);
      r.names[5 * i + 1] = s.id(e.node);
      r.names[5 * i + 2] = s.id(e.from);
      r.names[5 * i + 3] = s.id(e.to);
      r.names[5 * i + 4] = s.id(e.msgKind);
      r.msg[i] = e.msg ?? NO_MSG;
      r.deliverAt[i] = e.deliverAt ?? Number.NaN;
    }
    for (const [i, x] of this.extras) {
      if (i < a || i >= a + count) continue;
      // Only the fields outside the columns travel here; the rest went in the columns.
      const rare: Record<string, unknown> = {};
      let any = false;
      for (const key in x) {
        if (DENSE.has(key)) continue;
        rare[key] = (x as Record<string, unknown>)[key];
        any = true;
      }
      if (any) r.extras.push([i, rare as TraceExtras]);
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

  /** Estimated bytes held: the chunks, the sparse fields, the string table. */
  bytes(): number {
    const perEntry = 4 + 4 + 5 + 4 + 4;
    // A map entry about 24 bytes; each distinct record once (shared ones are counted once).
    let extras = 24 * this.extras.size;
    const seen = new Set<TraceExtras>();
    for (const x of this.extras.values()) {
      if (seen.has(x)) continue;
      seen.add(x);
      extras += 48 + JSON.stringify(x).length * 2;
    }
    return this.chunks.length * CHUNK * perEntry + extras;
  }
}
