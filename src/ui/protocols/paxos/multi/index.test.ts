import { describe, expect, it } from 'vitest';
import { LEADER_TIMER } from '../../../../engine/protocols/paxos/multi/timers';
import type {
  MultiPaxosNodeView,
  MultiPaxosView,
} from '../../../../engine/protocols/paxos/multi/view';
import type { NodeView, RunInfo } from '../../../../worker/protocol';
import { viewModule } from '../../registry';
import { multiLines } from './decor';
import { prefixText } from './slots';
import { SlotGrid } from './SlotGrid';
import { multiPaxosStatus, multiPaxosView } from '.';

const b = (round: number, node = 'S1') => ({ round, node });
const mnode = (over: Partial<MultiPaxosNodeView>): MultiPaxosNodeView => ({
  role: 'follower',
  ballot: null,
  promised: null,
  leaderId: null,
  commit: 0,
  applied: 0,
  promises: 0,
  cells: [],
  leaderDeadline: 0,
  leaderDrawn: 0,
  ...over,
});

describe('the Multi-Paxos view module', () => {
  it('is registered as "multi-paxos", drains the engine leader timer, and has the slot grid', () => {
    expect(viewModule('multi-paxos')).toBe(multiPaxosView);
    expect(multiPaxosView.arcTimer).toBe(LEADER_TIMER);
    expect(multiPaxosView.panels).toEqual([SlotGrid]);
  });

  it('puts the leader timeout and heartbeat on the status line', () => {
    const run = {
      config: { leaderTimeout: { min: 150, max: 300 }, heartbeatInterval: 50 },
    } as RunInfo;
    expect(multiPaxosStatus(run)).toBe('leader timeout 150–300 ms, heartbeat 50 ms');
    expect(multiPaxosStatus({ config: null } as RunInfo)).toBeNull();
  });

  it('offers isolating the leader and a minority split with it', () => {
    const ids = ['S1', 'S2', 'S3', 'S4', 'S5'];
    const [isolate, split] = multiPaxosView.presets({ ids, leader: 'S3' });
    expect(isolate!.action).toEqual({ type: 'partition', groups: [['S3']] });
    expect(split!.action).toEqual({
      type: 'partition',
      groups: [
        ['S3', 'S1'],
        ['S2', 'S4', 'S5'],
      ],
    });
    expect(multiPaxosView.presets({ ids, leader: null })[0]!.action).toBeNull();
  });
});

describe('Multi-Paxos captions', () => {
  it('says each role’s ballot, and how many slots the node knows chosen', () => {
    expect(multiLines(mnode({ role: 'leader', ballot: b(3), commit: 12 }), 3)).toEqual([
      { text: 'leads (3,S1)', tone: 'phase2' },
      { text: '12 chosen', tone: 'chosen' },
    ]);
    expect(multiLines(mnode({ role: 'candidate', ballot: b(4, 'S2'), promises: 2 }), 3)[0]).toEqual(
      { text: 'prepare (4,S2) 2/3', tone: 'phase1' },
    );
    expect(multiLines(mnode({ promised: b(3) }), 3).map((l) => l.text)).toEqual([
      'promised (3,S1)',
      'no slot chosen',
    ]);
    expect(multiLines(mnode({ role: 'down' }), 3)).toEqual([]);
  });

  it('decorates up nodes only', () => {
    const view = { nodes: [mnode({})], slotStart: 0, slots: 0, clusterCommit: 0, quorum: 1 };
    const node = { id: 'S1', up: false, pausedUntil: 0, role: 'down', epoch: 0 } as NodeView;
    expect(multiPaxosView.decoration!.decorate(node, 0, view as MultiPaxosView, ['S1'])).toBeNull();
  });
});

describe('the Multi-Paxos inspector', () => {
  it('writes a commit point as the slots below it', () => {
    expect(prefixText(0)).toBe('none');
    expect(prefixText(1)).toBe('slot 0');
    expect(prefixText(17)).toBe('slots 0–16');
  });
});
