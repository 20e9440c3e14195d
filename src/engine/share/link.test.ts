import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { stateHash } from '../history/hash';
import { RunHistory } from '../history/history';
import { parseScenario } from '../scenario';
import type { Scenario } from '../scenario';
import { decodeRunLink, encodeRunLink, fromBase64Url, toBase64Url } from './link';
import type { RunLink } from './link';

function scenario(): Scenario {
  const r = parseScenario({
    name: 'link test ✓',
    protocol: 'raft',
    nodes: 5,
    seed: 9,
    duration: 4000,
    workload: { clients: 2, rate: 10 },
    actions: [{ at: 1000, type: 'crash', node: 'leader' }],
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

const LINK: RunLink = {
  scenario: scenario(),
  userActions: [
    { at: 500, action: { type: 'partition', groups: [['S1', 'S2'], ['S3']] } },
    {
      at: 500,
      action: { type: 'request', node: 'leader', op: { type: 'put', key: 'k', value: 'v' } },
    },
    { at: 1200.5, action: { type: 'workload', enabled: false } },
  ],
  cursorTime: 1700.25,
};

function errorOf(text: string): string {
  const r = decodeRunLink(text);
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

/** Re-encodes an arbitrary payload the way encodeRunLink frames it. */
function frame(json: string): string {
  const packed = deflateSync(strToU8(json));
  let h = 0x811c9dc5;
  for (const b of packed) h = Math.imul(h ^ b, 0x01000193);
  const out = new Uint8Array(4 + packed.length);
  new DataView(out.buffer).setUint32(0, h >>> 0);
  out.set(packed, 4);
  return 'v1.' + toBase64Url(out);
}

describe('run links', () => {
  it('round-trips scenario, user actions and cursor, fragment-safe', () => {
    const text = encodeRunLink(LINK);
    expect(text.startsWith('v1.')).toBe(true);
    expect(text).toMatch(/^[A-Za-z0-9._-]+$/);
    const r = decodeRunLink(text);
    expect(r).toEqual({ ok: true, link: LINK });
    // Accepted with '#', or as a whole address.
    expect(decodeRunLink('#' + text)).toEqual(r);
    expect(decodeRunLink(`http://127.0.0.1:4173/#${text}`)).toEqual(r);
  });

  it('opening a link reproduces the same run and moment', () => {
    const h = new RunHistory(LINK.scenario);
    h.advanceTo(500);
    h.act(LINK.userActions[0]!.action);
    h.act(LINK.userActions[1]!.action);
    h.advanceTo(1200.5);
    h.act(LINK.userActions[2]!.action);
    h.seekTime(LINK.cursorTime);
    const text = encodeRunLink({
      scenario: h.scenario,
      userActions: [...h.userActions],
      cursorTime: h.cursor.time,
    });
    const r = decodeRunLink(text);
    if (!r.ok) throw new Error(r.error);
    const opened = RunHistory.fromActions(r.link.scenario, r.link.userActions);
    opened.seekTime(r.link.cursorTime);
    expect(opened.cursor).toEqual(h.cursor);
    expect(stateHash(opened.sim)).toBe(stateHash(h.sim));
  });

  it('carries an exact cursor event and the head when given, and checks them', () => {
    const text = encodeRunLink({ ...LINK, cursorEvent: 321, headTime: 2500 });
    const r = decodeRunLink(text);
    expect(r).toEqual({ ok: true, link: { ...LINK, cursorEvent: 321, headTime: 2500 } });
    const bad = encodeRunLink({ ...LINK, cursorEvent: -1 });
    expect(decodeRunLink(bad)).toEqual({
      ok: false,
      error: '$.cursorEvent: must be a non-negative whole number',
    });
    const far = encodeRunLink({ ...LINK, headTime: 1e12 });
    expect(decodeRunLink(far).ok).toBe(false);
  });

  it('base64url round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
    );
  });

  it('rejects garbage, wrong versions and truncation with a clear message', () => {
    const text = encodeRunLink(LINK);
    expect(errorOf('')).toMatch(/no run/);
    expect(errorOf('hello world')).toMatch(/not a run link/);
    expect(errorOf('v2.AAAA')).toMatch(/link format v2, this lab reads v1/);
    expect(errorOf('v1.@@@@')).toMatch(/characters/);
    expect(errorOf('v1.AA')).toMatch(/cut short/);
    expect(errorOf(text.slice(0, Math.floor(text.length / 2)))).toMatch(
      /damaged|cut short|altered/,
    );
    expect(errorOf(text.slice(0, -3))).toMatch(/damaged|cut short|altered/);
  });

  it('detects any single changed character', () => {
    const text = encodeRunLink(LINK);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: text.length - 2 }),
        fc.integer({ min: 1, max: 63 }),
        (i, shift) => {
          const c = alphabet[(alphabet.indexOf(text[i]!) + shift) % 64]!;
          const r = decodeRunLink(text.slice(0, i) + c + text.slice(i + 1));
          expect(r.ok).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(typeof decodeRunLink(s).ok).toBe('boolean');
        expect(typeof decodeRunLink('v1.' + s).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('reports an invalid scenario with its JSON path', () => {
    const bad = JSON.stringify({
      scenario: { protocol: 'raft', nodes: 3, seed: -1, duration: 1000 },
      userActions: [],
      cursorTime: 0,
    });
    expect(errorOf(frame(bad))).toMatch(/scenario is invalid:\n {2}\$\.scenario\.seed/);
    const noProtocol = JSON.stringify({ scenario: { nodes: 3 }, userActions: [], cursorTime: 0 });
    expect(errorOf(frame(noProtocol))).toMatch(/\$\.scenario\.protocol/);
  });

  it('reports bad user actions and cursor under their own paths', () => {
    const base = {
      scenario: { protocol: 'raft', nodes: 3, seed: 1, duration: 1000 },
      cursorTime: 0,
    };
    const unknownNode = { ...base, userActions: [{ at: 1, type: 'crash', node: 'S9' }] };
    expect(errorOf(frame(JSON.stringify(unknownNode)))).toMatch(
      /\$\.userActions\[0\]\.node: unknown node "S9"/,
    );
    const unordered = {
      ...base,
      userActions: [
        { at: 5, type: 'heal' },
        { at: 4, type: 'heal' },
      ],
    };
    expect(errorOf(frame(JSON.stringify(unordered)))).toMatch(
      /\$\.userActions\[1\]\.at: 4 ms is earlier/,
    );
    expect(errorOf(frame(JSON.stringify({ ...base, userActions: {} })))).toMatch(
      /userActions: must be an array/,
    );
    expect(errorOf(frame(JSON.stringify({ ...base, userActions: [], cursorTime: -1 })))).toMatch(
      /cursorTime/,
    );
    expect(errorOf(frame(JSON.stringify({ ...base, userActions: [], cursorTime: 1e12 })))).toMatch(
      /beyond/,
    );
    expect(errorOf(frame('[1,2]'))).toMatch(/no run object/);
    expect(errorOf(frame('{oops'))).toMatch(/not valid JSON/);
  });

  it('refuses a decompression bomb', () => {
    const huge = `{"pad":"${'x'.repeat(9_000_000)}"}`;
    expect(errorOf(frame(huge))).toMatch(/larger than/);
  });
});
