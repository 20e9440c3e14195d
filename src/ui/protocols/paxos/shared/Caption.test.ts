import { describe, expect, it } from 'vitest';
import { layout, SIZE } from '../../../views/cluster/geometry';
import { ballotText, rangeText, sameBallot, shortValue } from './ballot';
import { CAPTION_LINE, captionOrigin, captionShift, FONT, lineWidth, placement } from './Caption';

describe('ballots and values in words', () => {
  it('writes ballots as the engine labels them', () => {
    expect(ballotText({ round: 3, node: 'S2' })).toBe('(3,S2)');
    expect(ballotText(null)).toBe('—');
    expect(sameBallot({ round: 1, node: 'S1' }, { round: 1, node: 'S1' })).toBe(true);
    expect(sameBallot({ round: 1, node: 'S1' }, { round: 1, node: 'S2' })).toBe(false);
    expect(sameBallot(null, { round: 1, node: 'S1' })).toBe(false);
    expect(sameBallot(null, null)).toBe(true);
  });

  it('cuts long values for captions', () => {
    expect(shortValue('v-S1')).toBe('v-S1');
    expect(shortValue('a-very-long-value', 8)).toBe('a-very-…');
    expect(shortValue('a-very-long-value', 8)).toHaveLength(8);
  });

  it('writes ranges', () => {
    expect(rangeText({ min: 150, max: 300 })).toBe('150–300 ms');
    expect(rangeText({ min: 30, max: 30 })).toBe('30 ms');
  });
});

describe('caption placement', () => {
  it('puts captions on the inner side: over the node at the bottom, under it elsewhere', () => {
    expect(placement({ x: 0, y: -1 })).toBe('under-node');
    expect(placement({ x: 0, y: 1 })).toBe('over-node');
    expect(placement({ x: 0.95, y: -0.31 })).toBe('under-node');
    expect(placement({ x: -0.95, y: -0.31 })).toBe('under-node');
    expect(placement({ x: 0.59, y: 0.81 })).toBe('over-node');
  });

  it('keeps a wide caption inside the view for every cluster size the lab offers', () => {
    const text = 'P (12,S3) A (11,S2) v-S2…';
    const w = lineWidth(text);
    for (const n of [3, 5, 7, 9]) {
      const ids = Array.from({ length: n }, (_, i) => `S${i + 1}`);
      const lay = layout(ids);
      for (const id of ids) {
        const at = lay.pos.get(id)!;
        const centre = at.x + captionShift(id, ids, w);
        expect(centre - w / 2, `${id} of ${n}`).toBeGreaterThanOrEqual(0);
        expect(centre + w / 2, `${id} of ${n}`).toBeLessThanOrEqual(SIZE);
      }
    }
  });

  it('does not move a caption that fits', () => {
    const ids = ['S1', 'S2', 'S3', 'S4', 'S5'];
    expect(captionShift('S1', ids, lineWidth('learned v-S1'))).toBe(0);
  });

  it('keeps the centre of a server’s box (where a click lands) on the node', () => {
    const lines = [
      { text: 'prepare (12,S3) 2/3', tone: 'phase1' as const },
      { text: 'P (12,S3) A (11,S2) v-S2', tone: 'acceptor' as const },
    ];
    for (const n of [3, 5, 7, 9]) {
      const ids = Array.from({ length: n }, (_, i) => `S${i + 1}`);
      const lay = layout(ids);
      const r = lay.nodeR;
      for (const id of ids) {
        // As NodeGlyph places the id label and its captions.
        const out = lay.out.get(id)!;
        const label = { x: out.x * (r + 34), y: out.y * (r + 34) };
        const place = {
          r,
          label,
          captionY: label.y + (out.y < -0.3 ? -13 : 21),
          above: out.y < -0.3,
        };
        const data = { lines, shift: 0, where: placement(out) };
        const o = captionOrigin(data, place);
        const w = Math.max(...lines.map((l) => lineWidth(l.text)));
        const top = Math.min(-r - 8, label.y - 12, o.y - FONT);
        // The caption stays clear of the node and its timer ring.
        const first = o.y - FONT;
        const last = o.y + (lines.length - 1) * CAPTION_LINE + 3;
        expect(first > r + 8 || last < -r - 8, `${id} of ${n}: clear`).toBe(true);
        const bottom = Math.max(r + 8, label.y + 5, o.y + (lines.length - 1) * CAPTION_LINE + 3);
        const left = Math.min(-r - 8, label.x - 12, o.x - w / 2);
        const right = Math.max(r + 8, label.x + 12, o.x + w / 2);
        expect(Math.abs((top + bottom) / 2), `${id} of ${n}: y`).toBeLessThan(r * 0.7);
        expect(Math.abs((left + right) / 2), `${id} of ${n}: x`).toBeLessThan(r * 0.7);
      }
    }
  });
});
