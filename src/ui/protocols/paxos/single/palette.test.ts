import { describe, expect, it } from 'vitest';
import { paxosModule } from '../../../../engine/protocols/paxos/single/paxos';
import type { PaxosMessage } from '../../../../engine/protocols/paxos/single/types';
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
import { wireClasses } from '../shared/testkit';
import { paxosPalette } from './palette';

const b = (round: number, node = 'S1') => ({ round, node });
/** One message of every type: the mapped type makes a new message type a compile error here. */
const SAMPLES: { [K in PaxosMessage['type']]: Extract<PaxosMessage, { type: K }> } = {
  prepare: { type: 'prepare', ballot: b(1) },
  promise: { type: 'promise', ballot: b(1), accepted: null },
  accept: { type: 'accept', ballot: b(1), value: 'v-S1' },
  accepted: { type: 'accepted', ballot: b(1), value: 'v-S1' },
  nack: { type: 'nack', ballot: b(1), promised: b(2, 'S2') },
};
const MESSAGES = Object.values(SAMPLES);
/** The classes and kinds the engine gives every message type. */
const CLASSES = MESSAGES.map((m) => paxosModule.describe(m).cls);
const KINDS = MESSAGES.map((m) => paxosModule.kind(m));

describe('the Paxos palette', () => {
  it('is the one the registry gives for "paxos"', () => {
    expect(viewModule('paxos').palette).toBe(paxosPalette);
  });

  it('styles every class the engine describes, none with the fallback', () => {
    const fallback = messageStyle(paxosPalette, 'no such class');
    for (const cls of CLASSES) {
      expect(paxosPalette.messages[cls], cls).toBeDefined();
      expect(messageStyle(paxosPalette, cls)).not.toBe(fallback);
    }
    expect(Object.keys(paxosPalette.messages).sort()).toEqual([...new Set(CLASSES)].sort());
  });

  it('covers every class the shipped scenarios put on the wire', () => {
    const seen = [
      ...wireClasses('paxos-happy-path.json', 200).classes,
      ...wireClasses('paxos-dueling-livelock.json', 300).classes,
    ];
    expect(new Set(seen)).toEqual(new Set(['prepare', 'promise', 'accept', 'accepted', 'nack']));
    for (const cls of seen) expect(paxosPalette.messages[cls], cls).toBeDefined();
  });

  it('gives every legend entry its own look, and its own ink in the space-time diagram', () => {
    const classes = legendClasses(paxosPalette);
    expect(classes).toEqual([
      'prepare',
      'promise',
      'accept',
      'accepted',
      'nack',
      ...CLIENT_CLASSES,
    ]);
    const looks = classes.map((c) => JSON.stringify(messageStyle(paxosPalette, c)));
    expect(new Set(looks).size).toBe(looks.length);
    const inks = classes.map((c) => messageInk(messageStyle(paxosPalette, c)));
    expect(new Set(inks).size).toBe(inks.length);
  });

  it('draws requests as circles and acceptor answers as diamonds', () => {
    for (const cls of ['prepare', 'accept'])
      expect(paxosPalette.messages[cls]!.shape).toBe('circle');
    for (const cls of ['promise', 'accepted', 'nack'])
      expect(paxosPalette.messages[cls]!.shape).toBe('diamond');
  });

  it('colours each kind in the space-time diagram as the cluster draws its class', () => {
    MESSAGES.forEach((_, k) => {
      const cls = classOfKind(paxosPalette, KINDS[k]);
      expect(cls).toBe(CLASSES[k]);
      expect(kindColor(paxosPalette, KINDS[k]!)).toBe(messageInk(paxosPalette.messages[cls]!));
    });
  });

  it('labels messages with the phase they belong to', () => {
    expect(paxosPalette.messages.prepare!.label).toBe('prepare (1a)');
    expect(paxosPalette.messages.accepted!.label).toBe('accepted (2b)');
  });

  it('draws the roles the engine reports apart, and a crashed node as crashed', () => {
    const roles = ['proposer', 'acceptor', 'learner'];
    expect(Object.keys(paxosPalette.roles)).toEqual(roles);
    expect(new Set(roles.map((r) => roleStyle(paxosPalette, r).color)).size).toBe(3);
    expect(roleStyle(paxosPalette, 'down')).not.toEqual(roleStyle(paxosPalette, 'acceptor'));
  });
});
