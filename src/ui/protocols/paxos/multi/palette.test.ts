import { describe, expect, it } from 'vitest';
import { multiPaxosModule } from '../../../../engine/protocols/paxos/multi/multiPaxos';
import type { MultiMessage } from '../../../../engine/protocols/paxos/multi/types';
import { kindColor } from '../../../history/colors';
import {
  CLIENT_CLASSES,
  classOfKind,
  legendClasses,
  messageInk,
  messageStyle,
  roleStyle,
} from '../../common';
import { viewModule } from '../../registry';
import { paxosPalette } from '../single/palette';
import { wireClasses } from '../shared/testkit';
import { multiPaxosPalette } from './palette';

const b = (round: number, node = 'S1') => ({ round, node });
const put = { client: 'c1', seq: 1, op: { type: 'put' as const, key: 'x', value: '1' } };
/** One message of every type: the mapped type makes a new message type a compile error here. */
const SAMPLES: { [K in MultiMessage['type']]: Extract<MultiMessage, { type: K }> } = {
  prepare: { type: 'prepare', ballot: b(1), from: 0 },
  promise: { type: 'promise', ballot: b(1), accepted: [] },
  accept: { type: 'accept', ballot: b(1), entries: [{ slot: 0, command: put }], commit: 0 },
  accepted: { type: 'accepted', ballot: b(1), slots: [0] },
  nack: { type: 'nack', ballot: b(1), promised: b(2, 'S2') },
  heartbeat: { type: 'heartbeat', ballot: b(1), commit: 1 },
  'catch-up': { type: 'catch-up', from: 0 },
  chosen: { type: 'chosen', entries: [{ slot: 0, command: null }] },
};
const MESSAGES = Object.values(SAMPLES);
const CLASSES = MESSAGES.map((m) => multiPaxosModule.describe(m).cls);
const KINDS = MESSAGES.map((m) => multiPaxosModule.kind(m));

describe('the Multi-Paxos palette', () => {
  it('is the one the registry gives for "multi-paxos"', () => {
    expect(viewModule('multi-paxos').palette).toBe(multiPaxosPalette);
  });

  it('styles every class the engine describes, none with the fallback', () => {
    const fallback = messageStyle(multiPaxosPalette, 'no such class');
    for (const cls of CLASSES) expect(messageStyle(multiPaxosPalette, cls), cls).not.toBe(fallback);
    expect(Object.keys(multiPaxosPalette.messages).sort()).toEqual([...new Set(CLASSES)].sort());
  });

  it('covers every class a shipped failover run puts on the wire', () => {
    const { classes } = wireClasses('multi-paxos-leader-failover.json', 2600);
    for (const cls of ['prepare', 'promise', 'accept', 'accepted', 'heartbeat'])
      expect(classes).toContain(cls);
    for (const cls of classes) expect(multiPaxosPalette.messages[cls], cls).toBeDefined();
  });

  it('gives every legend entry its own look and ink', () => {
    const classes = legendClasses(multiPaxosPalette);
    expect(classes.slice(-2)).toEqual([...CLIENT_CLASSES]);
    const looks = classes.map((c) => JSON.stringify(messageStyle(multiPaxosPalette, c)));
    expect(new Set(looks).size).toBe(looks.length);
    const inks = classes.map((c) => messageInk(messageStyle(multiPaxosPalette, c)));
    expect(new Set(inks).size).toBe(inks.length);
  });

  it('draws the phases as single-decree Paxos does', () => {
    for (const cls of ['prepare', 'promise', 'accept', 'accepted', 'nack'])
      expect(multiPaxosPalette.messages[cls]).toBe(paxosPalette.messages[cls]);
  });

  it('colours each kind in the space-time diagram as the cluster draws its class', () => {
    MESSAGES.forEach((_, k) => {
      const cls = classOfKind(multiPaxosPalette, KINDS[k]);
      expect(cls).toBe(CLASSES[k]);
      expect(kindColor(multiPaxosPalette, KINDS[k]!)).toBe(
        messageInk(multiPaxosPalette.messages[cls]!),
      );
    });
  });

  it('draws leader, candidate and follower apart', () => {
    const [leader, candidate, follower] = ['leader', 'candidate', 'follower'].map((r) =>
      roleStyle(multiPaxosPalette, r),
    );
    expect(new Set([leader!.color, candidate!.color, follower!.color]).size).toBe(3);
    expect(leader!.shape).toBe('hexagon');
    expect(candidate!.shape).toBe('diamond');
  });
});
