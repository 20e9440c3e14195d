/** The inspector's words, pure for the tests: clock skew, hints by owner, a coordination's progress. */
import type { DynamoConfig } from '../../../engine/protocols/dynamo/types';
import type { DynamoDetail } from '../../../engine/protocols/dynamo/view';

/** "+200 ms ahead", or "none" (LWW timestamps come from this clock). */
export function skewText(config: Pick<DynamoConfig, 'clockSkew'> | null, id: string): string {
  const s = config && Object.hasOwn(config.clockSkew, id) ? config.clockSkew[id]! : 0;
  return s === 0 ? 'none' : `${s} ms ahead`;
}

/** The node's hints grouped by the owner they wait for, owners sorted. */
export function hintsByOwner(hints: DynamoDetail['hints']): [string, DynamoDetail['hints']][] {
  const by = new Map<string, DynamoDetail['hints']>();
  for (const h of hints) by.set(h.owner, [...(by.get(h.owner) ?? []), h]);
  return [...by].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** "2 of 2 needed (S1, S3) · answered" — W for a put, R for a get. */
export function coordinationText(
  c: DynamoDetail['coordinating'][number],
  config: Pick<DynamoConfig, 'r' | 'w'> | null,
): string {
  const need = config ? (c.op === 'put' ? config.w : config.r) : null;
  const who = c.answered.length === 0 ? 'none yet' : c.answered.join(', ');
  const of = need === null ? `${c.answered.length}` : `${c.answered.length} of ${need} needed`;
  return `${of} (${who}) · ${c.done ? 'client answered' : 'waiting'}`;
}
