/**
 * Keyframes that share structure (issue 15: history memory). A keyframe is a copy of the
 * simulation state that nothing mutates, so keyframes share every part that did not change:
 * - settled values (primitives, frozen objects) are shared as they are, with the live state
 *   too;
 * - an object or a short array whose copy came out field for field the same as its copy in
 *   the keyframe before (a node's member list, a link table, a crashed node's state) is that
 *   copy, not a new one;
 * - a long array (protocol logs, client-operation records, checkers' memory: they grow with
 *   the run) is stored in pieces: groups of G1 settled elements (gathered W at a time
 *   into big groups), then leaves of W, then a copied tail of fewer than W elements. A keyframe
 *   reuses every piece whose elements are still the same, so it costs its new pieces, a
 *   pointer per piece it reuses and its short tail; the pointers grow as the logarithm of the
 *   array's length, not with it, so memory per keyframe stays flat through a long run. Arrays
 *   with the same elements (every server's copy of a replicated log, a checker's mirror of
 *   it) share their pieces too.
 * - an object with many keys (a store's client sessions: one per client, and the lab's user
 *   requests each come from a client of their own) is stored as two long arrays, its keys
 *   and its values, so a keyframe shares their pieces too rather than copying every entry.
 * Restoring builds plain arrays and objects again (the protocols' code sees nothing else) and
 * remembers which pieces each long array came from, so a replayed run keeps sharing with the
 * keyframes before it.
 */

/** Elements per leaf, and pieces per group. */
const W = 16;
const G1 = W * W;
const G2 = G1 * W;
/** Arrays shorter than this are copied as they are. */
const LONG = 2 * W;

type Piece = readonly unknown[];

/**
 * A long array inside a stored keyframe: `items` holds its big groups (W groups each), groups
 * (G1 elements each, flat: a restore concatenates few pieces) and leaves (counted by nBig,
 * nMid, nLeaves), then the tail's elements: one array a keyframe.
 */
class StoredArray {
  constructor(
    readonly nBig: number,
    readonly nMid: number,
    readonly nLeaves: number,
    readonly items: readonly unknown[],
  ) {}

  /** Loose leaf `j` (elements j·W …, past the groups), if this array has it. */
  leafAt(j: number): Piece | undefined {
    const k = j - (this.nBig * W + this.nMid) * W;
    return k >= 0 && k < this.nLeaves
      ? (this.items[this.nBig + this.nMid + k] as Piece)
      : undefined;
  }

  /** Group `g` (elements g·G1 …, flat), if this array has it. */
  groupAt(g: number): Piece | undefined {
    const inBig = this.nBig * W;
    if (g < inBig) return (this.items[Math.floor(g / W)] as Piece)[g % W] as Piece;
    return g - inBig < this.nMid ? (this.items[this.nBig + g - inBig] as Piece) : undefined;
  }

  bigAt(b: number): Piece | undefined {
    return b < this.nBig ? (this.items[b] as Piece) : undefined;
  }

  get pieces(): number {
    return this.nBig + this.nMid + this.nLeaves;
  }

  get pieceLength(): number {
    return this.nBig * G2 + this.nMid * G1 + this.nLeaves * W;
  }

  /** Every group and leaf in order, then the tail. */
  parts(): Piece[] {
    const out: Piece[] = [];
    const items = this.items;
    for (let i = 0; i < this.nBig; i++) out.push(...(items[i] as Piece[]));
    for (let i = this.nBig; i < this.nBig + this.nMid; i++) out.push(items[i] as Piece);
    for (let i = this.nBig + this.nMid; i < this.pieces; i++) out.push(items[i] as Piece);
    out.push(items.slice(this.pieces));
    return out;
  }
}

/** Per live array, what it was last stored or restored as. */
const storedOf = new WeakMap<readonly unknown[], StoredArray>();

/** A plain object of LONG keys or more, as its keys and its values (in the same order). */
class StoredObject {
  keys: StoredArray | null = null;
  values: StoredArray | null = null;
}

/** Per live wide object, what it was last stored or restored as. */
const wideOf = new WeakMap<object, StoredObject>();

/** An own, enumerable entry whatever the key (assigning '__proto__' would set the prototype). */
function putEntry(o: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  } else o[key] = value;
}
/** Per live object or short array, its copy in the last keyframe. */
const copyOf = new WeakMap<object, object>();

function settled(el: unknown): boolean {
  return typeof el !== 'object' || el === null || Object.isFrozen(el);
}

function allSettled(v: readonly unknown[], from: number, n: number): boolean {
  for (let i = from; i < from + n; i++) if (!settled(v[i])) return false;
  return true;
}

/** Same elements (identity) in `a` from `start` and in `old`, over old's length. */
function sameRun(a: readonly unknown[], start: number, old: Piece): boolean {
  for (let i = 0; i < old.length; i++) if (a[start + i] !== old[i]) return false;
  return true;
}

