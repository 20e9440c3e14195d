/**
 * Shareable runs: a run (scenario, user actions, displayed moment) as a URL-fragment-safe
 * string, `v1.` + base64url(checksum ‖ deflate(JSON)).
 *
 * The checksum (FNV-1a of the compressed bytes, 4 bytes) catches links that were cut short
 * or altered, which raw deflate alone does not. Decoding never throws: every failure comes back
 * as a message a person can act on, and the scenario is validated like a scenario file, with
 * the same input limits (input/limits.ts): a link can hold no more than a file can. A link's
 * moment is capped at the end of its run: its times at the scenario's duration, its cursor
 * event at the events the lab computes of a run (labEventBudget).
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { capErrors, labEventBudget, LIMITS } from '../input/limits';
import { parseScenario, scenarioToJson } from '../scenario';
import type { Scenario } from '../scenario';
import type { TimedAction } from '../types';

export const LINK_VERSION = 1;
const PREFIX = `v${LINK_VERSION}.`;
/** Longest link text and largest inflated payload accepted (a guard against decompression bombs). */
const MAX_TEXT = LIMITS.linkChars;
const MAX_JSON_BYTES = LIMITS.textBytes;

export interface RunLink {
  scenario: Scenario;
  /** In the order they were taken (non-decreasing times). */
  userActions: TimedAction[];
  cursorTime: number;
  /**
   * Optional, for an exact moment: the cursor was just after this event (a step), not at a
   * time position. Several events can share one virtual time.
   */
  cursorEvent?: number;
  /** Optional: how far the run had been computed (the future the cursor can scrub into). */
  headTime?: number;
  /** Optional: the playback speed (virtual ms per real ms) the run was watched at. */
  speed?: number;
}

/** The playback speeds a link may carry (the lab's slider range). */
export const LINK_SPEEDS = { min: 0.001, max: 50 };

export type DecodeResult = { ok: true; link: RunLink } | { ok: false; error: string };

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i] as const));

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += B64[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** Unpadded base64url to bytes (dangling bits ignored), or null on a foreign character. */
export function fromBase64Url(text: string): Uint8Array | null {
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const ch of text) {
    const v = B64_INDEX.get(ch);
    if (v === undefined) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

function checksum(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function encodeRunLink(link: RunLink): string {
  // Times past the end of the run mean its end: written so, the link decodes (see readPayload).
  const end = link.scenario.duration;
  const json = JSON.stringify({
    scenario: scenarioToJson({ ...link.scenario }),
    userActions: link.userActions.map(({ at, action }) => ({ at, ...action })),
    cursorTime: Math.min(link.cursorTime, end),
    ...(link.cursorEvent === undefined ? {} : { cursorEvent: link.cursorEvent }),
    ...(link.headTime === undefined ? {} : { headTime: Math.min(link.headTime, end) }),
    ...(link.speed === undefined ? {} : { speed: link.speed }),
  });
  const raw = strToU8(json);
  const packed = deflateSync(raw, { level: 9 });
  const out = new Uint8Array(4 + packed.length);
  new DataView(out.buffer).setUint32(0, checksum(packed));
  out.set(packed, 4);
  return PREFIX + toBase64Url(out);
}

function inflateCapped(data: Uint8Array): Uint8Array | string {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooBig = false;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) tooBig = true;
    else chunks.push(chunk);
  });
  try {
    for (let i = 0; i < data.length && !tooBig; i += 4096) {
      inflater.push(data.subarray(i, i + 4096), i + 4096 >= data.length);
    }
  } catch (e) {
    return `the link's data is damaged (${(e as Error).message})`;
  }
  if (tooBig) return `the link's data is larger than ${MAX_JSON_BYTES} bytes`;
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

function fail(error: string): DecodeResult {
  return { ok: false, error };
}

/** Reads a link: the fragment text, with or without '#', or a whole URL. Never throws. */
export function decodeRunLink(text: string): DecodeResult {
  if (typeof text !== 'string') return fail('a run link must be text');
  let body = text.trim();
  const hash = body.indexOf('#');
  if (hash >= 0) body = body.slice(hash + 1);
  if (body.length === 0) return fail('the link holds no run');
  if (body.length > MAX_TEXT) return fail(`the link is too long (${body.length} characters)`);
  const version = /^v(\d+)\./.exec(body);
  if (!version) return fail('not a run link (it should start with "v1.")');
  if (body.slice(0, PREFIX.length) !== PREFIX) {
    return fail(
      `this link was made by a version of the lab this one cannot read (link format v${version[1]}, this lab reads v${LINK_VERSION})`,
    );
  }
  const data = body.slice(PREFIX.length);
  const bytes = fromBase64Url(data);
  if (bytes === null) return fail('the link contains characters a run link never has');
  if (bytes.length < 5) return fail('the link is cut short');
  const expected = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  // Canonical base64 only, so that every character of the link is covered by the checksum.
  if (checksum(bytes.subarray(4)) !== expected || toBase64Url(bytes) !== data) {
    return fail('the link was cut short or altered (checksum mismatch)');
  }
  const inflated = inflateCapped(bytes.subarray(4));
  if (typeof inflated === 'string') return fail(inflated);
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(inflated));
  } catch (e) {
    return fail(`the link's data is not valid JSON (${(e as Error).message})`);
  }
  return readPayload(json);
}

