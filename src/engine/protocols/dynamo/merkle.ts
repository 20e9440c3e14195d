/**
 * Merkle trees for anti-entropy (§4.7: "Dynamo uses Merkle trees … each node maintains a
 * separate Merkle tree for each key range"). Two replicas build a tree over the keys both
 * replicate: the keys fall into 2^DEPTH leaves by hash, a leaf hashes its keys' digests, an
 * inner node its two children. Comparing from the root down, the replicas exchange only the
 * hashes of subtrees that differ, then the keys of the leaves that differ — so two replicas
 * that agree exchange one hash, and a few stale keys cost a few branches, not the whole range.
 */
import { hash32 } from './hash';

/** Leaves: 2^DEPTH. 16 leaves keep the descent at four round trips for the lab's key counts. */
export const MERKLE_DEPTH = 4;

/** The leaf a key falls in (the top DEPTH bits of its hash). */
export function bucketOf(key: string): number {
  return hash32(`merkle:${key}`) >>> (32 - MERKLE_DEPTH);
}

/**
 * The tree as levels of hashes: levels[0] is [root], levels[DEPTH] the leaves. An empty
 * subtree hashes to 0, so two replicas without keys in a range agree on it.
 */
export function buildTree(digests: ReadonlyMap<string, number>): number[][] {
  const leaves = 2 ** MERKLE_DEPTH;
  const parts: string[][] = Array.from({ length: leaves }, () => []);
  for (const key of [...digests.keys()].sort()) {
    parts[bucketOf(key)]!.push(`${key}:${digests.get(key)}`);
  }
  const levels: number[][] = [parts.map((p) => (p.length === 0 ? 0 : hash32(p.join('\n'))))];
  while (levels[0]!.length > 1) {
    const below = levels[0]!;
    const up: number[] = [];
    for (let i = 0; i < below.length; i += 2) {
      const [l, r] = [below[i]!, below[i + 1]!];
      up.push(l === 0 && r === 0 ? 0 : hash32(`${l},${r}`));
    }
    levels.unshift(up);
  }
  return levels;
}

/**
 * Given the other replica's hashes at `level` (by index), the indices that differ from ours;
 * with their children's hashes when `level` is above the leaves (the next step down).
 */
export function compareLevel(
  tree: readonly (readonly number[])[],
  level: number,
  theirs: Readonly<Record<number, number>>,
): { differ: number[]; children: Record<number, number> } {
  const differ: number[] = [];
  const children: Record<number, number> = {};
  for (const [index, hash] of Object.entries(theirs)) {
    const i = Number(index);
    if (tree[level]?.[i] === hash) continue;
    differ.push(i);
    if (level < MERKLE_DEPTH) {
      children[2 * i] = tree[level + 1]![2 * i]!;
      children[2 * i + 1] = tree[level + 1]![2 * i + 1]!;
    }
  }
  return { differ: differ.sort((a, b) => a - b), children };
}
