/**
 * A stable fingerprint of a simulator's state, for tests and debugging: two runs that reached
 * the same state give the same hash, whatever order their objects' keys were created in.
 */
import type { Simulator } from '../simulator';

/** JSON with object keys sorted, so equal plain data always gives equal text. */
export function stableStringify(value: unknown): string {
  const parts: string[] = [];
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object') {
      parts.push(v === undefined ? 'null' : JSON.stringify(v));
      return;
    }
    if (Array.isArray(v)) {
      parts.push('[');
      for (let i = 0; i < v.length; i++) {
        if (i > 0) parts.push(',');
        walk(v[i]);
      }
      parts.push(']');
      return;
    }
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    parts.push('{');
    keys.forEach((k, i) => {
      if (i > 0) parts.push(',');
      parts.push(JSON.stringify(k), ':');
      walk(obj[k]);
    });
    parts.push('}');
  };
  walk(value);
  return parts.join('');
}

/** FNV-1a, 32 bits, over UTF-16 code units, as 8 hex digits. */
export function fnv1a(text: string, seed = 0x811c9dc5): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Hash of everything in `sim.state` except the trace (which the history keeps apart):
 * two FNV-1a passes with different seeds plus the text length, so accidental collisions
 * in tests are out of the question.
 */
export function stateHash(sim: Pick<Simulator, 'state'>): string {
  const { trace: _trace, ...rest } = sim.state;
  const text = stableStringify(rest);
  return `${fnv1a(text)}${fnv1a(text, 0x050c5d1f)}-${text.length}`;
}
