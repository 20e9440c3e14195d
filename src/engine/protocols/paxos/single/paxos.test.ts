/**
 * Single-decree Paxos message by message, against Paxos Made Simple §2 (section numbers in the
 * test names): the proposer's two phases, the acceptor's rules, the learner's majority, and the
 * crash-recovery of §2.3's stable storage.
 */
import { describe, expect, it } from 'vitest';
import type { Ballot } from '../ballot';
import type { PaxosConfig } from '../config';
import { paxosConfig, TestNode } from '../testkit';
import { paxosModule } from './paxos';
import { RETRY_TIMER } from './timers';
import type { PaxosMessage, PaxosPersistent, PaxosState } from './types';

type Node = TestNode<PaxosState, PaxosMessage, PaxosPersistent>;

const b = (round: number, node: string): Ballot => ({ round, node });

function node(
  id = 'S1',
  size = 3,
  config: Partial<PaxosConfig> = {},
  persisted?: PaxosPersistent,
  randoms: number[] = [],
): Node {
  return new TestNode(paxosModule, id, size, paxosConfig(config), persisted, randoms);
}

/** S1 of `size` after its first ballot (1,S1): phase 1 sent. */
function preparing(size = 3, config: Partial<PaxosConfig> = {}): Node {
  const n = node('S1', size, config);
  n.fire(RETRY_TIMER);
  return n;
}

const promiseMsg = (
  ballot: Ballot,
  accepted: { ballot: Ballot; value: string } | null = null,
): PaxosMessage => ({ type: 'promise', ballot, accepted });

describe('§2.2–2.3 the proposer, phase 1', () => {
  it('a proposer starts at once: ballot (1,S1), its own acceptor promises, a prepare to every peer', () => {
    const n = node('S1', 3);
    expect(n.timers[RETRY_TIMER]).toBe(0);
    const sent = n.fire(RETRY_TIMER);
    expect(n.state.phase).toBe('preparing');
    expect(n.state.ballot).toEqual(b(1, 'S1'));
    expect(n.state.promised).toEqual(b(1, 'S1'));
    expect(n.state.promises).toEqual(['S1']);
    expect(sent).toEqual([
      { to: 'S2', msg: { type: 'prepare', ballot: b(1, 'S1') } },
      { to: 'S3', msg: { type: 'prepare', ballot: b(1, 'S1') } },
    ]);
  });

  it('a node not in paxos.proposers never proposes, even when its timer is fired', () => {
    const n = node('S2', 3, { proposers: ['S1'] });
    expect(n.state.phase).toBe('idle');
    expect(n.timers).toEqual({});
    expect(n.fire(RETRY_TIMER)).toEqual([]);
    expect(paxosModule.observe(n.state).role).toBe('acceptor');
  });

  it('each proposer puts forward its own value: paxos.values, or "v-<id>"', () => {
    expect(node('S1', 3, { values: { S1: 'apple' } }).state.ownValue).toBe('apple');
    expect(node('S2', 3, { values: { S1: 'apple' } }).state.ownValue).toBe('v-S2');
  });

  it('a new ballot goes above every round the node has promised or used', () => {
    const n = node('S1', 3);
    n.receive('S3', { type: 'prepare', ballot: b(7, 'S3') });
    n.fire(RETRY_TIMER);
    expect(n.state.ballot).toEqual(b(8, 'S1'));
    n.fire(RETRY_TIMER);
    expect(n.state.ballot).toEqual(b(9, 'S1'));
  });

  it.each([
    { size: 1, promises: 0, phase: 'learned' },
    { size: 3, promises: 1, phase: 'accepting' },
    { size: 5, promises: 1, phase: 'preparing' },
    { size: 5, promises: 2, phase: 'accepting' },
    { size: 4, promises: 1, phase: 'preparing' },
    { size: 4, promises: 2, phase: 'accepting' },
  ])(
    'in a cluster of $size, $promises promises besides its own leave it $phase',
    ({ size, promises, phase }) => {
      const n = preparing(size);
      for (let i = 0; i < promises; i++) n.receive(`S${i + 2}`, promiseMsg(b(1, 'S1')));
      expect(n.state.phase).toBe(phase);
    },
  );

  it('a duplicated promise counts once; a promise for an older ballot not at all', () => {
    const n = preparing(5);
    n.receive('S2', promiseMsg(b(1, 'S1')));
    n.receive('S2', promiseMsg(b(1, 'S1')));
    n.receive('S3', promiseMsg(b(0, 'S1')));
    expect(n.state.promises).toEqual(['S1', 'S2']);
    expect(n.state.phase).toBe('preparing');
  });
});

