import { describe, expect, it } from 'vitest';
import type { NodeView } from '../../../worker/protocol';
import { raftPalette } from '../../protocols/raft/palette';
import { sameProps } from './NodeGlyph';
import { timerDash } from './shapes';

type Props = Parameters<typeof sameProps>[0];

const node: NodeView = {
  id: 'S1',
  up: true,
  pausedUntil: 0,
  role: 'candidate',
  epoch: 2,
  leads: false,
  campaigns: true,
  timers: [{ name: 'election', due: 300, length: 200 }],
};
const onSelect = () => {};
const at = { x: 0, y: 0 };
const base: Props = {
  node,
  at,
  out: at,
  r: 30,
  selected: false,
  side: null,
  palette: raftPalette,
  epochName: 'term',
  arcTimer: 'election',
  Decor: null,
  decor: { votes: ['S1'] },
  onSelect,
};

describe('NodeGlyph redraws', () => {
  it('not for a new snapshot with the same node', () => {
    expect(
      sameProps(base, { ...base, node: structuredClone(node), decor: { votes: ['S1'] } }),
    ).toBe(true);
  });

  it('when any node field changes, nested ones too', () => {
    const timers = [{ name: 'election', due: 320, length: 200 }];
    expect(sameProps(base, { ...base, node: { ...node, timers } })).toBe(false);
    expect(sameProps(base, { ...base, node: { ...node, campaigns: false } })).toBe(false);
    expect(sameProps(base, { ...base, node: { ...node, epoch: 3 } })).toBe(false);
  });

  it('when the decoration’s data or any other prop changes', () => {
    expect(sameProps(base, { ...base, decor: { votes: ['S1', 'S2'] } })).toBe(false);
    expect(sameProps(base, { ...base, selected: true })).toBe(false);
    expect(sameProps(base, { ...base, epochName: 'ballot' })).toBe(false);
  });
});

describe('timerDash', () => {
  it('draws the part of the timer left along the ring, full to empty', () => {
    const c = (2 * Math.PI * 10).toFixed(1);
    expect(timerDash(1, 10)).toBe(`${c} ${c}`);
    expect(timerDash(0.5, 10)).toBe(`${(Math.PI * 10).toFixed(1)} ${c}`);
    expect(timerDash(0, 10)).toBe(`0.0 ${c}`);
    expect(timerDash(-1, 10)).toBe(`0.0 ${c}`);
  });
});
