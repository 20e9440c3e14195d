import { describe, expect, it } from 'vitest';
import { SLOT_WINDOW } from '../../../../engine/protocols/paxos/multi/view';
import type {
  MultiPaxosNodeView,
  MultiPaxosView,
  SlotCell,
} from '../../../../engine/protocols/paxos/multi/view';
import { NO_VIEW, openScenario } from '../shared/testkit';
import { cellAt, cellMark, newerEnd, olderEnd, rowLabel, SLOT_COLUMNS, slotWindow } from './slots';

const b = (round: number, node = 'S1') => ({ round, node });
const chosen = (round: number | null, command = 'put x=1 (c1#1)'): SlotCell => ({
  kind: 'chosen',
  ballot: round === null ? null : b(round),
  command,
});
const accepted = (round: number, command = 'put x=2 (c1#2)'): SlotCell => ({
  kind: 'accepted',
  ballot: b(round),
  command,
});
const EMPTY: SlotCell = { kind: 'empty', ballot: null, command: null };

function mnode(cells: SlotCell[], commit: number): MultiPaxosNodeView {
  return {
    role: 'follower',
    ballot: null,
    promised: b(1),
    leaderId: null,
    commit,
    applied: commit,
    promises: 0,
    cells,
    leaderDeadline: 0,
    leaderDrawn: 0,
  };
}

function view(nodes: MultiPaxosNodeView[], slotStart = 0): MultiPaxosView {
  return {
    nodes,
    slotStart,
    slots: Math.max(...nodes.map((n) => slotStart + n.cells.length)),
    clusterCommit: Math.max(...nodes.map((n) => n.commit)),
    quorum: Math.floor(nodes.length / 2) + 1,
  };
}

describe('the slot window', () => {
  it('has as many columns as the engine sends cells', () => {
    expect(SLOT_COLUMNS).toBe(SLOT_WINDOW);
  });

  it('follows the newest slot, with at least twelve columns', () => {
    expect(slotWindow(0, null)).toEqual({ start: 0, end: 0, cols: [...Array(12).keys()] });
    expect(slotWindow(5, null).end).toBe(4);
    const w = slotWindow(100, null);
    expect([w.start, w.end, w.cols.length]).toEqual([60, 99, 40]);
  });

  it('ends where the store says, never past the newest slot', () => {
    expect(slotWindow(100, 50)).toMatchObject({ start: 11, end: 50 });
    expect(slotWindow(10, 50)).toMatchObject({ start: 0, end: 9 });
  });

  it('pages older and newer by a window', () => {
    expect(olderEnd(100, 99)).toBe(59);
    expect(olderEnd(100, 45)).toBe(39);
    expect(newerEnd(100, 39)).toBe(79);
    expect(newerEnd(100, 79)).toBeNull();
  });
});

describe('slot cells', () => {
  // S1 knows slots 0 and 1 chosen; S2 accepted slot 1 in round 2 and knows only slot 0.
  const v = view([
    mnode([chosen(1), chosen(2), EMPTY], 2),
    mnode([chosen(1), accepted(2), accepted(3)], 1),
    mnode([chosen(null)], 1),
  ]);

  it('maps chosen, accepted and empty cells with their ballot round', () => {
    expect(cellMark(v, 0, 'S1', true, 1)).toMatchObject({ kind: 'chosen', round: 2, edge: true });
    expect(cellMark(v, 1, 'S2', true, 1)).toMatchObject({
      kind: 'accepted',
      round: 2,
      edge: false,
    });
    expect(cellMark(v, 0, 'S1', true, 2)).toMatchObject({ kind: 'empty', round: null });
    expect(cellMark(v, 2, 'S3', true, 0)).toMatchObject({
      kind: 'chosen',
      round: null,
      edge: true,
    });
  });

  it('names every cell for people and screen readers', () => {
    expect(cellMark(v, 0, 'S1', true, 1).label).toBe(
      'S1 slot 1: chosen put x=1 (c1#1), accepted in (2,S1)',
    );
    expect(cellMark(v, 1, 'S2', true, 2).label).toBe(
      'S2 slot 2: accepted put x=2 (c1#2) in (3,S1), not known chosen',
    );
    expect(cellMark(v, 0, 'S1', true, 2).label).toBe('S1 slot 2: empty');
  });

  it('marks no commit point on a crashed node (it lost it)', () => {
    expect(cellMark(v, 0, 'S1', false, 1).edge).toBe(false);
  });

  it('reads cells relative to the window start; outside the window is empty', () => {
    const w = view([mnode([accepted(4)], 0)], 40);
    expect(cellAt(w, 0, 40)).toEqual(accepted(4));
    expect(cellAt(w, 0, 39).kind).toBe('empty');
    expect(cellAt(w, 0, 41).kind).toBe('empty');
    expect(cellAt(w, 5, 40).kind).toBe('empty');
  });

  it('names rows by what they hold', () => {
    expect(rowLabel(v, 0, 'S1', true)).toBe('S1 slots: 2 chosen, 0 accepted not known chosen');
    expect(rowLabel(v, 1, 'S2', true)).toBe('S2 slots: 1 chosen, 2 accepted not known chosen');
    expect(rowLabel(v, 0, 'S1', false)).toBe(
      'S1 slots: 2 chosen in view (persisted), 0 accepted not known chosen',
    );
  });
});

describe('the slot grid of a real failover', () => {
  it('shows the open slot accepted, then chosen by the new leader', () => {
    const s = openScenario('multi-paxos-leader-failover.json');
    const openSlot = (v: MultiPaxosView, i: number) =>
      v.nodes[i]!.cells.findIndex((c) => c.command?.startsWith('put x=open')) + v.slotStart;

    // Just after the leader crashed: its followers accepted the command, nobody knows it chosen.
    s.advanceTo(2100);
    let snap = s.snapshot(NO_VIEW, false, 1);
    let v = snap.view as MultiPaxosView;
    expect(snap.leader).toBeNull();
    const slot = openSlot(v, 1);
    expect(slot).toBeGreaterThan(0);
    snap.nodes.forEach((n, i) => {
      if (n.up) expect(cellMark(v, i, n.id, n.up, slot).kind).toBe('accepted');
    });

    // The new leader re-proposed it in the same slot: chosen on every up node.
    s.advanceTo(3000);
    snap = s.snapshot(NO_VIEW, false, 1);
    v = snap.view as MultiPaxosView;
    const leader = snap.nodes.findIndex((n) => n.id === snap.leader);
    expect(leader).toBeGreaterThan(0);
    const mark = cellMark(v, leader, snap.leader!, true, slot);
    expect(mark.kind).toBe('chosen');
    expect(mark.label).toMatch(new RegExp(`^${snap.leader} slot ${slot}: chosen put x=open`));
    expect(mark.round).toBeGreaterThan(1);
  });

  it('windows the grid through the view request, as the store asks', () => {
    const s = openScenario('multi-paxos-leader-failover.json');
    s.advanceTo(6000);
    const whole = s.snapshot(NO_VIEW, false, 1).view as MultiPaxosView;
    const w = slotWindow(whole.slots, 20);
    const v = s.snapshot({ ...NO_VIEW, windowEnd: 20 }, false, 1).view as MultiPaxosView;
    expect(v.slotStart).toBe(w.start);
    expect(v.nodes[1]!.cells.length).toBe(w.end - w.start + 1);
    expect(cellAt(v, 1, 20)).toEqual(cellAt(whole, 1, 20));
  });
});
