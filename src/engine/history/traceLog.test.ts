import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';
import { parseScenario } from '../scenario';
import type { TraceEntry } from '../types';
import { TraceLog } from './traceLog';

function realTrace(): TraceEntry[] {
  const r = parseScenario({
    name: 'trace log',
    protocol: 'raft',
    nodes: 5,
    seed: 3,
    duration: 20000,
    network: { loss: 0.05 },
    workload: { clients: 2, rate: 20 },
    actions: [
      { at: 2000, type: 'crash', node: 'leader' },
      { at: 3000, type: 'restart', node: 'S1' },
      {
        at: 3500,
        type: 'partition',
        groups: [
          ['S1', 'S2'],
          ['S3', 'S4', 'S5'],
        ],
      },
      { at: 4500, type: 'heal' },
    ],
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return runScenario(r.scenario, { trace: true }).trace!;
}

describe('TraceLog', () => {
  const trace = realTrace();

  it('gives back every entry of a real run field for field, absent fields absent', () => {
    const log = TraceLog.from(trace);
    expect(log.length).toBe(trace.length);
    // Across many blocks (512 entries a block) and with every kind of entry.
    expect(trace.length).toBeGreaterThan(8 * 512);
    expect(new Set(trace.map((e) => e.kind)).size).toBeGreaterThan(6);
    for (let i = 0; i < trace.length; i++) expect(log.at(i)).toStrictEqual(trace[i]);
    expect([...log].length).toBe(trace.length);
    expect(log.slice(10, 20)).toStrictEqual(trace.slice(10, 20));
  });

  it('finds entries by event id and by time', () => {
    const log = TraceLog.from(trace);
    const i = 5000;
    const id = trace[i]!.id;
    expect(log.firstWithId(id)).toBe(trace.findIndex((e) => e.id >= id));
    const t = trace[i]!.time;
    expect(log.firstAtTime(t)).toBe(trace.findIndex((e) => e.time >= t));
    expect(log.firstWithId(Number.MAX_SAFE_INTEGER)).toBe(trace.length);
  });

  it('makes a prefix that shares what it can and diverges from its parent', () => {
    const log = TraceLog.from(trace.slice(0, 9000));
    const fork = log.prefix(5000);
    expect(fork.length).toBe(5000);
    fork.push({ id: 1e6, time: 1e6, kind: 'heal' });
    log.push(trace[9000]!);
    expect(fork.at(5000)).toStrictEqual({ id: 1e6, time: 1e6, kind: 'heal' });
    expect(log.at(5000)).toStrictEqual(trace[5000]);
    expect(log.at(9000)).toStrictEqual(trace[9000]);
    expect(fork.slice(0, 5000)).toStrictEqual(trace.slice(0, 5000));
  });

  it('moves to another log in ranges, strings sent once', () => {
    const src = TraceLog.from(trace.slice(0, 6000));
    const page = new TraceLog();
    const a = src.exportRange(0, 3000, page.stringCount);
    page.importRange(a);
    const b = src.exportRange(3000, 6000, page.stringCount);
    expect(b.strings).toEqual([]);
    page.importRange(b);
    expect(page.slice()).toStrictEqual(trace.slice(0, 6000));
    // A range that does not start at the receiver's end is refused, not spliced in.
    expect(() => page.importRange(src.exportRange(10, 20, page.stringCount))).toThrow(
      /starts at 10/,
    );
    page.truncate(100);
    expect(page.length).toBe(100);
    expect(page.at(99)).toStrictEqual(trace[99]);
    expect(() => page.at(100)).toThrow(RangeError);
  });

  it('packs a long run into a few bytes an entry (about 145 as objects)', () => {
    // Five copies of the real run one after the other: a long trace, so fixed costs (the
    // open block, decoded blocks, a segment's slack) weigh little.
    const last = trace[trace.length - 1]!;
    const long: TraceEntry[] = [];
    for (let c = 0; c < 5; c++) {
      for (const e of trace) {
        const shifted: TraceEntry = { ...e, id: e.id + c * last.id, time: e.time + c * 20000 };
        if (e.deliverAt !== undefined) shifted.deliverAt = e.deliverAt + c * 20000;
        if (e.msg !== undefined) shifted.msg = e.msg + c * 100_000;
        long.push(shifted);
      }
    }
    const log = TraceLog.from(long);
    expect(log.slice()).toStrictEqual(long);
    // Sends and deliveries take 2–6 bytes; each client operation's text (40 a second here)
    // most of the rest. The columns this replaced took 21 bytes and more.
    expect(log.bytes() / long.length).toBeLessThan(16);
  });

  it('keeps what does not fit the columns exactly: off-grid times, a 256th name', () => {
    const odd: TraceEntry[] = [
      { id: 1, time: 0.5, kind: 'crash', node: 'S1' },
      // A user action at a scrubbed moment is not on the microsecond grid.
      { id: 2, time: 1700.2512345, kind: 'heal' },
      {
        id: 3,
        time: 1800,
        kind: 'send',
        from: 'S1',
        to: 'S2',
        msg: 7,
        msgKind: 'X',
        deliverAt: 1812.0000001,
      },
      // Far from the chunk's first time: past what 32 bits of microseconds reach.
      { id: 4, time: 5e9, kind: 'timer', node: 'S2', detail: 'late' },
    ];
    for (let i = 0; i < 300; i++)
      odd.push({ id: 10 + i, time: 2000 + i, kind: 'note', node: `n${i}` });
    const log = TraceLog.from(odd);
    expect(log.slice()).toStrictEqual(odd);
    expect(log.timeAt(1)).toBe(1700.2512345);
    const page = new TraceLog();
    page.importRange(log.exportRange(0, odd.length, 1));
    expect(page.slice()).toStrictEqual(odd);
  });
});
