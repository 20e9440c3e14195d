import { describe, expect, it } from 'vitest';
import type { PaxosNodeView, PaxosView } from '../../../../engine/protocols/paxos/single/view';
import { RETRY_TIMER } from '../../../../engine/protocols/paxos/single/timers';
import type { NodeView, RunInfo } from '../../../../worker/protocol';
import { viewModule } from '../../registry';
import { openScenario, snapshots } from '../shared/testkit';
import { acceptorLine, paxosLines, proposerLine } from './decor';
import { newestTallies } from './PaxosInspector';
import { paxosStatus, paxosView } from '.';

const b = (round: number, node = 'S1') => ({ round, node });
const pnode = (over: Partial<PaxosNodeView>): PaxosNodeView => ({
  proposer: true,
  phase: 'idle',
  ballot: null,
  promised: null,
  accepted: null,
  chosen: null,
  promises: 0,
  ...over,
});
const node = (over: Partial<NodeView>): NodeView => ({
  id: 'S1',
  up: true,
  pausedUntil: 0,
  role: 'proposer',
  epoch: 1,
  leads: false,
  campaigns: false,
  timers: [],
  ...over,
});

describe('the Paxos view module', () => {
  it('is registered as "paxos" and drains the engine retry timer', () => {
    expect(viewModule('paxos')).toBe(paxosView);
    expect(paxosView.arcTimer).toBe(RETRY_TIMER);
  });

  it('puts the retry timeout and back-off on the status line', () => {
    const run = (config: unknown) => ({ config }) as RunInfo;
    expect(paxosStatus(run({ retryTimeout: { min: 30, max: 30 }, backoff: 'none' }))).toBe(
      'retry 30 ms, no back-off',
    );
    expect(paxosStatus(run({ retryTimeout: { min: 150, max: 300 }, backoff: 'randomized' }))).toBe(
      'retry 150–300 ms, randomized back-off',
    );
    expect(paxosStatus(run(null))).toBeNull();
  });

  it('offers a minority split, and no leader to isolate', () => {
    const presets = paxosView.presets({ ids: ['S1', 'S2', 'S3', 'S4', 'S5'], leader: null });
    expect(presets.map((p) => p.label)).toEqual(['Split 2 | 3']);
    expect(presets[0]!.action).toEqual({
      type: 'partition',
      groups: [
        ['S1', 'S2'],
        ['S3', 'S4', 'S5'],
      ],
    });
  });
});

describe('Paxos captions', () => {
  it('a proposer says its phase, ballot and promises counted', () => {
    expect(proposerLine(pnode({ phase: 'preparing', ballot: b(2), promises: 2 }), 3)).toEqual({
      text: 'prepare (2,S1) 2/3',
      tone: 'phase1',
    });
    expect(proposerLine(pnode({ phase: 'accepting', ballot: b(2) }), 3)?.text).toBe(
      'accept (2,S1)',
    );
    expect(proposerLine(pnode({ phase: 'waiting', ballot: b(2) }), 3)?.text).toBe(
      'retry after (2,S1)',
    );
    expect(proposerLine(pnode({ proposer: false }), 3)).toBeNull();
  });

  it('a node that learned says what, whatever its proposer does', () => {
    expect(proposerLine(pnode({ chosen: 'v-S2', phase: 'learned' }), 3)).toEqual({
      text: 'learned v-S2',
      tone: 'learned',
    });
    expect(proposerLine(pnode({ proposer: false, chosen: 'v-S2' }), 3)?.text).toBe('learned v-S2');
  });

  it('an acceptor says what it promised and accepted', () => {
    expect(acceptorLine(pnode({})).text).toBe('no promise');
    expect(acceptorLine(pnode({ promised: b(2, 'S2') })).text).toBe('promised (2,S2)');
    expect(
      acceptorLine(pnode({ promised: b(2, 'S2'), accepted: { ballot: b(2, 'S2'), value: 'v-S2' } }))
        .text,
    ).toBe('accepted (2,S2) v-S2');
    expect(
      acceptorLine(pnode({ promised: b(3, 'S1'), accepted: { ballot: b(2, 'S2'), value: 'v-S2' } }))
        .text,
    ).toBe('P (3,S1) A (2,S2) v-S2');
  });

  it('decorates up nodes only', () => {
    const view: PaxosView = { nodes: [pnode({ promised: b(1) })], quorum: 2, chosen: null };
    const d = paxosView.decoration!.decorate;
    expect(d(node({}), 0, view, ['S1'])?.lines.map((l) => l.text)).toEqual(['promised (1,S1)']);
    expect(d(node({ up: false }), 0, view, ['S1'])).toBeNull();
    expect(paxosLines(pnode({ phase: 'preparing', ballot: b(1), promises: 1 }), 2)).toHaveLength(2);
  });

  it('in the happy path, shows phase 1, then phase 2, then the learned value', () => {
    const seen: string[] = [];
    for (const snap of snapshots(openScenario('paxos-happy-path.json'), 200)) {
      const v = snap.view as PaxosView;
      const text = paxosLines(v.nodes[0]!, v.quorum)[0]!.text;
      if (seen.at(-1) !== text) seen.push(text);
    }
    expect(seen[0]).toMatch(/^prepare \(1,S1\) 1\/3$/);
    // The third promise of five makes the quorum: phase 2 starts at once.
    expect(seen.slice(0, 3)).toEqual(['prepare (1,S1) 1/3', 'prepare (1,S1) 2/3', 'accept (1,S1)']);
    expect(seen.at(-1)).toBe('learned v-S1');
  });
});

describe('the learner tally table', () => {
  it('lists the newest ballots first, ties broken by node as ballots are ordered', () => {
    const t = (round: number, node: string) => ({ ballot: b(round, node), value: 'v', by: [] });
    const tallies = [t(1, 'S1'), t(3, 'S2'), t(3, 'S10'), t(2, 'S9')];
    expect(newestTallies(tallies, 3).map((x) => `${x.ballot.round},${x.ballot.node}`)).toEqual([
      '3,S10',
      '3,S2',
      '2,S9',
    ]);
  });
});