describe('§2.2 P2c: the value of the highest-numbered accepted proposal is adopted', () => {
  it.each([
    { reports: [null, null], value: 'v-S1', why: 'no acceptor accepted anything: its own value' },
    {
      reports: [{ ballot: b(1, 'S2'), value: 'x' }, null],
      value: 'x',
      why: 'the only accepted value',
    },
    {
      reports: [
        { ballot: b(1, 'S3'), value: 'low' },
        { ballot: b(2, 'S2'), value: 'high' },
      ],
      value: 'high',
      why: 'the higher round wins',
    },
    {
      reports: [
        { ballot: b(2, 'S3'), value: 'by-S3' },
        { ballot: b(2, 'S2'), value: 'by-S2' },
      ],
      value: 'by-S3',
      why: 'equal rounds: the higher node id wins',
    },
  ])('$why → $value', ({ reports, value }) => {
    const n = preparing(5);
    const sent = [
      ...n.receive('S2', promiseMsg(b(1, 'S1'), reports[0]!)),
      ...n.receive('S3', promiseMsg(b(1, 'S1'), reports[1]!)),
    ];
    expect(n.state.phase).toBe('accepting');
    expect(n.state.value).toBe(value);
    expect(sent.filter((s) => s.msg.type === 'accept').map((s) => s.msg)).toEqual(
      ['S2', 'S3', 'S4', 'S5'].map(() => ({ type: 'accept', ballot: b(1, 'S1'), value })),
    );
    // Only its own value counts as proposed by it.
    expect(n.state.proposals.map((p) => p.value)).toEqual(value === 'v-S1' ? ['v-S1'] : []);
  });

  it("the proposer's own accepted value counts like any acceptor's", () => {
    const n = node('S1', 3);
    n.receive('S2', { type: 'accept', ballot: b(1, 'S2'), value: 'v-S2' });
    n.fire(RETRY_TIMER);
    n.receive('S3', promiseMsg(b(2, 'S1')));
    expect(n.state.value).toBe('v-S2');
  });
});

describe('§2.3 the acceptor', () => {
  it('promises a prepare above its promise, reporting what it accepted; refuses one below', () => {
    const n = node('S2', 3, { proposers: [] as string[] });
    expect(n.receive('S1', { type: 'prepare', ballot: b(2, 'S1') })).toEqual([
      { to: 'S1', msg: promiseMsg(b(2, 'S1')) },
    ]);
    n.receive('S1', { type: 'accept', ballot: b(2, 'S1'), value: 'x' });
    expect(n.receive('S3', { type: 'prepare', ballot: b(3, 'S3') })).toEqual([
      { to: 'S3', msg: promiseMsg(b(3, 'S3'), { ballot: b(2, 'S1'), value: 'x' }) },
    ]);
    expect(n.receive('S1', { type: 'prepare', ballot: b(3, 'S1') })).toEqual([
      { to: 'S1', msg: { type: 'nack', ballot: b(3, 'S1'), promised: b(3, 'S3') } },
    ]);
    // A retransmitted prepare for the ballot it promised is answered again.
    expect(n.receive('S3', { type: 'prepare', ballot: b(3, 'S3') })[0]!.msg.type).toBe('promise');
  });

  it('accepts at or above its promise, tells every learner; refuses below (P1a)', () => {
    const n = node('S2', 3, { proposers: ['S1'] });
    n.receive('S3', { type: 'prepare', ballot: b(2, 'S3') });
    expect(n.receive('S1', { type: 'accept', ballot: b(1, 'S1'), value: 'a' })).toEqual([
      { to: 'S1', msg: { type: 'nack', ballot: b(1, 'S1'), promised: b(2, 'S3') } },
    ]);
    expect(n.state.accepted).toEqual([]);
    expect(n.receive('S3', { type: 'accept', ballot: b(2, 'S3'), value: 'c' })).toEqual([
      { to: 'S1', msg: { type: 'accepted', ballot: b(2, 'S3'), value: 'c' } },
      { to: 'S3', msg: { type: 'accepted', ballot: b(2, 'S3'), value: 'c' } },
    ]);
    // An accept above the promise is accepted, and promises its ballot.
    n.receive('S1', { type: 'accept', ballot: b(4, 'S1'), value: 'a' });
    expect(n.state.promised).toEqual(b(4, 'S1'));
    expect(n.state.accepted[0]).toEqual({ ballot: b(4, 'S1'), value: 'a' });
  });
});

