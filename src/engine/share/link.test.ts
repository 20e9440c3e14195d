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
    // A head past the end of the run is its end (4000 ms).
    const far = encodeRunLink({ ...LINK, headTime: 1e12 });
    expect(decodeRunLink(far)).toEqual({ ok: true, link: { ...LINK, headTime: 4000 } });
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
    const far = decodeRunLink(
      frame(JSON.stringify({ ...base, userActions: [], cursorTime: 1e12 })),
    );
    expect(far.ok && far.link.cursorTime).toBe(1000);
    expect(errorOf(frame('[1,2]'))).toMatch(/no run object/);
    expect(errorOf(frame('{oops'))).toMatch(/not valid JSON/);
  });

  it('refuses a decompression bomb', () => {
    const huge = `{"pad":"${'x'.repeat(9_000_000)}"}`;
    expect(errorOf(frame(huge))).toMatch(/larger than/);
  });
});

describe('run link limits (issue 16, item 7)', () => {
  const base = { scenario: { protocol: 'raft', nodes: 3, seed: 1, duration: 1000 }, cursorTime: 0 };
  const open = (payload: object) => decodeRunLink(frame(JSON.stringify(payload)));

  it('caps the cursor event like the cursor time and the head', () => {
    const r = decodeRunLink(encodeRunLink({ ...LINK, cursorEvent: 1e15 }));
    expect(r.ok && r.link.cursorEvent).toBe(500_000);
    const fifteen = { ...base, scenario: { ...base.scenario, nodes: 15 }, userActions: [] };
    const r15 = open({ ...fifteen, cursorEvent: 1e9 });
    expect(r15.ok && r15.link.cursorEvent).toBe(166_666);
  });

  it('accepts the lab’s own link of a run at its full duration, even one played past it', () => {
    const hour = { ...scenario(), duration: 3_600_000 };
    for (const t of [3_600_000, 3_600_016]) {
      const r = decodeRunLink(
        encodeRunLink({ scenario: hour, userActions: [], cursorTime: t, headTime: t }),
      );
      expect(r).toEqual({
        ok: true,
        link: { scenario: hour, userActions: [], cursorTime: 3_600_000, headTime: 3_600_000 },
      });
    }
    // And the moment it names is rebuilt exactly.
    const h = new RunHistory(LINK.scenario);
    h.advanceTo(LINK.scenario.duration);
    const text = encodeRunLink({
      scenario: h.scenario,
      userActions: [],
      cursorTime: h.cursor.time,
    });
    const back = decodeRunLink(text);
    if (!back.ok) throw new Error(back.error);
    const opened = RunHistory.fromActions(back.link.scenario, back.link.userActions);
    opened.seekTime(back.link.cursorTime);
    expect(opened.cursor).toEqual(h.cursor);
    expect(stateHash(opened.sim)).toBe(stateHash(h.sim));
  });

  it('holds no more than a scenario file: 1 MB of data, 10 000 actions, finite numbers', () => {
    const padded = { ...base, userActions: [], pad: 'x'.repeat(1_500_000) };
    expect(errorOf(frame(JSON.stringify(padded)))).toBe(
      "the link's data is larger than 1000000 bytes",
    );
    const many = { ...base, userActions: Array(10_001).fill({ at: 1, type: 'heal' }) };
    expect(errorOf(frame(JSON.stringify(many)))).toMatch(
      /user actions are invalid:\n {2}\$\.userActions: a list of 10001 items/,
    );
    const infinite = JSON.stringify({ ...base, userActions: [] }).replace(
      '"duration":1000',
      '"duration":1000,"workload":{"rate":1e999}',
    );
    expect(errorOf(frame(infinite))).toMatch(/\$\.scenario\.workload\.rate: not a finite number/);
    const list = { ...base, scenario: { ...base.scenario, network: [] }, userActions: [] };
    expect(errorOf(frame(JSON.stringify(list)))).toMatch(
      /\$\.scenario\.network: expected an object/,
    );
  });

  it('refuses a run that asks for too much work, and user actions after the end', () => {
    const busy = {
      ...base,
      scenario: {
        protocol: 'raft',
        nodes: 15,
        seed: 1,
        duration: 3_600_000,
        workload: { clients: 100 },
      },
      userActions: [],
      // The case: a busy 15 × 100 run with its head at one hour.
      cursorTime: 3_600_000,
    };
    expect(errorOf(frame(JSON.stringify(busy)))).toMatch(
      /\$\.scenario\.workload: the run asks for too much work/,
    );
    const late = { ...base, userActions: [{ at: 1500, type: 'heal' }] };
    expect(errorOf(frame(JSON.stringify(late)))).toMatch(
      /\$\.userActions\[0\]\.at: 1500 ms is beyond the end of the run \(1000 ms\)/,
    );
  });

  it('lists at most 20 problems', () => {
    const bad = { ...base, userActions: Array(500).fill({ at: -1, type: 'heal' }) };
    const lines = errorOf(frame(JSON.stringify(bad))).split('\n');
    expect(lines).toHaveLength(22);
    expect(lines[21]).toBe('  … and 480 more problems');
  });
});

describe('the work limit on links', () => {
  it("counts a link's run up to its head: the playground at 80 requests/s opens", () => {
    // The lab's playground runs for an hour; at 80/s for the whole hour it would be refused.
    const r = parseScenario({
      protocol: 'raft',
      nodes: 5,
      seed: 1,
      duration: 3_600_000,
      workload: { clients: 2, rate: 2 },
    });
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const fast = { at: 1000, action: { type: 'workload' as const, enabled: true, rate: 80 } };
    const asFile = parseScenario({
      protocol: 'raft',
      nodes: 5,
      seed: 1,
      duration: 3_600_000,
      workload: { clients: 2, rate: 2 },
      actions: [{ at: 1000, type: 'workload', enabled: true, rate: 80 }],
    });
    expect(asFile.ok).toBe(false);
    const decoded = decodeRunLink(
      encodeRunLink({ scenario: r.scenario, userActions: [fast], cursorTime: 60_000 }),
    );
    expect(decoded.ok).toBe(true);
  });
});

describe('the playback speed in a link', () => {
  it('round-trips, and an impossible speed is refused by name', () => {
    const back = decodeRunLink(encodeRunLink({ ...LINK, speed: 20 }));
    expect(back.ok && back.link.speed).toBe(20);
    const none = decodeRunLink(encodeRunLink(LINK));
    expect(none.ok && none.link.speed).toBeUndefined();
    expect(decodeRunLink(encodeRunLink({ ...LINK, speed: 1e6 }))).toEqual({
      ok: false,
      error: expect.stringMatching(/\$\.speed: must be a number from 0\.001 to 50/),
    });
  });
});
