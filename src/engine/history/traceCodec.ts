/**
 * A sealed block of trace entries packed into bytes (issue 15: history memory): about 4 bytes
 * an entry instead of the columns' 38, so a long run's trace costs little to keep.
 *
 * Each entry is a header byte and varints. The header says how the event id and the time
 * follow from the entry before (same, +1, a delta, in full) and which form the rest takes:
 * - SEND: a send of the next message id (ids grow by one a send): from, to, kind, the arrival
 *   as microseconds after the send; SEND_SAME: the same from and message kind as the entry
 *   before (a leader's burst of sends), so only to and the arrival; SEND_REPLY: from and to
 *   the entry before's the other way round (an answer to the delivery just made);
 * - DELIVER: the delivery of a message sent earlier in the block: how many entries back its
 *   send is; its names and, usually, its time (the send's arrival) are the send's;
 * - GENERIC: a mask of the fields present, then each one.
 * A sparse record (detail, role …) follows the entry as a tag: a record the string table
 * shares, JSON text, a detail's text alone, or an object the table keeps (what JSON would not
 * give back exactly); the tag also says whether the entry's time is off the microsecond grid
 * (then the record holds it).
 * A block decodes on its own: it starts from its first entry's id and time and the largest
 * message id before it, which the log's block index holds.
 */
import { BLOCK, NO_EXTRA, NO_MSG, NONE } from './traceColumns';
import type { Cols, StringTable, TraceExtras } from './traceColumns';

const ID_SAME = 0;
const ID_NEXT = 1;
const ID_DELTA = 2;
const ID_FULL = 3;
const T_SAME = 0 << 2;
const T_LATER = 1 << 2;
const T_EARLIER = 2 << 2;
const T_ARRIVAL = 3 << 2;
const GENERIC = 0 << 4;
const SEND = 1 << 4;
const DELIVER = 2 << 4;
const SEND_SAME = 3 << 4;
const SEND_REPLY = 4 << 4;
const FORM = 7 << 4;
const HAS_EXTRA = 1 << 7;

/** A record's tag: what follows (low 2 bits), then off the grid or not, then a number. */
const X_SHARED = 0;
const X_JSON = 1;
const X_KEPT = 2;
const X_DETAIL = 3;
const tag = (kind: number, offGrid: number, n: number): number => n * 8 + offGrid * 4 + kind;

const M_KIND = 1;
const M_NODE = 2;
const M_FROM = 4;
const M_TO = 8;
const M_MSGKIND = 16;
const M_MSG = 32;
const M_ARRIVE = 64;

// ------------------------------------------------------------------ writing

let wb = new Uint8Array(1 << 16);
let wp = 0;

function room(n: number): void {
  if (wp + n <= wb.length) return;
  const bigger = new Uint8Array(Math.max(2 * wb.length, wp + n));
  bigger.set(wb.subarray(0, wp));
  wb = bigger;
}

/** A non-negative integer (up to 2^53) in 7-bit groups, low first. */
function put(v: number): void {
  while (v >= 128) {
    wb[wp++] = (v & 127) | 128;
    v = (v - (v & 127)) / 128;
  }
  wb[wp++] = v;
}

const zigzag = (v: number): number => (v >= 0 ? 2 * v : -2 * v - 1);
const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

const utf8 = new TextEncoder();
/** Scratch for a record's JSON text in UTF-8. */
let jb = new Uint8Array(256);
const fromUtf8 = new TextDecoder();

/** Whether JSON gives `x` back exactly (no undefined, -0, NaN or nested values). */
function jsonExact(x: TraceExtras): boolean {
  for (const v of Object.values(x)) {
    if (typeof v === 'string' || typeof v === 'boolean' || v === null) continue;
    if (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0)) continue;
    return false;
  }
  return true;
}

function putExtra(x: TraceExtras, offGrid: number, strings: StringTable): void {
  const json = JSON.stringify(x);
  room(10);
  if (!jsonExact(x)) return put(tag(X_KEPT, offGrid, strings.keep(x)));
  const shared = strings.sharedId(x, json);
  if (shared >= 0) return put(tag(X_SHARED, offGrid, shared));
  // A detail alone (a client operation's text) goes without its JSON wrapping.
  let kind = X_JSON;
  let text = json;
  if (
    typeof x.detail === 'string' &&
    json.length === x.detail.length + 13 &&
    json.startsWith('{"d')
  ) {
    kind = X_DETAIL;
    text = x.detail;
  }
  if (jb.length < 3 * text.length) jb = new Uint8Array(3 * text.length);
  const n = utf8.encodeInto(text, jb).written;
  room(n + 10);
  put(tag(kind, offGrid, n));
  wb.set(jb.subarray(0, n), wp);
  wp += n;
}