describe('§2.3 learning a chosen value', () => {
  const accepted = (ballot: Ballot, value: string): PaxosMessage => ({
    type: 'accepted',
    ballot,
    value,
  });

  it('a learner learns once a majority of acceptors accepted the same ballot', () => {
    const n = node('S5', 5, { proposers: ['S1'] });
    n.receive('S1', accepted(b(1, 'S1'), 'a'));
    n.receive('S2', accepted(b(1, 'S1'), 'a'));
    expect(n.state.chosen).toEqual([]);
    n.receive('S3', accepted(b(1, 'S1'), 'a'));
    expect(n.state.chosen).toEqual([{ value: 'a' }]);
    expect(paxosModule.observe(n.state).role).toBe('learner');
  });

  it('a minority cannot choose: acceptances of different ballots do not add up, duplicates count once', () => {
    const n = node('S5', 5, { proposers: ['S1'] });
    n.receive('S1', accepted(b(1, 'S1'), 'a'));
    n.receive('S1', accepted(b(1, 'S1'), 'a'));
    n.receive('S2', accepted(b(1, 'S1'), 'a'));
    n.receive('S3', accepted(b(2, 'S3'), 'a'));
    n.receive('S4', accepted(b(2, 'S3'), 'a'));
    expect(n.state.chosen).toEqual([]);
    n.receive('S5', accepted(b(2, 'S3'), 'a')); // its own acceptor's report comes directly, but a copy is harmless
    expect(n.state.chosen).toEqual([{ value: 'a' }]);
  });

  it('a proposer that learns stops: no more ballots', () => {
    const n = preparing(3);
    n.receive('S2', promiseMsg(b(1, 'S1')));
    n.receive('S2', accepted(b(1, 'S1'), 'v-S1'));
    expect(n.state.phase).toBe('learned');
    expect(n.timers[RETRY_TIMER]).toBeUndefined();
    expect(n.fire(RETRY_TIMER)).toEqual([]);
  });
});

describe('§2.4 refusals and retries', () => {
  it('a refusal of the current ballot abandons it; the next ballot goes above the promise it carried', () => {
    const n = preparing(3);
    n.receive('S2', { type: 'nack', ballot: b(1, 'S1'), promised: b(5, 'S3') });
    expect(n.state.phase).toBe('waiting');
    // A late promise for the abandoned ballot changes nothing.
    expect(n.receive('S3', promiseMsg(b(1, 'S1')))).toEqual([]);
    n.fire(RETRY_TIMER);
    expect(n.state.ballot).toEqual(b(6, 'S1'));
  });

  it('a refusal of an older ballot is ignored', () => {
    const n = preparing(3);
    n.fire(RETRY_TIMER);
    n.receive('S2', { type: 'nack', ballot: b(1, 'S1'), promised: b(1, 'S2') });
    expect(n.state.phase).toBe('preparing');
  });

  it('backoff "none" draws every retry from [min, max]', () => {
    const n = node(
      'S1',
      3,
      { backoff: 'none', retryTimeout: { min: 100, max: 200 } },
      undefined,
      [0.5, 0.5, 0.5],
    );
    for (let i = 0; i < 3; i++) {
      n.fire(RETRY_TIMER);
      expect(n.timers[RETRY_TIMER]! - n.time).toBe(150); // the delay drawn
    }
  });

  it('backoff "randomized" doubles the window with every failed ballot, up to ×16', () => {
    const n = node('S1', 3, { backoff: 'randomized', retryTimeout: { min: 100, max: 200 } });
    n.randoms = Array<number>(10).fill(1);
    const drawn: number[] = [];
    for (let i = 0; i < 9; i++) {
      n.fire(RETRY_TIMER);
      drawn.push(n.timers[RETRY_TIMER]! - n.time);
    }
    expect(drawn).toEqual([200, 400, 800, 1600, 3200, 3200, 3200, 3200, 3200]);
    expect(n.state.failures).toBe(8);
  });
});

