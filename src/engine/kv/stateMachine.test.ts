/**
 * Keys are data (issue 16, item 7): a key named after a property of Object.prototype is a key
 * like any other, in the store and in every protocol that keeps one, and the state stays
 * plain data that keyframes, structuredClone and the worker's messages copy faithfully.
 */
import { describe, expect, it } from 'vitest';
import { RunHistory } from '../history/history';
import { stateHash } from '../history/hash';
import { cloneShared } from '../history/snapshot';
import { parseScenario } from '../scenario';
import { runScenario } from '../run';
import type { ProtocolName } from '../protocols/registry';
import { applyCommand, getEntry, setEntry } from './stateMachine';
import type { KvStore } from './stateMachine';

const TRICKY = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

function store(): KvStore {
  return { kv: {}, sessions: {} };
}

let seq = 0;
const put = (s: KvStore, key: string, value: string) =>
  applyCommand(s, { client: 'c1', seq: ++seq, op: { type: 'put', key, value } });
const get = (s: KvStore, key: string) =>
  applyCommand(s, { client: 'c1', seq: ++seq, op: { type: 'get', key } });

describe('the key-value store: keys are data', () => {
  it('a get of a built-in property name finds nothing', () => {
    const s = store();
    for (const key of TRICKY) expect(get(s, key)).toEqual({ result: null });
  });

  it('every key is stored and read back, __proto__ included', () => {
    const s = store();
    for (const key of TRICKY) put(s, key, `value of ${key}`);
    for (const key of TRICKY) expect(get(s, key)).toEqual({ result: `value of ${key}` });
    expect(Object.getPrototypeOf(s.kv)).toBe(Object.prototype);
    expect(Object.keys(s.kv)).toEqual(TRICKY);
  });

  it('client ids are keys too', () => {
    const s = store();
    const r = applyCommand(s, {
      client: '__proto__',
      seq: 1,
      op: { type: 'put', key: 'k', value: 'v' },
    });
    expect(r).toEqual({ result: null });
    expect(getEntry(s.sessions, '__proto__')).toEqual({ seq: 1, result: null });
    // The retry is recognised: applied once.
    expect(
      applyCommand(s, { client: '__proto__', seq: 1, op: { type: 'put', key: 'k', value: 'x' } }),
    ).toEqual({
      result: null,
    });
    expect(getEntry(s.kv, 'k')).toBe('v');
  });

  it('the store survives structuredClone, keyframe copies and JSON', () => {
    const s = store();
    for (const key of TRICKY) put(s, key, key.toUpperCase());
    for (const copy of [
      structuredClone(s),
      cloneShared(s),
      JSON.parse(JSON.stringify(s)) as KvStore,
    ]) {
      for (const key of TRICKY) expect(getEntry(copy.kv, key)).toBe(key.toUpperCase());
      expect(Object.getPrototypeOf(copy.kv)).toBe(Object.prototype);
    }
  });

  it('setEntry writes own entries, getEntry reads only them', () => {
    const t: Record<string, number> = {};
    setEntry(t, '__proto__', 1);
    setEntry(t, 'toString', 2);
    expect(Object.hasOwn(t, '__proto__')).toBe(true);
    expect(getEntry(t, '__proto__')).toBe(1);
    expect(getEntry(t, 'toString')).toBe(2);
    expect(getEntry(t, 'valueOf')).toBeUndefined();
  });
});

/** Requests on every tricky key, as a script or a link would send them. */
function trickyRun(protocol: ProtocolName) {
  const actions = TRICKY.flatMap((key, i) => [
    { at: 1000 + i * 200, type: 'request', node: 'leader', op: { type: 'get', key } },
    {
      at: 1050 + i * 200,
      type: 'request',
      node: 'leader',
      op: { type: 'put', key, value: `v-${key}` },
    },
    { at: 1150 + i * 200, type: 'request', node: 'leader', op: { type: 'get', key } },
  ]);
  // Echo has no leader: any node answers.
  const node = protocol === 'echo' ? 'S1' : 'leader';
  const parsed = parseScenario({
    protocol,
    nodes: 3,
    seed: 3,
    duration: 4000,
    actions: actions.map((a) => ({ ...a, node })),
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

describe.each(['raft', 'multi-paxos', 'echo'] as const)('%s: keys are data', (protocol) => {
  it('get constructor / toString find nothing; put __proto__ is stored and read back', () => {
    const result = runScenario(trickyRun(protocol));
    const ops = result.clientOps;
    expect(ops).toHaveLength(TRICKY.length * 3);
    TRICKY.forEach((key, i) => {
      const [before, write, after] = ops.slice(i * 3, i * 3 + 3);
      expect(before).toMatchObject({ op: 'get', key, ok: true, result: null });
      expect(write).toMatchObject({ op: 'put', key, ok: true });
      expect(after).toMatchObject({ op: 'get', key, ok: true, result: `v-${key}` });
    });
    // What the worker posts and the CLI prints is plain data.
    expect(() => structuredClone(result)).not.toThrow();
    expect(JSON.parse(JSON.stringify(result.clientOps))).toEqual(result.clientOps);
  });

  it('the run history replays the same state from its keyframes', () => {
    const h = new RunHistory(trickyRun(protocol), { keyframeEvery: 50 });
    h.advanceTo(4000);
    const end = stateHash(h.sim);
    const nodes = structuredClone(h.sim.state.nodes);
    h.seekTime(1200);
    h.seekTime(4000);
    expect(stateHash(h.sim)).toBe(end);
    expect(h.sim.state.nodes).toEqual(nodes);
  });
});