/**
 * The first `n` entries of `c` (sparse records in `c.x`) as bytes: a view of a scratch
 * buffer, valid until the next call. `msgMax` is the largest message id before the block.
 */
export function encodeBlock(c: Cols, n: number, msgMax: number, strings: StringTable): Uint8Array {
  wp = 0;
  const sendKind = strings.peek('send');
  const deliverKind = strings.peek('deliver');
  room(16);
  put(sendKind);
  put(deliverKind);
  const sendAt = new Map<number, number>();
  let prevId = c.id[0]!;
  let prevUs = c.us[0]!;
  let max = msgMax;
  for (let k = 0; k < n; k++) {
    room(64);
    const id = c.id[k]!;
    const us = c.us[k]!;
    const kind = c.kind[k]!;
    const msg = c.msg[k]!;
    const arrive = c.arrive[k]!;
    let h = 0;
    const dId = id - prevId;
    if (dId === 0) h |= ID_SAME;
    else if (dId === 1) h |= ID_NEXT;
    else if (dId > 0) h |= ID_DELTA;
    else h |= ID_FULL;
    let form = GENERIC;
    let ref = -1;
    if (kind === sendKind && kind !== NONE && c.node[k] === NONE && msg === max + 1) {
      if (!Number.isNaN(arrive)) {
        const same = k > 0 && c.from[k] === c.from[k - 1] && c.msgKind[k] === c.msgKind[k - 1];
        const reply = k > 0 && c.from[k] === c.to[k - 1] && c.to[k] === c.from[k - 1];
        form = same ? SEND_SAME : reply ? SEND_REPLY : SEND;
      }
    } else if (kind === deliverKind && kind !== NONE && msg !== NO_MSG) {
      ref = sendAt.get(msg) ?? -1;
      const ok =
        ref >= 0 &&
        c.node[k] === NONE &&
        Number.isNaN(arrive) &&
        c.from[k] === c.from[ref] &&
        c.to[k] === c.to[ref] &&
        c.msgKind[k] === c.msgKind[ref];
      if (ok) form = DELIVER;
    }
    const dUs = us - prevUs;
    let timeMode = dUs === 0 ? T_SAME : dUs > 0 ? T_LATER : T_EARLIER;
    if (form === DELIVER && us === c.arrive[ref]) timeMode = T_ARRIVAL;
    const x = c.x[k];
    wb[wp++] = h | timeMode | form | (x ? HAS_EXTRA : 0);
    if (dId > 1) put(dId);
    else if (dId < 0) put(id);
    if (timeMode === T_LATER) put(dUs);
    else if (timeMode === T_EARLIER) put(-dUs);
    if (form === SEND || form === SEND_SAME || form === SEND_REPLY) {
      if (form === SEND) put(c.from[k]!);
      if (form !== SEND_SAME) put(c.msgKind[k]!);
      if (form !== SEND_REPLY) put(c.to[k]!);
      put(arrive - us);
    } else if (form === DELIVER) {
      put(k - ref);
    } else {
      let mask = 0;
      if (kind !== NONE) mask |= M_KIND;
      if (c.node[k] !== NONE) mask |= M_NODE;
      if (c.from[k] !== NONE) mask |= M_FROM;
      if (c.to[k] !== NONE) mask |= M_TO;
      if (c.msgKind[k] !== NONE) mask |= M_MSGKIND;
      if (msg !== NO_MSG) mask |= M_MSG;
      if (!Number.isNaN(arrive)) mask |= M_ARRIVE;
      wb[wp++] = mask;
      if (mask & M_KIND) put(kind);
      if (mask & M_NODE) put(c.node[k]!);
      if (mask & M_FROM) put(c.from[k]!);
      if (mask & M_TO) put(c.to[k]!);
      if (mask & M_MSGKIND) put(c.msgKind[k]!);
      if (mask & M_MSG) put(zigzag(msg - (max + 1)));
      if (mask & M_ARRIVE) put(arrive - us);
    }
    if (x) putExtra(x, c.offGrid[k]!, strings);
    if (kind === sendKind && kind !== NONE && msg !== NO_MSG && !Number.isNaN(arrive)) {
      sendAt.set(msg, k);
    }
    if (msg > max) max = msg;
    prevId = id;
    prevUs = us;
  }
  return wb.subarray(0, wp);
}

