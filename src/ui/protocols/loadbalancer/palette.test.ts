import { describe, expect, it } from 'vitest';
import { describeLbMessage } from '../../../engine/protocols/loadbalancer/describe';
import { loadBalancerModule } from '../../../engine/protocols/loadbalancer/loadbalancer';
import type { LbMessage } from '../../../engine/protocols/loadbalancer/types';
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
import { lbPalette } from './palette';
import { contrast, DARK_BACKGROUNDS } from '../contrast';

/** One message of every type: the mapped type makes a new message type a compile error here. */
const SAMPLES: { [K in LbMessage['type']]: Extract<LbMessage, { type: K }> } = {
  request: { type: 'request', id: 1, attempt: 1, key: 'k1' },
  response: {
    type: 'response',
    id: 1,
    attempt: 1,
    code: 200,
    arrivedAt: 0,
    startedAt: 0,
    servedAt: 10,
  },
  probe: { type: 'probe', seq: 1 },
  'probe-ok': { type: 'probe-ok', seq: 1 },
};
/** A refused request (the queue was full) is its own class. */
const REFUSED: LbMessage = { ...SAMPLES.response, code: 503, startedAt: null };
const MESSAGES: LbMessage[] = [...Object.values(SAMPLES), REFUSED];
/** Every class the engine's describe emits, derived from the engine, not listed by hand. */
const CLASSES = [...new Set(MESSAGES.map((m) => describeLbMessage(m).cls))];
const KINDS = MESSAGES.map((m) => loadBalancerModule.kind(m));

const BACKGROUNDS = DARK_BACKGROUNDS;

describe('the load-balancer palette', () => {
  it('is the one the registry gives for "loadbalancer"', () => {
    expect(viewModule('loadbalancer').palette).toBe(lbPalette);
  });

  it('styles exactly the classes the engine describes, none with the fallback', () => {
    expect(CLASSES.sort()).toEqual(['probe', 'refusal', 'request', 'response']);
    const fallback = messageStyle(lbPalette, 'no such class');
    for (const cls of CLASSES) expect(messageStyle(lbPalette, cls), cls).not.toBe(fallback);
    expect(Object.keys(lbPalette.messages).sort()).toEqual([...CLASSES].sort());
  });

  it('gives every legend entry its own look and its own words', () => {
    const classes = legendClasses(lbPalette);
    const looks = classes.map((c) => JSON.stringify(messageStyle(lbPalette, c)));
    expect(new Set(looks).size).toBe(looks.length);
    const words = classes.map((c) => messageStyle(lbPalette, c).label);
    expect(new Set(words).size).toBe(words.length);
  });

  it('colours every class apart from the others and from client traffic', () => {
    const inks = CLASSES.map((c) => messageInk(lbPalette.messages[c]!));
    expect(new Set(inks).size).toBe(inks.length);
    for (const ink of inks) expect([CLIENT, CLIENT_REPLY]).not.toContain(ink);
  });

  it('keeps every message and role ink at 3:1 or more against the dark background', () => {
    const inks = [
      ...CLASSES.map((c) => messageInk(lbPalette.messages[c]!)),
      ...Object.values(lbPalette.roles).map((r) => r.color),
    ];
    for (const ink of inks)
      for (const bg of BACKGROUNDS) expect(contrast(ink, bg), `${ink} on ${bg}`).toBeGreaterThan(3);
  });

  it('draws every message kind of the trace with a load-balancer class', () => {
    expect(Object.keys(lbPalette.kindClass).sort()).toEqual([...new Set(KINDS)].sort());
    for (const m of MESSAGES) {
      const kind = loadBalancerModule.kind(m);
      const cls = lbPalette.kindClass[kind]!;
      expect(CLASSES, kind).toContain(cls);
      expect(kindColor(lbPalette, kind)).toBe(messageInk(lbPalette.messages[cls]!));
    }
  });

  it('draws the backend role as the engine observes it, and a crashed one as crashed', () => {
    const role = loadBalancerModule.summary({ id: 'S1', up: true, state: null, persisted: null })
      .role as string;
    expect(lbPalette.roles[role]).toBeDefined();
    expect(roleStyle(lbPalette, 'down')).not.toEqual(roleStyle(lbPalette, role));
  });
});
