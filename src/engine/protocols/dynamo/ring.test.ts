import { describe, expect, it } from 'vitest';
import { nodeIds } from '../../scenario';
import { hash32 } from './hash';
import { buildRing, ownership, preferenceList, rangePeers, ringWalk } from './ring';

const keys = Array.from({ length: 500 }, (_, i) => `k${i + 1}`);

describe('§4.2 consistent hashing with virtual nodes', () => {
  it('hashes deterministically onto 32 bits', () => {
    expect(hash32('k1')).toBe(hash32('k1'));
    expect(hash32('k1')).not.toBe(hash32('k2'));
    for (const k of keys) expect(hash32(k)).toBeGreaterThanOrEqual(0);
    for (const k of keys) expect(hash32(k)).toBeLessThan(2 ** 32);
  });

  it('every key gets N distinct servers, the first N of its ring walk', () => {
    for (const [size, vnodes, n] of [
      [3, 1, 3],
      [5, 8, 3],
      [7, 4, 5],
      [15, 16, 3],
    ] as const) {
      const ids = nodeIds(size);
      const ring = buildRing(ids, vnodes);
      expect(ring).toHaveLength(size * vnodes);
      for (const key of keys) {
        const list = preferenceList(ring, key, n);
        expect(new Set(list).size).toBe(n);
        const walk = ringWalk(ring, key);
        expect([...walk].sort()).toEqual([...ids].sort());
        expect(walk.slice(0, n)).toEqual(list);
      }
    }
  });

  it('the first replica owns the token at or after the key (wrapping)', () => {
    const ring = buildRing(nodeIds(5), 8);
    for (const key of keys) {
      const pos = hash32(key);
      const token = ring.find((t) => t.pos >= pos) ?? ring[0]!;
      expect(preferenceList(ring, key, 3)[0]).toBe(token.node);
    }
  });

  it('ownership shares sum to 1', () => {
    const ids = nodeIds(5);
    const share = ownership(buildRing(ids, 8), ids);
    expect(Object.values(share).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  /**
   * With S servers of V random tokens each, a server's share of the ring is Beta(V, SV - V):
   * its relative deviation (share·S − 1) has variance (S − 1)/(SV + 1), so load evens out as
   * 1/√V. Measured over 200 clusters of differently named servers.
   */
  it('more virtual nodes spread the load, as the theory expects', () => {
    const S = 5;
    const rms = (vnodes: number) => {
      let sum = 0;
      let count = 0;
      for (let c = 0; c < 200; c++) {
        const ids = Array.from({ length: S }, (_, i) => `C${c}-S${i + 1}`);
        const share = ownership(buildRing(ids, vnodes), ids);
        for (const id of ids) {
          sum += (share[id]! * S - 1) ** 2;
          count++;
        }
      }
      return Math.sqrt(sum / count);
    };
    const measured: number[] = [];
    for (const vnodes of [1, 4, 16, 64]) {
      const expected = Math.sqrt((S - 1) / (S * vnodes + 1));
      const m = rms(vnodes);
      measured.push(m);
      expect(m, `vnodes ${vnodes}`).toBeGreaterThan(expected * 0.85);
      expect(m, `vnodes ${vnodes}`).toBeLessThan(expected * 1.15);
    }
    for (let i = 1; i < measured.length; i++) expect(measured[i]).toBeLessThan(measured[i - 1]!);
  });

  it('range peers: with N equal to the cluster size everyone shares with everyone', () => {
    const ring = buildRing(nodeIds(3), 8);
    expect(rangePeers(ring, 3, 'S1')).toEqual(['S2', 'S3']);
    const five = buildRing(nodeIds(5), 1);
    for (const id of nodeIds(5)) expect(rangePeers(five, 2, id)).toHaveLength(2);
  });
});
