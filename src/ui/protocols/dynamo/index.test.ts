import { describe, expect, it } from 'vitest';
import { ANTI_ENTROPY_TIMER as ENGINE_ANTI_ENTROPY } from '../../../engine/protocols/dynamo/timers';
import type { DynamoView } from '../../../engine/protocols/dynamo/view';
import type { NodeView, RunInfo } from '../../../worker/protocol';
import { viewModule } from '../registry';
import { dynamoLines, storeText } from './decor';
import { coordinationText, hintsByOwner, skewText } from './inspect';
import { KeyReplicas } from './KeyReplicas';
import { ANTI_ENTROPY_TIMER, dynamoStatus, dynamoView } from '.';

const ids = ['S1', 'S2', 'S3'];
const node = (over: Partial<NodeView>): NodeView => ({
  id: 'S1',
  up: true,
  pausedUntil: 0,
  role: 'replica',
  epoch: null,
  leads: false,
  campaigns: false,
  timers: [],
  ...over,
});
const view: DynamoView = {
  nodes: [
    { keys: 3, hints: 1, coordinating: 0 },
    { keys: 1, hints: 0, coordinating: 2 },
    { keys: 0, hints: 0, coordinating: 0 },
  ],
  ring: [],
  keys: [],
};
const config = {
  n: 3,
  r: 2,
  w: 2,
  versioning: 'lww',
  readRepair: true,
  hintedHandoff: false,
  antiEntropyInterval: 1000,
  vnodes: 8,
  clockSkew: { S2: 200 },
};

describe('the Dynamo view module', () => {
  it('is registered as "dynamo", drains the anti-entropy timer, and has the key table', () => {
    expect(viewModule('dynamo')).toBe(dynamoView);
    expect(ANTI_ENTROPY_TIMER).toBe(ENGINE_ANTI_ENTROPY);
    expect(dynamoView.arcTimer).toBe(ENGINE_ANTI_ENTROPY);
    expect(dynamoView.panels).toEqual([KeyReplicas]);
  });

  it('puts N, R, W, the versioning and hinted handoff on the status line', () => {
    expect(dynamoStatus({ config } as RunInfo)).toBe('N=3 R=2 W=2 · lww · hinted handoff off');
    expect(
      dynamoStatus({ config: { ...config, versioning: 'vector', hintedHandoff: true } } as RunInfo),
    ).toBe('N=3 R=2 W=2 · version vectors · hinted handoff on');
    expect(dynamoStatus({ config: null } as RunInfo)).toBeNull();
  });

  it('offers a minority split only, with no leader in it', () => {
    const presets = dynamoView.presets({ ids: ['S1', 'S2', 'S3', 'S4', 'S5'], leader: 'S4' });
    expect(presets).toHaveLength(1);
    expect(presets[0]!.action).toEqual({
      type: 'partition',
      groups: [
        ['S1', 'S2'],
        ['S3', 'S4', 'S5'],
      ],
    });
    expect(presets[0]!.title).not.toMatch(/leader/);
  });
});

describe('Dynamo captions', () => {
  it('count keys and hints in words', () => {
    expect(storeText(3, 1)).toBe('3 keys · 1 hint');
    expect(storeText(1, 2)).toBe('1 key · 2 hints');
    expect(storeText(0, 0)).toBe('no keys');
  });

  it('add a marker line while the server coordinates', () => {
    expect(dynamoLines(view.nodes[0]!)).toEqual([{ text: '3 keys · 1 hint', tone: 'store' }]);
    expect(dynamoLines(view.nodes[1]!)).toEqual([
      { text: '1 key', tone: 'store' },
      { text: 'coordinating 2 ops', tone: 'coordinating' },
    ]);
  });

  it('decorate up servers only, with plain data placed inside the view', () => {
    const decorate = dynamoView.decoration!.decorate;
    const d = decorate(node({ id: 'S2', role: 'coordinator' }), 1, view, ids);
    expect(d).toMatchObject({ lines: dynamoLines(view.nodes[1]!) });
    expect(['under-node', 'over-node']).toContain(d!.where);
    expect(Number.isInteger(d!.shift)).toBe(true);
    // Plain data: equal inputs give equal data, so the glyph does not redraw.
    expect(decorate(node({ id: 'S2' }), 1, view, ids)).toEqual(d);
    expect(decorate(node({ up: false, role: 'down' }), 0, view, ids)).toBeNull();
  });
});

describe('the Dynamo inspector', () => {
  it('writes a server’s clock skew', () => {
    expect(skewText(config, 'S2')).toBe('200 ms ahead');
    expect(skewText(config, 'S1')).toBe('none');
    expect(skewText(null, 'S1')).toBe('none');
  });

  it('groups hints by the owner they wait for', () => {
    const h = (owner: string, key: string) => ({ owner, key, versions: [] });
    expect(hintsByOwner([h('S3', 'x'), h('S2', 'y'), h('S3', 'z')])).toEqual([
      ['S2', [h('S2', 'y')]],
      ['S3', [h('S3', 'x'), h('S3', 'z')]],
    ]);
  });

  it('counts a coordination’s answers against W for a put, R for a get', () => {
    const c = { key: 'x', op: 'put' as const, answered: ['S1'], done: false };
    expect(coordinationText(c, { r: 1, w: 2 })).toBe('1 of 2 needed (S1) · waiting');
    expect(coordinationText({ ...c, op: 'get', answered: [], done: true }, { r: 1, w: 2 })).toBe(
      '0 of 1 needed (none yet) · client answered',
    );
  });
});
