/**
 * The linearizability checker, on hand-made histories that must pass and must fail, and
 * cross-checked against a brute-force search over every order on small random histories.
 */
import { describe, expect, it } from 'vitest';
import { createStream, nextFloat, uniformInt } from '../rng';
import type { ClientOpRecord } from '../types';
import { checkKvHistory, checkOperations, registerModel } from './linearizability';
import type { HistoryOp, RegisterInput } from './linearizability';

type Op = HistoryOp<RegisterInput, string | null>;
const put = (id: number, call: number, ret: number, value: string): Op => ({
  id,
  call,
  ret,
  input: { type: 'put', value },
  output: null,
});
const get = (id: number, call: number, ret: number, output: string | null): Op => ({
  id,
  call,
  ret,
  input: { type: 'get' },
  output,
});

describe('a single register', () => {
  it.each<{ name: string; ops: Op[]; outcome: 'ok' | 'illegal' }>([
    { name: 'empty history', ops: [], outcome: 'ok' },
    { name: 'a read of a missing key is null', ops: [get(1, 0, 1, null)], outcome: 'ok' },
    {
      name: 'a read of a missing key is not a value',
      ops: [get(1, 0, 1, 'a')],
      outcome: 'illegal',
    },
    { name: 'read after write', ops: [put(1, 0, 1, 'a'), get(2, 2, 3, 'a')], outcome: 'ok' },
    {
      name: 'stale read after a completed write',
      ops: [put(1, 0, 1, 'a'), get(2, 2, 3, null)],
      outcome: 'illegal',
    },
    {
      name: 'read concurrent with a write may see either',
      ops: [put(1, 0, 10, 'a'), get(2, 2, 3, null), get(3, 4, 5, 'a')],
      outcome: 'ok',
    },
    {
      name: 'reads concurrent with a write cannot go back (new then old)',
      ops: [put(1, 0, 10, 'a'), get(2, 2, 3, 'a'), get(3, 4, 5, null)],
      outcome: 'illegal',
    },
    {
      name: 'two concurrent writes, observed in one order by sequential reads',
      ops: [put(1, 0, 5, 'a'), put(2, 0, 5, 'b'), get(3, 6, 7, 'a'), get(4, 8, 9, 'a')],
      outcome: 'ok',
    },
    {
      name: 'two concurrent writes cannot be seen in both orders after both complete',
      ops: [put(1, 0, 5, 'a'), put(2, 0, 5, 'b'), get(3, 6, 7, 'a'), get(4, 8, 9, 'b')],
      outcome: 'illegal',
    },
    {
      name: 'a read of a value before its write was invoked',
      ops: [get(1, 0, 1, 'a'), put(2, 2, 3, 'a')],
      outcome: 'illegal',
    },
    {
      name: 'operations that touch at one instant may be concurrent',
      ops: [put(1, 0, 2, 'a'), get(2, 2, 3, null)],
      outcome: 'ok',
    },
    {
      name: 'an unfinished write may take effect late',
      ops: [put(1, 0, Infinity, 'a'), get(2, 5, 6, null), get(3, 7, 8, 'a')],
      outcome: 'ok',
    },
    {
      name: 'an unfinished write, once seen, stays (no flicker back)',
      ops: [put(1, 0, Infinity, 'a'), get(2, 5, 6, 'a'), get(3, 7, 8, null)],
      outcome: 'illegal',
    },
    {
      name: 'an unfinished write cannot take effect before it was invoked',
      ops: [get(1, 0, 1, 'a'), put(2, 2, Infinity, 'a')],
      outcome: 'illegal',
    },
    {
      name: 'lost update: a later write overwritten by an earlier one',
      ops: [put(1, 0, 1, 'a'), put(2, 2, 3, 'b'), get(3, 4, 5, 'a')],
      outcome: 'illegal',
    },
  ])('$name → $outcome', ({ ops, outcome }) => {
    expect(checkOperations(ops, registerModel)).toBe(outcome);
  });

  it('gives up with "unknown" when the step budget is exhausted', () => {
    const ops: Op[] = [];
    for (let i = 0; i < 14; i++) ops.push(put(i, 0, 100, `v${i}`));
    ops.push(get(99, 101, 102, 'nope'));
    expect(checkOperations(ops, registerModel, { maxSteps: 50 })).toBe('unknown');
    expect(checkOperations(ops, registerModel)).toBe('illegal');
  });

  it('handles long sequential histories quickly', () => {
    const ops: Op[] = [];
    for (let i = 0; i < 3000; i++)
      ops.push(
        i % 2 ? get(i, i * 10, i * 10 + 5, `v${i - 1}`) : put(i, i * 10, i * 10 + 5, `v${i}`),
      );
    expect(checkOperations(ops, registerModel)).toBe('ok');
  });
});