describe('§2.3 stable storage: a restarted acceptor keeps its promise', () => {
  it('after a crash it still refuses what its promise forbids, and reports what it accepted', () => {
    const n = node('S2', 3, { proposers: ['S1', 'S3'] });
    n.receive('S1', { type: 'accept', ballot: b(2, 'S1'), value: 'a' });
    n.receive('S3', { type: 'prepare', ballot: b(3, 'S3') });
    n.restart();
    expect(n.state.promised).toEqual(b(3, 'S3'));
    expect(n.receive('S1', { type: 'accept', ballot: b(2, 'S1'), value: 'z' })).toEqual([
      { to: 'S1', msg: { type: 'nack', ballot: b(2, 'S1'), promised: b(3, 'S3') } },
    ]);
    expect(n.receive('S1', { type: 'prepare', ballot: b(2, 'S1') })[0]!.msg.type).toBe('nack');
    expect(n.receive('S3', { type: 'prepare', ballot: b(4, 'S3') })).toEqual([
      { to: 'S3', msg: promiseMsg(b(4, 'S3'), { ballot: b(2, 'S1'), value: 'a' }) },
    ]);
  });

  it('a restarted proposer never reuses a round, and waits a retry delay before its next ballot', () => {
    const n = node('S1', 3, { retryTimeout: { min: 100, max: 100 } });
    n.fire(RETRY_TIMER);
    n.fire(RETRY_TIMER);
    n.restart();
    expect(n.state.phase).toBe('waiting');
    expect(n.state.ballot).toBeNull();
    expect(n.timers[RETRY_TIMER]).toBe(100);
    n.fire(RETRY_TIMER);
    expect(n.state.ballot).toEqual(b(3, 'S1'));
  });

  it('a restarted learner still knows the chosen value', () => {
    const n = node('S3', 3, { proposers: ['S1'] });
    n.receive('S1', { type: 'accepted', ballot: b(1, 'S1'), value: 'a' });
    n.receive('S2', { type: 'accepted', ballot: b(1, 'S1'), value: 'a' });
    n.restart();
    expect(n.state.chosen).toEqual([{ value: 'a' }]);
  });
});

describe('the module as the lab and the CLI read it', () => {
  it('summary: role, ballot, promised, accepted and chosen in slot 0', () => {
    const n = preparing(3);
    n.receive('S2', promiseMsg(b(1, 'S1')));
    const read = { id: 'S1', up: true, state: n.state, persisted: null };
    expect(paxosModule.summary(read)).toEqual({
      role: 'proposer',
      ballot: { round: 1, node: 'S1' },
      promised: { round: 1, node: 'S1' },
      accepted: [{ slot: 0, ballot: { round: 1, node: 'S1' }, command: 'v-S1' }],
      chosen: [],
    });
    const down = { id: 'S1', up: false, state: null, persisted: paxosModule.persistent(n.state) };
    expect(paxosModule.summary(down)).toMatchObject({
      role: 'down',
      ballot: null,
      promised: b(1, 'S1'),
    });
    expect(paxosModule.runSummary!([read])).toEqual({
      proposed: [{ time: 0, node: 'S1', slot: 0, command: 'v-S1' }],
    });
  });

  it('describe: a class per message kind and the ballot in the label', () => {
    expect(paxosModule.describe({ type: 'prepare', ballot: b(3, 'S2') })).toEqual({
      cls: 'prepare',
      epoch: 3,
      label: 'Prepare (3,S2)',
    });
    expect(
      paxosModule.describe({ type: 'nack', ballot: b(3, 'S2'), promised: b(4, 'S1') }).label,
    ).toBe('Nack (3,S2): promised (4,S1)');
  });

  it('view and detail are structured-cloneable', () => {
    const n = preparing(3);
    const reads = [{ id: 'S1', up: true, state: n.state, persisted: null }];
    const view = paxosModule.view(reads, { windowEnd: null });
    expect(structuredClone(view)).toEqual(view);
    expect(view.nodes[0]).toMatchObject({ phase: 'preparing', ballot: b(1, 'S1'), promises: 1 });
    expect(structuredClone(paxosModule.detail(reads[0]!))).toEqual(paxosModule.detail(reads[0]!));
  });

  it('clients are refused: single-decree Paxos takes no commands', () => {
    const n = node();
    n.request({ client: 'c1', seq: 1, op: { type: 'get', key: 'x' } });
    expect(n.replies[0]!.response).toEqual({ ok: false, error: 'not_supported', redirect: null });
  });
});