function finiteOr0(x: unknown): number {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0;
}

function readPayload(json: unknown): DecodeResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail('the link holds no run object');
  }
  const p = json as Record<string, unknown>;
  // The lab computes a link's run up to its head (then the event budget bounds any more).
  const head = Math.max(finiteOr0(p.cursorTime), finiteOr0(p.headTime));
  const parsed = parseScenario(p.scenario, { workUntil: head });
  if (!parsed.ok)
    return fail(`the link's scenario is invalid:\n${indent(parsed.errors, 'scenario')}`);
  const scenario = parsed.scenario;
  const end = scenario.duration;
  if (!Array.isArray(p.userActions)) return fail('$.userActions: must be an array');
  // Validate the actions exactly as scenario actions, then report them under their own path.
  const withActions = parseScenario(
    { ...(p.scenario as object), actions: p.userActions },
    {
      workUntil: head,
      // Servers the scenario's own add-server actions start may be named by the user's.
      addsAt: scenario.actions.filter((a) => a.action.type === 'add-server').map((a) => a.at),
    },
  );
  if (!withActions.ok) {
    const errors = withActions.errors.map((e) => e.replace(/^\$\.actions/, '$.userActions'));
    return fail(`the link's user actions are invalid:\n${indent(errors)}`);
  }
  const userActions = withActions.scenario.actions;
  const order: string[] = [];
  for (let i = 0; i < userActions.length; i++) {
    const at = userActions[i]!.at;
    if (at > end) {
      order.push(`$.userActions[${i}].at: ${at} ms is beyond the end of the run (${end} ms)`);
    } else if (i > 0 && at < userActions[i - 1]!.at) {
      order.push(`$.userActions[${i}].at: ${at} ms is earlier than the action before it`);
    }
  }
  if (order.length > 0)
    return fail(`the link's user actions are invalid:\n${indent(capErrors(order))}`);
  // A moment past the end of the run is its end: the run is never computed further, so the
  // cursor and the head are capped there (and a cursor event at the lab's event budget).
  const cursorTime = p.cursorTime;
  if (typeof cursorTime !== 'number' || !Number.isFinite(cursorTime) || cursorTime < 0) {
    return fail('$.cursorTime: must be a non-negative number of milliseconds');
  }
  const link: RunLink = { scenario, userActions, cursorTime: Math.min(cursorTime, end) };
  if (p.cursorEvent !== undefined) {
    const ev = p.cursorEvent;
    if (typeof ev !== 'number' || !Number.isInteger(ev) || ev < 0) {
      return fail('$.cursorEvent: must be a non-negative whole number');
    }
    link.cursorEvent = Math.min(ev, labEventBudget(scenario.nodes));
  }
  if (p.headTime !== undefined) {
    const head = p.headTime;
    if (typeof head !== 'number' || !Number.isFinite(head) || head < 0) {
      return fail('$.headTime: must be a non-negative number of milliseconds');
    }
    link.headTime = Math.min(head, end);
  }
  if (p.speed !== undefined) {
    const speed = p.speed;
    if (
      typeof speed !== 'number' ||
      !Number.isFinite(speed) ||
      speed < LINK_SPEEDS.min ||
      speed > LINK_SPEEDS.max
    ) {
      return fail(`$.speed: must be a number from ${LINK_SPEEDS.min} to ${LINK_SPEEDS.max}`);
    }
    link.speed = speed;
  }
  return { ok: true, link };
}

function indent(errors: string[], under?: string): string {
  return errors.map((e) => `  ${under ? e.replace(/^\$/, `$.${under}`) : e}`).join('\n');
}