/** Every order of the operations that respects real time, tried one by one. */
function bruteForce(ops: Op[]): 'ok' | 'illegal' {
  const n = ops.length;
  const used = new Array<boolean>(n).fill(false);
  const search = (depth: number, state: string | null): boolean => {
    if (depth === n) return true;
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      // i may go next only if no unused op finished before i was called.
      if (ops.some((o, j) => !used[j] && j !== i && o.ret < ops[i]!.call)) continue;
      const next = registerModel.step(
        state,
        ops[i]!.input,
        ops[i]!.output,
        ops[i]!.ret !== Infinity,
      );
      if (next === null) continue;
      used[i] = true;
      if (search(depth + 1, next.state)) return true;
      used[i] = false;
    }
    return false;
  };
  return search(0, null) ? 'ok' : 'illegal';
}

describe('agreement with brute force on random small histories', () => {
  it('agrees on 3000 random histories, both legal and illegal ones', () => {
    const rng = createStream(7, 'linearizability-test');
    let legal = 0;
    let illegal = 0;
    for (let h = 0; h < 3000; h++) {
      const n = uniformInt(rng, 1, 7);
      const ops: Op[] = [];
      for (let i = 0; i < n; i++) {
        const call = uniformInt(rng, 0, 20);
        const ret = nextFloat(rng) < 0.15 ? Infinity : call + uniformInt(rng, 0, 8);
        const value = ['a', 'b', null][uniformInt(rng, 0, 2)]!;
        ops.push(
          nextFloat(rng) < 0.5
            ? put(i, call, ret, `v${i}`)
            : get(i, call, ret, value === null ? null : `v${uniformInt(rng, 0, n - 1)}`),
        );
      }
      const expected = bruteForce(ops);
      expect(checkOperations(ops, registerModel), JSON.stringify(ops)).toBe(expected);
      if (expected === 'ok') legal++;
      else illegal++;
    }
    expect(legal).toBeGreaterThan(300);
    expect(illegal).toBeGreaterThan(300);
  });
});

describe('key-value histories from client records', () => {
  let id = 0;
  const rec = (
    r: Partial<ClientOpRecord> & Pick<ClientOpRecord, 'op' | 'key' | 'invokedAt'>,
  ): ClientOpRecord => ({
    id: ++id,
    client: 'c1',
    value: null,
    completedAt: null,
    ok: false,
    result: null,
    attempts: 1,
    ...r,
  });

  it('checks each key on its own', () => {
    const history = [
      rec({ op: 'put', key: 'x', value: 'c1.1', invokedAt: 0, completedAt: 1, ok: true }),
      rec({ op: 'get', key: 'y', invokedAt: 2, completedAt: 3, ok: true, result: null }),
      rec({ op: 'get', key: 'x', invokedAt: 2, completedAt: 3, ok: true, result: 'c1.1' }),
    ];
    expect(checkKvHistory(history)).toMatchObject({ ok: true, illegal: [] });
    history.push(
      rec({ op: 'get', key: 'y', invokedAt: 4, completedAt: 5, ok: true, result: 'c1.1' }),
    );
    expect(checkKvHistory(history)).toMatchObject({ ok: false, illegal: ['y'] });
  });

  it('a put that failed with a definite error did not take effect', () => {
    const history = [
      rec({
        op: 'put',
        key: 'x',
        value: 'c1.1',
        invokedAt: 0,
        completedAt: 1,
        ok: false,
        result: 'not_leader',
      }),
      rec({ op: 'get', key: 'x', invokedAt: 2, completedAt: 3, ok: true, result: 'c1.1' }),
    ];
    expect(checkKvHistory(history).ok).toBe(false);
  });

  it.each([
    { what: 'timed out', fields: { completedAt: 4, ok: false, result: 'timeout' } },
    { what: 'never answered', fields: { completedAt: null, ok: false, result: null } },
  ])('a put that $what may have taken effect, even after its client gave up', ({ fields }) => {
    const history = [
      rec({ op: 'put', key: 'x', value: 'c1.1', invokedAt: 0, ...fields }),
      rec({ op: 'get', key: 'x', invokedAt: 10, completedAt: 11, ok: true, result: null }),
      rec({ op: 'get', key: 'x', invokedAt: 12, completedAt: 13, ok: true, result: 'c1.1' }),
    ];
    expect(checkKvHistory(history).ok).toBe(true);
  });

  it('an unanswered get constrains nothing', () => {
    const history = [
      rec({ op: 'get', key: 'x', invokedAt: 0, completedAt: 5, ok: false, result: 'timeout' }),
    ];
    expect(checkKvHistory(history)).toMatchObject({ ok: true, keys: [] });
  });

  it('reports a key the search gave up on as unknown, and not ok', () => {
    const history: ClientOpRecord[] = [];
    for (let i = 0; i < 14; i++)
      history.push(
        rec({ op: 'put', key: 'x', value: `v${i}`, invokedAt: 0, completedAt: 100, ok: true }),
      );
    history.push(
      rec({ op: 'get', key: 'x', invokedAt: 101, completedAt: 102, ok: true, result: 'nope' }),
    );
    expect(checkKvHistory(history, { maxSteps: 10 })).toMatchObject({
      ok: false,
      unknown: ['x'],
      illegal: [],
    });
  });
});