// ------------------------------------------------------------------ reading

let rb: Uint8Array = wb;
let rp = 0;

function get(): number {
  let b = rb[rp++]!;
  if (b < 128) return b;
  let v = b & 127;
  let m = 128;
  do {
    b = rb[rp++]!;
    v += (b & 127) * m;
    m *= 128;
  } while (b >= 128);
  return v;
}

/**
 * Decodes a block of `n` entries from `bytes` at `pos` into `out`; sparse records stay in
 * the bytes (`out.extra` holds their offsets, read them with decodeExtra).
 */
export function decodeBlock(
  bytes: Uint8Array,
  pos: number,
  n: number,
  first: { id: number; us: number; msgMax: number },
  out: Cols,
): void {
  rb = bytes;
  rp = pos;
  const sendKind = get();
  const deliverKind = get();
  let prevId = first.id;
  let prevUs = first.us;
  let max = first.msgMax;
  out.bytes = bytes;
  for (let k = 0; k < n && k < BLOCK; k++) {
    const h = rb[rp++]!;
    const idMode = h & 3;
    const id =
      idMode === ID_SAME
        ? prevId
        : idMode === ID_NEXT
          ? prevId + 1
          : idMode === ID_DELTA
            ? prevId + get()
            : get();
    const timeMode = h & (3 << 2);
    let us = prevUs;
    if (timeMode === T_LATER) us += get();
    else if (timeMode === T_EARLIER) us -= get();
    const form = h & FORM;
    out.id[k] = id;
    out.node[k] = NONE;
    out.arrive[k] = Number.NaN;
    if (form === SEND || form === SEND_SAME || form === SEND_REPLY) {
      out.kind[k] = sendKind;
      if (form === SEND) out.from[k] = get();
      else if (form === SEND_SAME) out.from[k] = out.from[k - 1]!;
      else out.from[k] = out.to[k - 1]!;
      out.msgKind[k] = form === SEND_SAME ? out.msgKind[k - 1]! : get();
      if (form === SEND_REPLY) out.to[k] = out.from[k - 1]!;
      else out.to[k] = get();
      out.arrive[k] = us + get();
      out.msg[k] = max + 1;
    } else if (form === DELIVER) {
      const ref = k - get();
      out.kind[k] = deliverKind;
      out.from[k] = out.from[ref]!;
      out.to[k] = out.to[ref]!;
      out.msgKind[k] = out.msgKind[ref]!;
      out.msg[k] = out.msg[ref]!;
      if (timeMode === T_ARRIVAL) us = out.arrive[ref]!;
    } else {
      const mask = rb[rp++]!;
      out.kind[k] = mask & M_KIND ? get() : NONE;
      if (mask & M_NODE) out.node[k] = get();
      out.from[k] = mask & M_FROM ? get() : NONE;
      out.to[k] = mask & M_TO ? get() : NONE;
      out.msgKind[k] = mask & M_MSGKIND ? get() : NONE;
      out.msg[k] = mask & M_MSG ? max + 1 + unzigzag(get()) : NO_MSG;
      if (mask & M_ARRIVE) out.arrive[k] = us + get();
    }
    out.us[k] = us;
    out.x[k] = null;
    out.offGrid[k] = 0;
    out.extra[k] = NO_EXTRA;
    if (h & HAS_EXTRA) {
      out.extra[k] = rp;
      const t = get();
      out.offGrid[k] = Math.floor(t / 4) % 2;
      const kind = t % 4;
      if (kind === X_JSON || kind === X_DETAIL) rp += Math.floor(t / 8);
    }
    const msg = out.msg[k]!;
    if (msg > max) max = msg;
    prevId = id;
    prevUs = us;
  }
}

/** The sparse record whose code starts at `pos` in `bytes`, as a new object. */
export function decodeExtra(bytes: Uint8Array, pos: number, strings: StringTable): TraceExtras {
  rb = bytes;
  rp = pos;
  const t = get();
  const kind = t % 4;
  const n = Math.floor(t / 8);
  if (kind === X_SHARED) return { ...strings.records[n]! };
  if (kind === X_KEPT) return { ...strings.kept[n]! };
  const text = fromUtf8.decode(bytes.subarray(rp, rp + n));
  return kind === X_DETAIL ? { detail: text } : (JSON.parse(text) as TraceExtras);
}
