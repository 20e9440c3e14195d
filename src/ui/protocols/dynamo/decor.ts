/**
 * What a Dynamo server says beside itself: how many keys it stores and hints it holds for
 * others, and, while it coordinates requests, how many. Placed like the Paxos captions (on
 * the inner side of the node, shifted to stay in view) so a server's box stays centred on it.
 */
import type { DynamoNodeView, DynamoView } from '../../../engine/protocols/dynamo/view';
import { captionShift, lineWidth, placement } from '../paxos/shared/Caption';
import type { Placement } from '../paxos/shared/Caption';
import { layout } from '../../views/cluster/geometry';
import type { NodeDecoration } from '../types';
import { DynamoCaption } from './DynamoCaption';

export type DynamoTone = 'store' | 'coordinating';

export interface DynamoCaptionLine {
  text: string;
  tone: DynamoTone;
}

/** Plain data, compared by value: the glyph redraws only when a count changes. */
export interface DynamoCaptionData {
  lines: DynamoCaptionLine[];
  /** Horizontal shift (SVG units) that keeps the widest line inside the view. */
  shift: number;
  where: Placement;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 keys · 1 hint", "no keys". */
export function storeText(keys: number, hints: number): string {
  const k = keys === 0 ? 'no keys' : count(keys, 'key', 'keys');
  return hints === 0 ? k : `${k} · ${count(hints, 'hint', 'hints')}`;
}

export function dynamoLines(n: DynamoNodeView): DynamoCaptionLine[] {
  const lines: DynamoCaptionLine[] = [{ text: storeText(n.keys, n.hints), tone: 'store' }];
  if (n.coordinating > 0) {
    lines.push({
      text: `coordinating ${count(n.coordinating, 'op', 'ops')}`,
      tone: 'coordinating',
    });
  }
  return lines;
}

export const dynamoDecoration: NodeDecoration<DynamoView, DynamoCaptionData> = {
  decorate(node, index, view, ids) {
    const n = view.nodes[index];
    // A crashed server gets the lab's own "crashed" caption; its counts are in the inspector.
    if (!node.up || !n) return null;
    const lines = dynamoLines(n);
    const width = Math.max(...lines.map((l) => lineWidth(l.text)));
    const out = layout(ids).out.get(node.id) ?? { x: 0, y: -1 };
    return { lines, shift: Math.round(captionShift(node.id, ids, width)), where: placement(out) };
  },
  Decor: DynamoCaption,
};
