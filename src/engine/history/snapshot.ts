/**
 * Keyframes that share what never changes.
 *
 * A full copy of a long run's state is large (protocol logs and the client-operation records grow
 * with the run), and copying it on every seek would be slow. So keyframes share *settled*
 * objects: objects that nothing mutates any more. A settled object is marked by freezing it
 * (`Object.freeze`): `cloneShared` copies everything else and shares frozen objects as they
 * are. Freezing makes the assumption safe: if code ever mutated a settled object, it would
 * throw at once (engine modules are strict mode) instead of silently corrupting history.
 *
 * What is settled, per the simulator's and the protocols' code:
 * - a client operation record once it completed (only pending records are updated);
 * - leader and violation records (append-only logs of what happened);
 * - whatever a protocol freezes itself: log entries frozen when created, shared by live and
 *   persisted state, messages and checker memory alike.
 */
import type { SimState } from '../simulator';

/**
 * Plain-data copy that keeps aliasing (an object seen twice is copied once) and shares frozen
 * objects. Copies are made with `slice()` and object spread, which keep the originals' hidden
 * classes and element kinds: objects built any other way (structuredClone, JSON.parse, key by
 * key) make the simulator's and protocols' code polymorphic and replay several times slower.
 */
export function cloneShared<T>(value: T): T {
  const memo = new Map<object, unknown>();
  // Elements are tested inline (primitive or frozen: kept as is) before any call: the long
  // arrays of a run (logs, operation records) are almost all settled, and a call per element
  // was most of the cost of a keyframe.
  const walk = (v: object): unknown => {
    const seen = memo.get(v);
    if (seen !== undefined) return seen;
    if (Array.isArray(v)) {
      const out: unknown[] = v.slice();
      memo.set(v, out);
      for (let i = 0; i < out.length; i++) {
        const el = out[i];
        if (typeof el === 'object' && el !== null && !Object.isFrozen(el)) out[i] = walk(el);
      }
      return out;
    }
    const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    memo.set(v, out);
    for (const key in out) {
      const el = out[key];
      if (typeof el === 'object' && el !== null && !Object.isFrozen(el)) out[key] = walk(el);
    }
    return out;
  };
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  return walk(value) as T;
}

export function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/**
 * Client operations before this index are all frozen, per operations array. Operations
 * complete out of order, so the mark advances only over a frozen prefix; a restored state
 * has a new array and starts over once.
 */
const frozenPrefix = new WeakMap<object, number>();

/**
 * Freezes the settled objects of a live state (see the module comment). Cheap when repeated:
 * it scans only past the frozen prefix of the operation records. Protocols freeze the log
 * entries they create themselves, so those need no work here.
 */
export function freezeSettled(state: SimState<unknown>): void {
  const ops = state.clientOps;
  let prefix = frozenPrefix.get(ops) ?? 0;
  let allFrozen = true;
  for (let i = prefix; i < ops.length; i++) {
    const op = ops[i]!;
    if (!Object.isFrozen(op)) {
      if (state.pendingOps[i] === undefined) deepFreeze(op);
      else allFrozen = false;
    }
    if (allFrozen) prefix = i + 1;
  }
  frozenPrefix.set(ops, prefix);
  for (const r of state.leaders) deepFreeze(r);
  for (const r of state.violations) deepFreeze(r);
}