/*
 * The same comparison three times over: each sees the arrays of one kind of element only
 * (objects, numbers, strings) and their pieces, so its loads stay monomorphic; one
 * function for every array made them megamorphic, several times slower on long logs.
 */
function sameObjects(a: readonly unknown[], start: number, old: Piece): boolean {
  for (let i = 0; i < old.length; i++) if (a[start + i] !== old[i]) return false;
  return true;
}
function sameNumbers(a: readonly unknown[], start: number, old: Piece): boolean {
  for (let i = 0; i < old.length; i++) if (a[start + i] !== old[i]) return false;
  return true;
}
function sameStrings(a: readonly unknown[], start: number, old: Piece): boolean {
  for (let i = 0; i < old.length; i++) if (a[start + i] !== old[i]) return false;
  return true;
}
function sameFor(v: readonly unknown[]): typeof sameRun {
  const t = typeof v[0];
  return t === 'number' ? sameNumbers : t === 'string' ? sameStrings : sameObjects;
}

/**
 * Pieces made lately, by their first element: arrays with the same elements at the same
 * places (every server's copy of a replicated log, a checker's mirror of it) share their
 * pieces. A bounded cache of pieces, so no state: forgetting only costs sharing.
 */
let recent = new Map<unknown, Piece>();

/**
 * A piece holding `v[from … from+n-1]`: a recent equal one, or a new one. Pieces are plain
 * arrays that only this module holds and nothing writes to after this; not frozen: V8 reads
 * frozen arrays several times slower, and comparing and concatenating pieces is most of what
 * storing and restoring a keyframe costs.
 */
function piece(v: readonly unknown[], from: number, n: number): Piece {
  const first = v[from];
  const had = recent.get(first);
  if (had !== undefined && had.length === n && sameRun(v, from, had)) return had;
  const made = v.slice(from, from + n);
  if (recent.size >= 4096) recent = new Map();
  recent.set(first, made);
  return made;
}

/** `pieces` as one group, or `old` when it holds the same pieces. */
function group(pieces: readonly Piece[], old: Piece | undefined): Piece {
  if (old !== undefined && old.length === pieces.length && sameRun(pieces, 0, old)) return old;
  return piece(pieces, 0, pieces.length);
}

/** Same keys in the same order (hidden classes stay as they were) and the same values. */
function shallowSame(a: object, b: object): boolean {
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && sameRun(a, 0, bb);
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (let i = 0; i < ka.length; i++) {
    const key = ka[i]!;
    if (key !== kb[i] || ra[key] !== rb[key]) return false;
  }
  return true;
}

/** Replaces the unsettled elements of `out` from `from` on by their copies. */
function copyUnsettled(out: unknown[], from: number, walk: (v: object) => unknown): void {
  for (let i = from; i < out.length; i++) {
    const el = out[i];
    if (!settled(el)) out[i] = walk(el as object);
  }
}

/**
 * The keyframe form of a live state. Copies keep aliasing (an object seen twice is copied
 * once) and are made with slice() and spread, which keep the originals' hidden classes and
 * element kinds, so the protocols' code stays monomorphic after a restore.
 */
export function storeKeyframe<T>(value: T): T {
  const memo = new Map<object, unknown>();
  const twins = new Map<string, (readonly unknown[])[]>();
  const walk = (v: object): unknown => {
    const seen = memo.get(v);
    if (seen !== undefined) return seen;
    if (Array.isArray(v) && v.length >= LONG) return storeLong(v, walk, memo, twins);
    if (!Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length >= LONG)
        return storeWide(v as Record<string, unknown>, keys, walk, memo, twins);
    }
    let out: object;
    if (Array.isArray(v)) {
      const a: unknown[] = v.slice();
      memo.set(v, a);
      copyUnsettled(a, 0, walk);
      out = a;
    } else {
      const o: Record<string, unknown> = { ...(v as Record<string, unknown>) };
      memo.set(v, o);
      for (const key in o) {
        const el = o[key];
        if (!settled(el)) o[key] = walk(el as object);
      }
      out = o;
    }
    const old = copyOf.get(v);
    if (old !== undefined && shallowSame(out, old)) out = old;
    else copyOf.set(v, out);
    memo.set(v, out);
    return out;
  };
  if (settled(value)) return value;
  return walk(value as object) as T;
}

function storeWide(
  v: Record<string, unknown>,
  keys: string[],
  walk: (v: object) => unknown,
  memo: Map<object, unknown>,
  twins: Map<string, (readonly unknown[])[]>,
): StoredObject {
  const out = new StoredObject();
  memo.set(v, out);
  const values = keys.map((k) => v[k]);
  // The fresh key and value arrays take up from the pieces this object was stored as last.
  const old = wideOf.get(v);
  if (old?.keys && old.values) {
    storedOf.set(keys, old.keys);
    storedOf.set(values, old.values);
  }
  out.keys = storeLong(keys, walk, memo, twins);
  out.values = storeLong(values, walk, memo, twins);
  const same = old !== undefined && old.keys === out.keys && old.values === out.values;
  const stored = same ? old : out;
  wideOf.set(v, stored);
  memo.set(v, stored);
  return stored;
}

