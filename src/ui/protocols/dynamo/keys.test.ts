import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../../engine/scenario';
import { dynamoSimulator } from '../../../engine/protocols/dynamo/testkit';
import { SIBLING_SEPARATOR } from '../../../engine/protocols/dynamo/version';
import { configOf, dynamoView } from '../../../engine/protocols/dynamo/view';
import type { DynamoKeyView, DynamoRead } from '../../../engine/protocols/dynamo/view';
import {
  dynamoConfig,
  keyRow,
  keyRows,
  nrwText,
  ownerColor,
  quorumText,
  ringArcs,
  SIBLINGS,
} from './keys';

const ids = ['S1', 'S2', 'S3', 'S4'];
function key(values: Record<string, string | null>, diverged: boolean): DynamoKeyView {
  return { key: 'x', pos: 0.5, replicas: Object.keys(values), values, diverged };
}

describe('a key’s row', () => {
  it('shows the replicas’ values in preference order, blank for the other servers', () => {
    const row = keyRow(key({ S2: 'a', S3: 'a', S1: 'a' }, false), ids);
    expect(row.cells).toEqual([
      { kind: 'replica', rank: 3, values: ['a'] },
      { kind: 'replica', rank: 1, values: ['a'] },
      { kind: 'replica', rank: 2, values: ['a'] },
      { kind: 'none' },
    ]);
    expect(row.differs).toBe(false);
    expect(row.groups).toEqual([['S2', 'S3', 'S1']]);
    expect(row.note).toBe('agree');
  });

  it('marks a row whose replicas answer differently, grouping them by answer', () => {
    const row = keyRow(key({ S1: 'before', S2: 'after', S3: 'after' }, true), ids);
    expect(row.differs).toBe(true);
    expect(row.groups).toEqual([['S1'], ['S2', 'S3']]);
    expect(row.note).toBe('differs: S1 | S2 S3');
  });

  it('counts a replica holding nothing as a different answer', () => {
    const row = keyRow(key({ S1: 'a', S2: null, S3: 'a' }, false), ids);
    expect(row.cells[1]).toEqual({ kind: 'replica', rank: 2, values: null });
    expect(row.differs).toBe(true);
    expect(row.note).toBe('differs: S1 S3 | S2');
  });

  it('trusts the engine when equal values are different versions', () => {
    const row = keyRow(key({ S1: 'a', S2: 'a', S3: 'a' }, true), ids);
    expect(row.differs).toBe(true);
    expect(row.note).toBe('differs: same values, other versions');
  });

  it('splits siblings into several values, joined as the engine joins them', () => {
    expect(SIBLINGS).toBe(SIBLING_SEPARATOR);
    const row = keyRow(key({ S1: 'c1.3|c2.5', S2: 'c1.3' }, true), ids);
    expect(row.cells[0]).toMatchObject({ values: ['c1.3', 'c2.5'] });
    expect(row.groups).toEqual([['S1'], ['S2']]);
  });
});

describe('the key table on the engine’s own view', () => {
  const text = readFileSync('public/scenarios/dynamo-stale-read-partition.json', 'utf8');
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));

  it('marks x as differing during the partition, agreeing once anti-entropy ran', () => {
    const sim = dynamoSimulator(parsed.scenario);
    const rowOfX = () => {
      // What the worker reads: each node's state, or what it persisted when down.
      const nodes = sim.state.nodes.map((_, i) => sim.read(i) as DynamoRead);
      const view = dynamoView(nodes, configOf(nodes));
      return keyRows(
        view,
        nodes.map((n) => n.id),
      ).find((r) => r.key === 'x')!;
    };
    sim.runUntil(1800); // after lands on S2's side only; S1 still holds before
    const split = rowOfX();
    expect(split.differs).toBe(true);
    expect(split.cells[0]).toMatchObject({ values: ['before'] });
    expect(split.note).toBe('differs: S2 S3 | S1'); // x's preference list is S2, S3, S1
    sim.runUntil(6500); // healed at 4 s, synchronised since
    const healed = rowOfX();
    expect(healed.differs).toBe(false);
    expect(healed.cells.map((c) => c.kind === 'replica' && c.values)).toEqual([
      ['after'],
      ['after'],
      ['after'],
    ]);
  });
});

describe('the header line', () => {
  it('says whether read and write quorums overlap', () => {
    expect(quorumText({ n: 3, r: 2, w: 2 })).toEqual({
      overlap: true,
      text: 'R + W = 4 > N = 3: quorums overlap',
    });
    expect(quorumText({ n: 3, r: 1, w: 2 })).toEqual({
      overlap: false,
      text: 'R + W = 3 ≤ N = 3: reads may miss the latest write',
    });
  });

  it('writes N, R, W and the versioning', () => {
    expect(nrwText({ n: 3, r: 1, w: 1, versioning: 'lww' })).toBe('N=3 R=1 W=1 · lww');
    expect(nrwText({ n: 5, r: 3, w: 3, versioning: 'vector' })).toBe(
      'N=5 R=3 W=3 · version vectors',
    );
  });

  it('reads the config only when it is a Dynamo section', () => {
    expect(dynamoConfig({ config: null })).toBeNull();
    expect(dynamoConfig({ config: { electionTimeout: { min: 1, max: 2 } } })).toBeNull();
    expect(dynamoConfig({ config: { n: 3, r: 2, w: 2 } })).toMatchObject({ n: 3 });
  });
});

describe('the ring strip', () => {
  it('gives each owner the arc up to its token, the wrap to the first token, merged', () => {
    const ring = [
      { pos: 0.2, node: 'S1', vnode: 0 },
      { pos: 0.5, node: 'S2', vnode: 0 },
      { pos: 0.6, node: 'S2', vnode: 1 },
      { pos: 0.9, node: 'S1', vnode: 1 },
    ];
    expect(ringArcs(ring)).toEqual([
      { from: 0, to: 0.2, node: 'S1' },
      { from: 0.2, to: 0.6, node: 'S2' },
      { from: 0.6, to: 1, node: 'S1' },
    ]);
    expect(ringArcs([])).toEqual([]);
  });

  it('colours servers apart', () => {
    const colours = ids.map((id) => ownerColor(ids, id));
    expect(new Set(colours).size).toBe(ids.length);
  });
});
