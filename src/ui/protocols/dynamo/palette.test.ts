import { describe, expect, it } from 'vitest';
import { dynamoModule } from '../../../engine/protocols/dynamo/dynamo';
import { describeDynamoMessage } from '../../../engine/protocols/dynamo/describe';
import type { DynamoMessage, Version } from '../../../engine/protocols/dynamo/types';
import { kindColor } from '../../history/colors';
import {
  CLIENT,
  CLIENT_REPLY,
  legendClasses,
  messageInk,
  messageStyle,
  roleStyle,
} from '../common';
import { viewModule } from '../registry';
import { dynamoPalette } from './palette';
import { contrast, DARK_BACKGROUNDS } from '../contrast';

const v: Version = { value: 'a', ts: 1, node: 'S1', seq: 1, clock: { S1: 1 } };
/** One message of every type: the mapped type makes a new message type a compile error here. */
const SAMPLES: { [K in DynamoMessage['type']]: Extract<DynamoMessage, { type: K }> } = {
  'put-replica': { type: 'put-replica', coord: 1, key: 'x', version: v, hint: null },
  'put-ack': { type: 'put-ack', coord: 1, key: 'x' },
  'get-replica': { type: 'get-replica', coord: 1, key: 'x' },
  'get-reply': { type: 'get-reply', coord: 1, key: 'x', versions: [v] },
  repair: { type: 'repair', key: 'x', versions: [v] },
  handoff: { type: 'handoff', key: 'x', versions: [v] },
  'handoff-ack': { type: 'handoff-ack', key: 'x', versions: [v] },
  merkle: { type: 'merkle', level: 0, hashes: { 0: 7 } },
  sync: { type: 'sync', digests: { x: 1 }, buckets: [3] },
  'sync-reply': { type: 'sync-reply', data: {}, want: ['x'] },
  'sync-data': { type: 'sync-data', data: { x: [v] } },
};
/** A put to a stand-in (a fallback holding it for S3) is its own class. */
const HINTED: DynamoMessage = { ...SAMPLES['put-replica'], hint: 'S3' };
const MESSAGES: DynamoMessage[] = [...Object.values(SAMPLES), HINTED];
const CLASSES = [...new Set(MESSAGES.map((m) => describeDynamoMessage(m).cls))];
const KINDS = MESSAGES.map((m) => dynamoModule.kind(m));

const BACKGROUNDS = DARK_BACKGROUNDS;

describe('the Dynamo palette', () => {
  it('is the one the registry gives for "dynamo"', () => {
    expect(viewModule('dynamo').palette).toBe(dynamoPalette);
  });

  it('styles exactly the classes the engine describes, none with the fallback', () => {
    expect(CLASSES).toHaveLength(9);
    const fallback = messageStyle(dynamoPalette, 'no such class');
    for (const cls of CLASSES) expect(messageStyle(dynamoPalette, cls), cls).not.toBe(fallback);
    expect(Object.keys(dynamoPalette.messages).sort()).toEqual([...CLASSES].sort());
  });

  it('gives every legend entry its own look and its own words', () => {
    const classes = legendClasses(dynamoPalette);
    const looks = classes.map((c) => JSON.stringify(messageStyle(dynamoPalette, c)));
    expect(new Set(looks).size).toBe(looks.length);
    const words = classes.map((c) => messageStyle(dynamoPalette, c).label);
    expect(new Set(words).size).toBe(words.length);
  });

  it('colours every class apart from the others and from client traffic', () => {
    const inks = CLASSES.map((c) => messageInk(dynamoPalette.messages[c]!));
    expect(new Set(inks).size).toBe(inks.length);
    for (const ink of inks) {
      expect(ink).not.toBe(CLIENT);
      expect(ink).not.toBe(CLIENT_REPLY);
    }
  });

  it('keeps every message and role ink at 3:1 or more against the dark background', () => {
    const inks = [
      ...CLASSES.map((c) => messageInk(dynamoPalette.messages[c]!)),
      ...Object.values(dynamoPalette.roles).map((r) => r.color),
    ];
    for (const ink of inks)
      for (const bg of BACKGROUNDS) expect(contrast(ink, bg), `${ink} on ${bg}`).toBeGreaterThan(3);
  });

  it('draws every message kind of the trace with a Dynamo class', () => {
    expect(Object.keys(dynamoPalette.kindClass).sort()).toEqual([...new Set(KINDS)].sort());
    for (const m of MESSAGES) {
      const kind = dynamoModule.kind(m);
      const cls = dynamoPalette.kindClass[kind]!;
      expect(CLASSES, kind).toContain(cls);
      expect(kindColor(dynamoPalette, kind)).toBe(messageInk(dynamoPalette.messages[cls]!));
    }
    // Where both the kind and the class are known they agree, a hinted put apart.
    for (const m of Object.values(SAMPLES))
      expect(dynamoPalette.kindClass[m.type]).toBe(describeDynamoMessage(m).cls);
  });

  it('draws the two roles apart, and a crashed server as crashed', () => {
    const coordinator = roleStyle(dynamoPalette, 'coordinator');
    const replica = roleStyle(dynamoPalette, 'replica');
    expect(coordinator.color).not.toBe(replica.color);
    expect(coordinator.shape).not.toBe(replica.shape ?? 'circle');
    expect(roleStyle(dynamoPalette, 'down')).not.toEqual(replica);
  });
});
