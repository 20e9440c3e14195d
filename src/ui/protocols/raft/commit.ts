/**
 * Whether a log entry of one server is committed, as far as the view shows. A crashed server
 * lost its commitIndex (volatile state), but the cluster may have committed its entries: an
 * entry is committed when an up server that committed its index holds the same term there
 * (Log Matching: same index and term, same entry).
 */
import type { RaftView } from '../../../engine/protocols/raft/view';

export type EntryState = 'committed' | 'cluster' | 'replaced' | 'index-committed' | 'uncommitted';

export const ENTRY_STATE_TEXT: Record<EntryState, string> = {
  committed: 'committed',
  cluster: 'committed by the cluster',
  replaced: 'the cluster committed another entry here',
  'index-committed': 'index committed by the cluster',
  uncommitted: 'uncommitted',
};

/** The term server `i` of the view holds at `index`, when the view's window covers it. */
function termAt(view: RaftView, i: number, index: number): number | null {
  const n = view.nodes[i];
  if (!n) return null;
  const k = index - n.logStart;
  return k >= 0 && k < n.logTerms.length ? n.logTerms[k]! : null;
}

/**
 * The state of entry (`index`, `term`) of server `self`. `up` is index-aligned with the view's
 * nodes (the snapshot's `nodes[i].up`).
 */
export function entryState(
  entry: { index: number; term: number },
  self: number,
  view: RaftView,
  up: readonly boolean[],
): EntryState {
  const own = up[self] ? (view.nodes[self]?.commitIndex ?? 0) : 0;
  if (entry.index <= own) return 'committed';
  if (entry.index > view.clusterCommit) return 'uncommitted';
  let replaced = false;
  for (let j = 0; j < view.nodes.length; j++) {
    if (j === self || !up[j] || view.nodes[j]!.commitIndex < entry.index) continue;
    const t = termAt(view, j, entry.index);
    if (t === entry.term) return 'cluster';
    if (t !== null) replaced = true;
  }
  // No committed copy in the window to compare with: only the index is known to be committed.
  return replaced ? 'replaced' : 'index-committed';
}
