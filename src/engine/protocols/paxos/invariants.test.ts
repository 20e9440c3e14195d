/**
 * The Paxos invariant checkers must fire on a broken cluster and stay quiet on a healthy one.
 * States are built by hand (only the shared core matters to the checkers) so that every
 * violation can be produced on purpose.
 */
import { describe, expect, it } from 'vitest';
import type { CheckView, InvariantChecker } from '../../types';
import type { Ballot } from './ballot';
import type { PaxosCore } from './core';
import { emptyStable, noteWrite } from './core';
import { paxosCheckers } from './invariants';

type Core = PaxosCore<string>;
type Checker = InvariantChecker<Core, unknown>;
const [agreement, validity, promiseKept, learnedStability] = paxosCheckers<Core, string>(
  (v) => v,
) as [Checker, Checker, Checker, Checker];
const b = (round: number, node: string): Ballot => ({ round, node });

function core(id: string): Core {
  return { id, ...emptyStable<string>() };
}

/** A cluster of `size` hand-made nodes and a checker's memory; `touch` checks one node. */
function harness(checker: InvariantChecker<Core, unknown>, size = 3) {
  const nodes = Array.from({ length: size }, (_, i) => core(`S${i + 1}`));
  const memory = checker.initialMemory();
  let event = 0;
  return {
    nodes,
    node: (id: string) => nodes.find((n) => n.id === id)!,
    touch(id: string): string | null {
      const view: CheckView<Core> = {
        nodes: nodes.map((s) => ({ id: s.id, up: true, state: s })),
        time: event,
        eventId: event++,
        touched: id,
      };
      nodes.find((n) => n.id === id)!.version++;
      return checker.check(view, memory);
    },
  };
}

// Writes go through the journal as the protocol's do: the checkers look at the slots written.
const accepted = (n: Core, slot: number, ballot: Ballot, value: string) => {
  n.accepted[slot] = Object.freeze({ ballot, value });
  if (n.promised === null || n.promised.round < ballot.round) n.promised = ballot;
  noteWrite(n, slot, false);
};
const chosen = (n: Core, slot: number, value: string) => {
  n.chosen[slot] = Object.freeze({ value });
  noteWrite(n, slot, true);
};
const proposed = (n: Core, slot: number, value: string) => {
  n.proposals.push({ time: 0, slot, value });
};

describe('Agreement', () => {
  it('fires when a majority accepts a second value in a slot, in a later ballot', () => {
    const h = harness(agreement);
    accepted(h.node('S1'), 0, b(1, 'S1'), 'a');
    accepted(h.node('S2'), 0, b(1, 'S1'), 'a');
    expect(h.touch('S1')).toBeNull();
    expect(h.touch('S2')).toBeNull(); // chosen: a
    accepted(h.node('S2'), 0, b(2, 'S3'), 'c');
    accepted(h.node('S3'), 0, b(2, 'S3'), 'c');
    expect(h.touch('S2')).toBeNull();
    expect(h.touch('S3')).toBe(
      'slot 0: c chosen (a majority accepted (2,S3): S2, S3) but a was chosen (a majority accepted (1,S1): S1, S2)',
    );
  });

  it('fires when two learners learn different values, even at different moments', () => {
    const h = harness(agreement);
    chosen(h.node('S1'), 3, 'a');
    expect(h.touch('S1')).toBeNull();
    chosen(h.node('S3'), 3, 'b');
    expect(h.touch('S3')).toBe('slot 3: b chosen (learned by S3) but a was chosen (learned by S1)');
  });

  it('stays quiet when a later ballot re-proposes the chosen value, and when minorities differ', () => {
    const h = harness(agreement, 5);
    for (const id of ['S1', 'S2', 'S3']) accepted(h.node(id), 0, b(1, 'S1'), 'a');
    accepted(h.node('S4'), 1, b(1, 'S1'), 'x');
    accepted(h.node('S5'), 1, b(2, 'S5'), 'y');
    for (const id of ['S3', 'S4', 'S5']) accepted(h.node(id), 0, b(3, 'S5'), 'a');
    for (const n of h.nodes) expect(h.touch(n.id)).toBeNull();
  });

  it('skips events that changed no protocol state, and nodes whose version did not move', () => {
    const h = harness(agreement);
    chosen(h.node('S1'), 0, 'a');
    chosen(h.node('S2'), 0, 'b');
    const view: CheckView<Core> = {
      nodes: h.nodes.map((s) => ({ id: s.id, up: true, state: s })),
      time: 0,
      eventId: 0,
      touched: null,
    };
    expect(agreement.check(view, agreement.initialMemory())).toBeNull();
    expect(h.touch('S1')).toBeNull();
    expect(h.touch('S2')).not.toBeNull();
  });
});

