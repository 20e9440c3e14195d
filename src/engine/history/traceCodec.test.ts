/**
 * The packed trace (traceCodec.ts through TraceLog) on entries a run rarely makes: every
 * form and fallback of the encoding must give back exactly what went in.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEntry, TraceKind } from '../types';
import { TraceLog } from './traceLog';

/** A small seeded generator (the tests' own, not the engine's streams). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Sends and deliveries as a run makes them, and odd entries among them. */
function oddTrace(n: number, seed: number): TraceEntry[] {
  const rnd = lcg(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const nodes = ['S1', 'S2', 'S3', 'c1'];
  const out: TraceEntry[] = [];
  const inFlight: TraceEntry[] = [];
  let id = 1;
  let time = 0;
  let msg = 0;
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.4) id += 1;
    else if (r < 0.45) id += 2 + Math.floor(rnd() * 1e6);
    if (rnd() < 0.5) time = Math.round((time + rnd() * 30) * 1000) / 1000;
    const c = rnd();
    if (c < 0.35) {
      const e: TraceEntry = {
        id,
        time,
        kind: 'send',
        from: pick(nodes),
        to: pick(nodes),
        msg: rnd() < 0.9 ? ++msg : Math.floor(rnd() * msg),
        msgKind: pick(['A', 'B']),
        deliverAt: Math.round((time + 5 + rnd() * 10) * 1000) / 1000,
      };
      if (rnd() < 0.03) e.deliverAt = time - 1; // arrives "before" it left
      if (rnd() < 0.03) e.deliverAt = time + 0.0001234; // off the grid
      out.push(e);
      inFlight.push(e);
    } else if (c < 0.7 && inFlight.length > 0) {
      // Mostly recent sends (same block), sometimes one long ago (an earlier block).
      const k =
        rnd() < 0.9
          ? inFlight.length - 1 - Math.floor(rnd() * 8)
          : Math.floor(rnd() * inFlight.length);
      const s = inFlight[Math.max(0, k)]!;
      const e: TraceEntry = {
        id,
        time,
        kind: 'deliver',
        from: s.from,
        to: s.to,
        msg: s.msg,
        msgKind: s.msgKind,
      };
      if (rnd() < 0.5 && s.deliverAt! >= time) e.time = time = s.deliverAt!;
      if (rnd() < 0.05) e.to = pick(nodes);
      out.push(e);
    } else {
      const x = rnd();
      const e: TraceEntry = { id, time, kind: pick<TraceKind>(['timer', 'note', 'role', 'crash']) };
      if (x < 0.2) e.node = pick(nodes);
      if (x < 0.5) e.detail = pick(['heartbeat', 'election', `unique ${i} → ok`]);
      else if (x < 0.6)
        Object.assign(e, { role: 'leader', epoch: i, leads: true, campaigns: false });
      else if (x < 0.65) Object.assign(e, { epoch: null, detail: undefined });
      else if (x < 0.7) Object.assign(e, { epoch: -0 });
      else if (x < 0.72) e.detail = 'x'.repeat(300);
      else if (x < 0.74) e.time = time + 0.0004321; // off the grid, the next entry is not
      out.push(e);
    }
  }
  return out;
}

describe('the packed trace', () => {
  const entries = oddTrace(5000, 11);

  it('gives back every entry of every form exactly', () => {
    const log = TraceLog.from(entries);
    for (let i = 0; i < entries.length; i++) expect(log.at(i)).toStrictEqual(entries[i]);
    // Backwards too: each block decodes on its own, whatever was read before.
    for (let i = entries.length - 1; i >= 0; i -= 7) expect(log.at(i)).toStrictEqual(entries[i]);
    for (let i = 0; i < entries.length; i += 97) expect(log.timeAt(i)).toBe(entries[i]!.time);
  });

  it('cuts at and around block boundaries, and goes on from there', () => {
    const log = TraceLog.from(entries);
    for (const n of [0, 1, 511, 512, 513, 1024, 4999]) {
      const fork = log.prefix(n);
      expect(fork.slice()).toStrictEqual(entries.slice(0, n));
      for (const e of entries.slice(n, n + 600)) fork.push(e);
      expect(fork.slice()).toStrictEqual(entries.slice(0, n + 600));
      const page = TraceLog.from(entries);
      page.truncate(n);
      for (const e of entries.slice(n, n + 600)) page.push(e);
      expect(page.slice()).toStrictEqual(entries.slice(0, n + 600));
    }
    // The parent is untouched by its prefixes' appends.
    expect(log.slice()).toStrictEqual(entries);
  });

  it('finds by id and by time as a scan would, within any range', () => {
    const sorted = oddTrace(3000, 5).map((e, i) => ({ ...e, time: i * 0.5 + (e.id % 2) * 0.25 }));
    for (const e of sorted) if (e.deliverAt !== undefined) e.deliverAt = e.time + 3;
    const log = TraceLog.from(sorted);
    const rnd = lcg(3);
    for (let k = 0; k < 300; k++) {
      const from = Math.floor(rnd() * sorted.length);
      const to = from + Math.floor(rnd() * (sorted.length - from + 1));
      const id = sorted[Math.floor(rnd() * sorted.length)]!.id + (rnd() < 0.5 ? 0 : 1);
      const byId = sorted.findIndex((e, i) => i >= from && i < to && e.id >= id);
      expect(log.firstWithId(id, from, to)).toBe(byId < 0 ? to : byId);
      const t = rnd() * sorted.length * 0.5;
      const byTime = sorted.findIndex((e, i) => i >= from && i < to && e.time >= t);
      expect(log.firstAtTime(t, from, to)).toBe(byTime < 0 ? to : byTime);
    }
  });

  it('moves to a page log in ranges with every field', () => {
    const src = TraceLog.from(entries);
    const page = new TraceLog();
    for (let a = 0; a < entries.length; a += 1234) {
      page.importRange(src.exportRange(a, a + 1234, page.stringCount));
    }
    expect(page.slice()).toStrictEqual(entries);
  });
});
