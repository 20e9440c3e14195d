/**
 * The explorer's nemesis: episodes of faults clustered at the protocol's timeout scale,
 * drawn only from the fault kinds asked for.
 */
import { describe, expect, it } from 'vitest';
import { createStream } from '../rng';
import type { Action, TimedAction } from '../types';
import { nemesis } from './nemesis';
import type { NemesisScale } from './nemesis';
import type { FaultKind } from './options';

const IDS = ['S1', 'S2', 'S3', 'S4', 'S5'];
const SCALE: NemesisScale = {
  timeout: { min: 150, max: 300 },
  latency: { min: 10, max: 15 },
  gap: 250,
};
const ALL: FaultKind[] = ['crash', 'restart', 'partition', 'cut', 'pause', 'timeout'];

function schedule(seed: number, faults: FaultKind[] = ALL): TimedAction[] {
  return nemesis(createStream(seed, 'explore'), IDS, faults, SCALE, 200, 2500);
}

/** The fault kind an action belongs to (heals undo link faults). */
const KIND: Record<string, FaultKind[]> = {
  crash: ['crash'],
  restart: ['restart'],
  partition: ['partition'],
  cut: ['cut'],
  pause: ['pause'],
  timeout: ['timeout'],
  heal: ['partition', 'cut'],
};

describe('the nemesis', () => {
  it('draws only the kinds asked for, sorted, within the window', () => {
    const mixes: FaultKind[][] = [['crash'], ['partition'], ['timeout', 'restart'], ['pause'], ALL];
    for (const mix of mixes) {
      for (let seed = 1; seed <= 40; seed++) {
        const out = schedule(seed, mix);
        for (const a of out) {
          expect(
            KIND[a.action.type]!.some((k) => mix.includes(k)),
            JSON.stringify(a),
          ).toBe(true);
          expect(a.at).toBeGreaterThanOrEqual(200);
          expect(a.at).toBeLessThan(2500);
        }
        expect(out.map((a) => a.at)).toEqual([...out.map((a) => a.at)].sort((x, y) => x - y));
      }
    }
    expect(schedule(1, [])).toEqual([]);
  });

  it('is the same for the same seed', () => {
    expect(schedule(9)).toEqual(schedule(9));
    expect(schedule(9)).not.toEqual(schedule(10));
  });

  it('clusters crashes: most crashed nodes come back within two timeouts, several at once', () => {
    let named = 0;
    let back = 0;
    let overlapping = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const out = schedule(seed, ['crash', 'restart', 'timeout']);
      const down = new Map<string, number>();
      let most = 0;
      for (const { at, action } of out) {
        if (action.type === 'crash' && action.node !== 'leader') {
          named++;
          const up = out.find(
            (a) => a.at >= at && a.action.type === 'restart' && a.action.node === action.node,
          );
          if (up !== undefined && up.at - at <= 2 * SCALE.timeout.max) back++;
          down.set(action.node, at);
        } else if (action.type === 'restart') down.delete(action.node);
        most = Math.max(most, down.size);
      }
      if (most >= 2) overlapping++;
    }
    expect(back / named).toBeGreaterThan(0.7);
    expect(overlapping).toBeGreaterThan(20);
  });

  it('isolates the leader with a minority, in rolling rounds', () => {
    let isolations = 0;
    let rolling = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const parts = schedule(seed, ['partition']).filter(
        (a): a is TimedAction & { action: Extract<Action, { type: 'partition' }> } =>
          a.action.type === 'partition' && a.action.groups[0]!.includes('leader'),
      );
      for (const p of parts) {
        isolations++;
        // The leader's side is a minority of the five.
        expect(p.action.groups).toHaveLength(1);
        expect(p.action.groups[0]!.length).toBeLessThanOrEqual(2);
      }
      if (parts.some((p, i) => i > 0 && p.at - parts[i - 1]!.at <= 3 * SCALE.timeout.max))
        rolling++;
    }
    expect(isolations).toBeGreaterThan(100);
    expect(rolling).toBeGreaterThan(20);
  });

  it('starts split elections: two nodes time out within a latency of each other', () => {
    let split = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const t = schedule(seed, ['timeout']).filter((a) => a.action.type === 'timeout');
      if (t.some((a, i) => i > 0 && a.at - t[i - 1]!.at <= SCALE.latency.min)) split++;
    }
    expect(split).toBeGreaterThan(30);
  });
});
