/**
 * Keyframes that share what never changes.
 *
 * A full copy of a long run's state is large (Raft logs and the client-operation records grow
 * with the run), and copying it on every seek would be slow. So keyframes share *settled*
 * objects: objects that nothing mutates any more. A settled object is marked by freezing it
 * (`Object.freeze`): `cloneShared` copies everything else and shares frozen objects as they
 * are. Freezing makes the assumption safe: if code ever mutated a settled object, it would
 * throw at once (engine modules are strict mode) instead of silently corrupting history.
 *
 * What is settled, per the simulator's and the protocols' code:
 * - a client operation record once it completed (only pending records are updated);
 * - leader and violation records (append-only logs of what happened);
 * - Raft log entries (entries are never edited in place: a conflict truncates the log and
 *   appends fresh copies; see protocols/raft/replication.ts), in live and persisted state.
 */
import type { ProtocolName } from '../scenario';
import type { SimState } from '../simulator';

/**
 * Plain-data copy that keeps aliasing (an object seen twice is copied once) and shares frozen
 * objects. Copies are made with `slice()` and object spread, which keep the originals' hidden
 * classes and element kinds: objects built any other way (structuredClone, JSON.parse, key by
 * key) make the simulator's and protocols' code polymorphic and replay several times slower.
 */
export function cloneShared<T>(value: T): T {
  const memo = new Map<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return v;
    const seen = memo.get(v);
    if (seen !== undefined) return seen;
    if (Array.isArray(v)) {
      const out: unknown[] = v.slice();
      memo.set(v, out);
      for (let i = 0; i < out.length; i++) {
        const el = out[i];
        if (typeof el === 'object' && el !== null) out[i] = walk(el);
      }
      return out;
    }
    const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    memo.set(v, out);
    for (const key in out) {
      const el = out[key];
      if (typeof el === 'object' && el !== null) out[key] = walk(el);
    }
    return out;
  };
  return walk(value) as T;
}

export function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/** Arrays inside one node's protocol state (live or persisted) whose elements are settled. */
type SettledParts = (nodeState: unknown) => unknown[][];

const logEntries: SettledParts = (s) => {
  const log = (s as { log?: unknown } | null)?.log;
  return Array.isArray(log) ? [log] : [];
};

/** Per protocol: which parts of its node state only ever get appended to or truncated. */
const SETTLED_PARTS: Partial<Record<ProtocolName, SettledParts>> = {
  raft: logEntries,
};

/** Freezes the settled objects of a live state (see the module comment). Cheap when repeated. */
export function freezeSettled(state: SimState<unknown>, protocol: ProtocolName): void {
  const ops = state.clientOps;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (!Object.isFrozen(op) && state.pendingOps[i] === undefined) deepFreeze(op);
  }
  for (const r of state.leaders) deepFreeze(r);
  for (const r of state.violations) deepFreeze(r);
  const parts = SETTLED_PARTS[protocol];
  if (!parts) return;
  for (const node of state.nodes) {
    for (const owner of [node.state, node.persisted]) {
      if (owner === null || owner === undefined) continue;
      for (const arr of parts(owner)) for (const el of arr) deepFreeze(el);
    }
  }
}
