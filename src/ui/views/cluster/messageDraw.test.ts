import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layout } from './geometry';
import { MessageSurface, packMessages, unpackMessages } from './messageDraw';
import type { DrawnMessage, MessageScene } from './messageDraw';
import type { MessageStyle } from '../../protocols/types';

const ids = ['S1', 'S2', 'S3'];
const arb = fc.record({
  id: fc.integer({ min: 1, max: 1e9 }),
  from: fc.constantFrom(...ids, 'c1'),
  to: fc.constantFrom(...ids, 'c1'),
  sentAt: fc.double({ min: 0, max: 1e7, noNaN: true }),
  deliverAt: fc.double({ min: 0, max: 1e7, noNaN: true }),
  cls: fc.constantFrom('vote', 'append', 'append-ok', 'client'),
});

describe('packMessages', () => {
  it('round-trips every field the canvas draws from', () => {
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 50 }), (ms) => {
        expect(unpackMessages(packMessages(ms))).toEqual(ms);
      }),
    );
  });
  it('names each endpoint and class once, in a transferable array of numbers', () => {
    const ms: DrawnMessage[] = [
      { id: 1, from: 'S1', to: 'S2', sentAt: 0, deliverAt: 10, cls: 'vote' },
      { id: 2, from: 'S2', to: 'S1', sentAt: 1, deliverAt: 11, cls: 'vote' },
    ];
    const p = packMessages(ms);
    expect(p.names).toEqual(['S1', 'S2', 'vote']);
    expect(p.data.length).toBe(12);
  });
});

/** A 2D context that records the calls that cost raster time. */
function recorder() {
  const calls: string[] = [];
  const ctx = new Proxy(
    {},
    {
      get: (_t, name: string) => (name === 'then' ? undefined : () => calls.push(name)),
      set: () => true,
    },
  ) as unknown as CanvasRenderingContext2D;
  return { ctx, calls, count: (n: string) => calls.filter((c) => c === n).length };
}

const style = (shape: MessageStyle['shape'], fill: string): MessageStyle => ({
  shape,
  fill,
  stroke: '#000',
  r: 4,
  label: shape,
});

function scene(messages: DrawnMessage[], selected: number | null = null): MessageScene {
  return {
    messages,
    layout: layout(ids),
    styles: { vote: style('circle', '#f00'), append: style('square', '#00f') },
    selected,
    ink: '#fff',
  };
}

const msg = (id: number, cls: string): DrawnMessage => ({
  id,
  from: 'S1',
  to: 'S2',
  sentAt: 0,
  deliverAt: 100,
  cls,
});

describe('MessageSurface', () => {
  it('fills and strokes once per look, not once per message', () => {
    const r = recorder();
    const canvas = { width: 0, height: 0 };
    const surface = new MessageSurface(canvas, r.ctx);
    surface.resize(320);
    const ms = [msg(1, 'vote'), msg(2, 'append'), msg(3, 'vote'), msg(4, 'vote'), msg(5, 'append')];
    surface.setScene(scene(ms), 50);
    expect(canvas).toEqual({ width: 320, height: 320 });
    expect(r.count('fill')).toBe(2);
    expect(r.count('stroke')).toBe(2);
    // Every glyph is drawn: three circles (arc) and two squares (roundRect).
    expect(r.count('arc')).toBe(3);
    expect(r.count('roundRect')).toBe(2);
  });

  it('rings the selected message, and redraws only when the time moves', () => {
    const r = recorder();
    const surface = new MessageSurface({ width: 0, height: 0 }, r.ctx);
    surface.resize(100);
    surface.setScene(scene([msg(1, 'vote'), msg(2, 'vote')], 2), 10);
    expect(r.count('arc')).toBe(3);
    expect(r.count('stroke')).toBe(2);
    surface.setTime(10);
    expect(r.count('clearRect')).toBe(1);
    surface.setTime(20);
    expect(r.count('clearRect')).toBe(2);
  });

  it('clears an emptied canvas once, then leaves it alone', () => {
    const r = recorder();
    const surface = new MessageSurface({ width: 0, height: 0 }, r.ctx);
    surface.resize(100);
    surface.setScene(scene([msg(1, 'vote')]), 0);
    surface.setScene(scene([]), 1);
    surface.setTime(2);
    surface.setTime(3);
    expect(r.count('clearRect')).toBe(2);
  });
});
