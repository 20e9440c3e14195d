/**
 * Hand-written client histories for the checker's tests and measurements, one line per
 * operation. Not used by the lab itself.
 */
import { createStream, nextFloat, uniformInt, uniformMs } from '../rng';
import type { ClientOpRecord } from '../types';

/**
 * A put (`value` set) or get (`result` set) by `client` on key `k`, over [invokedAt,
 * completedAt]; ok unless `extra` says otherwise. Ids are given, so expectations name them.
 */
export function put(
  id: number,
  client: string,
  span: [number, number | null],
  value: string,
  extra: Partial<ClientOpRecord> = {},
): ClientOpRecord {
  return record(id, client, 'put', span, { value, ...extra });
}

export function get(
  id: number,
  client: string,
  span: [number, number | null],
  result: string | null,
  extra: Partial<ClientOpRecord> = {},
): ClientOpRecord {
  return record(id, client, 'get', span, { result, ...extra });
}

/** A put that timed out at `gaveUp`: it may or may not have taken effect. */
export function timedOutPut(
  id: number,
  client: string,
  invokedAt: number,
  gaveUp: number,
  value: string,
): ClientOpRecord {
  return put(id, client, [invokedAt, gaveUp], value, { ok: false, result: 'timeout' });
}

function record(
  id: number,
  client: string,
  op: 'put' | 'get',
  [invokedAt, completedAt]: [number, number | null],
  fields: Partial<ClientOpRecord>,
): ClientOpRecord {
  return {
    id,
    client,
    op,
    key: 'k',
    value: null,
    invokedAt,
    completedAt,
    ok: completedAt !== null,
    result: null,
    attempts: 1,
    ...fields,
  };
}

export interface HistoryShape {
  ops: number;
  clients: number;
  keys: number;
  /** Share of gets that return the previous value instead of the current one. */
  staleReads: number;
  seed: number;
}

/**
 * A history of a correct register, optionally with stale reads: closed-loop clients on a few
 * keys, each operation taking effect at a seeded instant inside its interval (so operations
 * on a key overlap), 2 % timing out (a timed-out put takes effect half the time). With
 * `staleReads` 0 it is linearizable. The same shape gives the same records.
 */
export function generateHistory(shape: HistoryShape): ClientOpRecord[] {
  const rng = createStream(shape.seed, 'checker-bench');
  const clock = new Array<number>(shape.clients).fill(0);
  const records: ClientOpRecord[] = [];
  const effects: { at: number; record: ClientOpRecord }[] = [];
  const seq = new Array<number>(shape.clients).fill(0);
  for (let id = 1; id <= shape.ops; id++) {
    // The client that is free first issues next (lowest index on ties).
    let c = 0;
    for (let i = 1; i < shape.clients; i++) if (clock[i]! < clock[c]!) c = i;
    const invokedAt = clock[c]!;
    const timedOut = nextFloat(rng) < 0.02;
    const completedAt = invokedAt + (timedOut ? 500 : uniformMs(rng, 2, 30));
    const put = nextFloat(rng) < 0.5;
    const record: ClientOpRecord = {
      id,
      client: `c${c + 1}`,
      op: put ? 'put' : 'get',
      key: `k${uniformInt(rng, 1, shape.keys)}`,
      value: put ? `c${c + 1}.${++seq[c]!}` : null,
      invokedAt,
      completedAt,
      ok: !timedOut,
      result: timedOut ? 'timeout' : null,
      attempts: 1,
    };
    records.push(record);
    // A timed-out put applies half the time; a timed-out get reads nothing anyone sees.
    if (!timedOut || (put && nextFloat(rng) < 0.5)) {
      effects.push({ at: uniformMs(rng, invokedAt, completedAt), record });
    }
    clock[c] = completedAt + uniformMs(rng, 0, 10);
  }
  effects.sort((a, b) => a.at - b.at || a.record.id - b.record.id);
  const current = new Map<string, string>();
  const previous = new Map<string, string>();
  for (const { record } of effects) {
    if (record.op === 'put') {
      const was = current.get(record.key);
      if (was !== undefined) previous.set(record.key, was);
      current.set(record.key, record.value!);
    } else if (record.ok) {
      const stale = nextFloat(rng) < shape.staleReads;
      record.result = (stale ? previous : current).get(record.key) ?? null;
    }
  }
  return records;
}