describe('Validity', () => {
  it('fires when an acceptor accepts, or a learner learns, a value nobody proposed in that slot', () => {
    const h = harness(validity);
    proposed(h.node('S1'), 0, 'a');
    accepted(h.node('S1'), 0, b(1, 'S1'), 'a');
    expect(h.touch('S1')).toBeNull();
    accepted(h.node('S2'), 1, b(1, 'S1'), 'a');
    expect(h.touch('S2')).toBe('S2 accepted a in slot 1, which no proposer proposed there');
    chosen(h.node('S3'), 0, 'z');
    expect(h.touch('S3')).toBe('S3 learned z in slot 0, which no proposer proposed there');
  });
});

describe('Promise Kept', () => {
  it('fires when an acceptor accepts below its promise', () => {
    const h = harness(promiseKept);
    const s2 = h.node('S2');
    s2.promised = b(3, 'S3');
    expect(h.touch('S2')).toBeNull();
    s2.accepted[0] = Object.freeze({ ballot: b(2, 'S1'), value: 'a' });
    noteWrite(s2, 0, false);
    expect(h.touch('S2')).toBe('S2 accepted (2,S1) in slot 0 after promising (3,S3)');
  });

  it('fires when an acceptor goes back on its promise (stable storage lost)', () => {
    const h = harness(promiseKept);
    h.node('S2').promised = b(3, 'S3');
    expect(h.touch('S2')).toBeNull();
    h.node('S2').promised = b(1, 'S1');
    expect(h.touch('S2')).toBe('S2 went back on its promise: (3,S3), now (1,S1)');
  });

  it('fires when an acceptor forgets what it accepted; quiet on a copy of the same entry', () => {
    const h = harness(promiseKept);
    accepted(h.node('S1'), 0, b(1, 'S1'), 'a');
    expect(h.touch('S1')).toBeNull();
    h.node('S1').accepted = structuredClone(h.node('S1').accepted);
    expect(h.touch('S1')).toBeNull();
    h.node('S1').accepted = [];
    expect(h.touch('S1')).toBe('S1 forgot what it accepted in slot 0');
  });
});

describe('Learned Stability', () => {
  it('fires when a learned value changes or disappears', () => {
    const h = harness(learnedStability);
    chosen(h.node('S1'), 0, 'a');
    chosen(h.node('S1'), 1, 'b');
    expect(h.touch('S1')).toBeNull();
    chosen(h.node('S1'), 1, 'c');
    expect(h.touch('S1')).toBe('S1 learned b in slot 1, now holds c');
    h.node('S1').chosen = [];
    expect(h.touch('S1')).toBe('S1 learned a in slot 0, now holds nothing');
  });
});

describe('the write journal', () => {
  it('more writes between two checks than the journal holds: every slot is compared', () => {
    const h = harness(learnedStability);
    chosen(h.node('S1'), 0, 'a');
    expect(h.touch('S1')).toBeNull();
    h.node('S1').chosen[0] = Object.freeze({ value: 'z' }); // not journaled …
    for (let slot = 1; slot <= 100; slot++) chosen(h.node('S1'), slot, `v${slot}`); // … and pushed out
    expect(h.touch('S1')).toBe('S1 learned a in slot 0, now holds z');
  });
});
