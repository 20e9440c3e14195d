/**
 * The pieces TraceLog (traceLog.ts) is built from: its column chunks, the interned strings,
 * the wire format a range travels in, and the microsecond grid times are kept on.
 */
import type { TraceEntry } from '../types';

export const CHUNK = 4096;
/** Column value for an absent name; a name id past a byte goes to the sparse map. */
export const NONE = 0;
export const BYTE = 0xff;
export const NO_MSG = -1;
/** Time and arrival columns: this value means "see the sparse map" (or no arrival). */
export const OFF_GRID = 0xffffffff;

export interface Chunk {
  /** The chunk's first time in whole microseconds (times are offsets from it). */
  baseUs: number;
  id: Uint32Array;
  timeUs: Uint32Array;
  kind: Uint8Array;
  node: Uint8Array;
  from: Uint8Array;
  to: Uint8Array;
  msgKind: Uint8Array;
  msg: Int32Array;
  arriveUs: Uint32Array;
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

/** Fields the columns hold; every other field of an entry goes to the sparse map. */
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

export function newChunk(baseUs: number): Chunk {
  return {
    baseUs,
    id: new Uint32Array(CHUNK),
    timeUs: new Uint32Array(CHUNK),
    kind: new Uint8Array(CHUNK),
    node: new Uint8Array(CHUNK),
    from: new Uint8Array(CHUNK),
    to: new Uint8Array(CHUNK),
    msgKind: new Uint8Array(CHUNK),
    msg: new Int32Array(CHUNK),
    arriveUs: new Uint32Array(CHUNK),
  };
}

export function copyChunk(c: Chunk): Chunk {
  return {
    baseUs: c.baseUs,
    id: c.id.slice(),
    timeUs: c.timeUs.slice(),
    kind: c.kind.slice(),
    node: c.node.slice(),
    from: c.from.slice(),
    to: c.to.slice(),
    msgKind: c.msgKind.slice(),
    msg: c.msg.slice(),
    arriveUs: c.arriveUs.slice(),
  };
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

  /** Equal small sparse records (a timer's "heartbeat") are one frozen object. */
  private readonly records = new Map<string, TraceExtras>();

  shared(x: TraceExtras): TraceExtras {
    const key = JSON.stringify(x);
    if (key.length > 80) return x;
    let r = this.records.get(key);
    if (r === undefined) {
      r = Object.freeze(x);
      this.records.set(key, r);
    }
    return r;
  }

  add(s: string): void {
    this.ids.set(s, this.list.length);
    this.list.push(s);
  }
}
