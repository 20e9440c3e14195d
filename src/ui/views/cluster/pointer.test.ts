import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIZE } from './geometry';
import { clientToViewBox } from './pointer';
import type { ScreenBox, ViewBox } from './pointer';

const VB: ViewBox = { x: 0, y: 0, width: SIZE, height: SIZE };

function close(p: { x: number; y: number }, x: number, y: number) {
  expect(p.x).toBeCloseTo(x, 6);
  expect(p.y).toBeCloseTo(y, 6);
}

describe('clientToViewBox', () => {
  it('is a plain scale for a square box', () => {
    const box = { left: 10, top: 20, width: 320, height: 320 };
    close(clientToViewBox(10, 20, box, VB), 0, 0);
    close(clientToViewBox(330, 340, box, VB), 640, 640);
    close(clientToViewBox(90, 180, box, VB), 160, 320);
  });

  it('centres the drawing in a wide box and scales both axes by the height (1440×900 layout)', () => {
    // The lab at 1440×900: a 958×460 box, the 460 px drawing centred, 249 px bands either side.
    const box = { left: 33, top: 188, width: 958, height: 460 };
    const k = 460 / 640;
    close(clientToViewBox(33 + 479, 188 + 230, box, VB), 320, 320);
    close(clientToViewBox(33 + 249, 188, box, VB), 0, 0);
    close(clientToViewBox(33 + 249 + 460, 188 + 460, box, VB), 640, 640);
    // S5's centre in the drawing (115.5, 253.6) is where the drawing shows it.
    close(clientToViewBox(33 + 249 + 115.5 * k, 188 + 253.6 * k, box, VB), 115.5, 253.6);
    // The side bands map outside the viewBox, as the SVG itself maps them.
    const left = clientToViewBox(33 + 10, 188 + 230, box, VB);
    expect(left.x).toBeLessThan(0);
    close(left, (10 - 249) / k, 320);
    expect(clientToViewBox(33 + 950, 188 + 230, box, VB).x).toBeGreaterThan(640);
  });

  it('centres the drawing in a tall box and scales both axes by the width', () => {
    const box = { left: 0, top: 0, width: 320, height: 600 };
    close(clientToViewBox(160, 300, box, VB), 320, 320);
    close(clientToViewBox(0, 140, box, VB), 0, 0);
    close(clientToViewBox(320, 460, box, VB), 640, 640);
    expect(clientToViewBox(160, 10, box, VB).y).toBeLessThan(0);
  });

  it('honours a viewBox that does not start at the origin', () => {
    const vb = { x: -100, y: 50, width: 200, height: 100 };
    const box = { left: 0, top: 0, width: 400, height: 400 };
    // Scale 2 (by width); the 200 px high drawing is centred: 100 px bands above and below.
    close(clientToViewBox(0, 100, box, vb), -100, 50);
    close(clientToViewBox(400, 300, box, vb), 100, 150);
  });

  it('maps a box with no size to the middle of the viewBox', () => {
    close(clientToViewBox(5, 5, { left: 0, top: 0, width: 0, height: 0 }, VB), 320, 320);
  });

  it('uses one scale on both axes and keeps the box centre on the viewBox centre', () => {
    const boxes = fc.record({
      left: fc.double({ min: -500, max: 500, noNaN: true }),
      top: fc.double({ min: -500, max: 500, noNaN: true }),
      width: fc.double({ min: 50, max: 3000, noNaN: true }),
      height: fc.double({ min: 50, max: 3000, noNaN: true }),
    });
    const offset = fc.double({ min: -1000, max: 1000, noNaN: true });
    fc.assert(
      fc.property(boxes, offset, offset, (box: ScreenBox, ox, oy) => {
        const cx = box.left + box.width / 2;
        const cy = box.top + box.height / 2;
        const c = clientToViewBox(cx, cy, box, VB);
        expect(c.x).toBeCloseTo(SIZE / 2, 6);
        expect(c.y).toBeCloseTo(SIZE / 2, 6);
        // A move of (ox, oy) px is the same move in user units on both axes, scaled by the
        // ratio of the shorter side: no stretching either way.
        const p = clientToViewBox(cx + ox, cy + oy, box, VB);
        const scale = Math.min(box.width, box.height) / SIZE;
        expect((p.x - c.x) * scale).toBeCloseTo(ox, 6);
        expect((p.y - c.y) * scale).toBeCloseTo(oy, 6);
      }),
    );
  });
});
