/**
 * The replicated key-value state machine every log-based protocol applies its chosen or
 * committed commands to, with client sessions (the log-based protocols share it):
 * the last seq applied per client and its result, so that a command logged twice (a retry
 * that reached two leaders, or one leader twice) changes the store once.
 */
import type { ClientResponse, KvOp } from '../types';

/** A client operation as it travels through a log; client+seq make retries idempotent. */
export interface KvCommand {
  client: string;
  seq: number;
  op: KvOp;
}

/**
 * Keys are data. The store is a plain object (so that keyframes, `structuredClone` and the
 * worker's messages copy it as they copy any state), but a key is never looked up through
 * its prototype: `get constructor` finds nothing, `put __proto__` is stored as an entry.
 * Read and write entries of such tables only through getEntry / setEntry.
 */
export function getEntry<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Stores `value` under `key` as an own entry, whatever the key (see getEntry). */
export function setEntry<T>(table: Record<string, T>, key: string, value: T): void {
  // Assignment would call Object.prototype's __proto__ setter; every other key is a plain write.
  if (key === '__proto__') {
    Object.defineProperty(table, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else table[key] = value;
}

/** The part of a node's state the state machine owns. Plain data (see getEntry). */
export interface KvStore {
  kv: Record<string, string>;
  /** Last applied seq per client, and its result, to answer retries without re-applying. */
  sessions: Record<string, { seq: number; result: string | null }>;
}

/** Shared records of answered puts: every server, and every user request, has {seq: 1, …}. */
const PUT_SESSIONS: Readonly<{ seq: number; result: null }>[] = [];
const SHARED_PUT_SEQS = 1024;

/**
 * A session's record, frozen: a session is replaced, never changed, so history keyframes
 * share it (keyframeStore); a put's (no result) is one shared record per seq, as every
 * server's table and each of the lab's one-request clients would otherwise hold a copy.
 */
function sessionRecord(seq: number, result: string | null): { seq: number; result: string | null } {
  if (result !== null || seq >= SHARED_PUT_SEQS || !Number.isInteger(seq) || seq < 0) {
    return Object.freeze({ seq, result });
  }
  return (PUT_SESSIONS[seq] ??= Object.freeze({ seq, result: null }));
}

/** The answer a command earns, or null when it must not be answered (a stale duplicate). */
export type Outcome = { result: string | null } | null;

/** What a client hears once its command has applied. */
export function response(cmd: KvCommand, result: string | null): ClientResponse {
  return cmd.op.type === 'get' ? { ok: true, value: result } : { ok: true };
}

/**
 * Applies one command. A command whose seq the client's session has already reached was
 * applied before (a retry logged twice): it changes nothing; the latest one is answered
 * from the session, an older one not at all (its client has moved on).
 */
export function applyCommand(store: KvStore, cmd: KvCommand): Outcome {
  const session = getEntry(store.sessions, cmd.client);
  if (session !== undefined && cmd.seq <= session.seq) {
    return cmd.seq === session.seq ? { result: session.result } : null;
  }
  let result: string | null = null;
  if (cmd.op.type === 'put') setEntry(store.kv, cmd.op.key, cmd.op.value);
  else result = getEntry(store.kv, cmd.op.key) ?? null;
  setEntry(store.sessions, cmd.client, sessionRecord(cmd.seq, result));
  return { result };
}

/**
 * A request the session table already settles: the answer to repeat for the latest seq,
 * `'stale'` for an older one (never answered: its client has moved on), or null for a new one.
 */
export function sessionAnswer(store: KvStore, cmd: KvCommand): ClientResponse | 'stale' | null {
  const session = getEntry(store.sessions, cmd.client);
  if (session === undefined || cmd.seq > session.seq) return null;
  return cmd.seq === session.seq ? response(cmd, session.result) : 'stale';
}

/** "put x=1 (c1#3)"; null is the no-op a new leader writes into a gap. */
export function describeKvCommand(c: KvCommand | null): string {
  if (c === null) return 'no-op';
  const op = c.op.type === 'put' ? `put ${c.op.key}=${c.op.value}` : `get ${c.op.key}`;
  return `${op} (${c.client}#${c.seq})`;
}

/** A copy sharing nothing with the original (a request object may be reused by its sender). */
export function copyKvCommand(c: KvCommand): KvCommand {
  return { client: c.client, seq: c.seq, op: { ...c.op } };
}