function storeLong(
  v: readonly unknown[],
  walk: (v: object) => unknown,
  memo: Map<object, unknown>,
  twins: Map<string, (readonly unknown[])[]>,
): StoredArray {
  const old = storedOf.get(v);
  const same = sameFor(v);
  // Groups, then leaves, of settled elements from the start: the old ones while the same.
  const groups: Piece[] = [];
  for (let g = 0; (g + 1) * G1 <= v.length; g++) {
    const was = old?.groupAt(g);
    if (was !== undefined && same(v, g * G1, was)) groups.push(was);
    else if (allSettled(v, g * G1, G1)) groups.push(piece(v, g * G1, G1));
    else break;
  }
  const leaves: Piece[] = [];
  for (let j = groups.length * W; (j + 1) * W <= v.length; j++) {
    const was = old?.leafAt(j);
    if (was !== undefined && same(v, j * W, was)) leaves.push(was);
    else if (allSettled(v, j * W, W)) leaves.push(piece(v, j * W, W));
    else break;
  }
  const nBig = Math.floor(groups.length / W);
  const items: unknown[] = [];
  for (let b = 0; b < nBig; b++) items.push(group(groups.slice(b * W, (b + 1) * W), old?.bigAt(b)));
  for (let g = nBig * W; g < groups.length; g++) items.push(groups[g]);
  for (const leaf of leaves) items.push(leaf);
  const nPieces = items.length;
  for (let i = groups.length * G1 + leaves.length * W; i < v.length; i++) items.push(v[i]);
  const out = new StoredArray(nBig, groups.length - nBig * W, leaves.length, items);
  memo.set(v, out);
  copyUnsettled(items, nPieces, walk);
  const unchanged =
    old !== undefined &&
    old.items.length === items.length &&
    old.nBig === out.nBig &&
    old.nMid === out.nMid &&
    old.nLeaves === out.nLeaves &&
    sameRun(items, 0, old.items);
  let stored = unchanged ? old : out;
  if (!unchanged) {
    // Another array of this keyframe with the same elements (a follower's log, a mirror)
    // lends its items; each array keeps a StoredArray of its own, so aliasing is kept.
    const key = `${out.nBig},${out.nMid},${out.nLeaves},${items.length}`;
    const twin = twins.get(key)?.find((t) => sameRun(items, 0, t));
    if (twin !== undefined) stored = new StoredArray(out.nBig, out.nMid, out.nLeaves, twin);
    else twins.set(key, [...(twins.get(key) ?? []), items]);
  }
  storedOf.set(v, stored);
  memo.set(v, stored);
  return stored;
}

/** Concatenates pieces (concat, like slice, keeps the elements' kind), a bounded batch a call. */
function flatten(pieces: readonly Piece[]): unknown[] {
  const BATCH = 4096;
  if (pieces.length <= BATCH) return ([] as unknown[]).concat(...pieces);
  const parts: unknown[][] = [];
  for (let i = 0; i < pieces.length; i += BATCH) {
    parts.push(([] as unknown[]).concat(...pieces.slice(i, i + BATCH)));
  }
  return ([] as unknown[]).concat(...parts);
}

/** A live state from a stored keyframe: plain copies throughout, the keyframe untouched. */
export function restoreKeyframe<T>(value: T): T {
  const memo = new Map<object, unknown>();
  const walk = (v: object): unknown => {
    const seen = memo.get(v);
    if (seen !== undefined) return seen;
    if (v instanceof StoredObject) {
      const o: Record<string, unknown> = {};
      memo.set(v, o);
      wideOf.set(o, v);
      const keys = flatten(v.keys!.parts()) as string[];
      const values = flatten(v.values!.parts());
      copyUnsettled(values, v.values!.pieceLength, walk);
      for (let i = 0; i < keys.length; i++) putEntry(o, keys[i]!, values[i]);
      return o;
    }
    if (v instanceof StoredArray) {
      const out = flatten(v.parts());
      memo.set(v, out);
      storedOf.set(out, v);
      copyUnsettled(out, v.pieceLength, walk);
      return out;
    }
    if (Array.isArray(v)) {
      const a: unknown[] = v.slice();
      memo.set(v, a);
      copyUnsettled(a, 0, walk);
      return a;
    }
    const o: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    memo.set(v, o);
    for (const key in o) {
      const el = o[key];
      if (!settled(el)) o[key] = walk(el as object);
    }
    return o;
  };
  if (settled(value)) return value;
  return walk(value as object) as T;
}

/** The elements of an array as a keyframe stores it (for tests and measurements). */
export function storedElements(a: unknown): readonly unknown[] {
  return a instanceof StoredArray ? flatten(a.parts()) : (a as unknown[]);
}
