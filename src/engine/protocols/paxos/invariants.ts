/**
 * Paxos's safety properties (Paxos Made Simple §2.1–2.2), checked after every simulator event,
 * for single-decree Paxos (slot 0) and every slot of Multi-Paxos alike:
 *
 * - Agreement: per slot at most one value is chosen, ever — "chosen" both as the paper defines
 *   it (a majority of acceptors accepted one ballot, §2.2) and as any learner learned it.
 * - Validity: a chosen value was proposed (§2.1) — checked for every accepted value, which is
 *   stronger: an acceptor only ever accepts a value some proposer put forward for that slot.
 * - Promise Kept: an acceptor never accepts below a ballot it promised, and never goes back on
 *   a promise, across crashes too (§2.3's stable storage).
 * - Learned Stability: a value a learner learned never changes or disappears.
 *
 * Each check is incremental: it looks only at the node the event touched, skips it when its
 * stable state's `version` did not move, and compares the slots the event wrote (the node's
 * write journal says which; every slot after a restart) with a mirror of the node's frozen
 * entries, so that a write that did not change an entry costs nothing more.
 */
import { isMajorityOf } from '../../quorum';
import type { Blame, InvariantChecker, NodeId } from '../../types';
import type { Ballot } from './ballot';
import { compareBallots, formatBallot, sameBallot } from './ballot';
import type { AcceptedEntry, ChosenEntry, PaxosCore } from './core';
import { JOURNAL_SIZE } from './core';

type Key<V> = (v: V) => string;

interface Mirrors<V> {
  version: Record<NodeId, number>;
  /** Per node, its `writes` when last checked. */
  writes: Record<NodeId, number>;
  /** Per node, its `accepted` and `chosen` arrays when last checked: others mean a restart. */
  arrays: Record<NodeId, [unknown, unknown]>;
  accepted: Record<NodeId, (AcceptedEntry<V> | null)[]>;
  chosen: Record<NodeId, (ChosenEntry<V> | null)[]>;
}

function mirrors<V>(): Mirrors<V> {
  return { version: {}, writes: {}, arrays: {}, accepted: {}, chosen: {} };
}

/** The slots an event wrote, per array; null where every slot must be compared. */
interface Written {
  accepted: number[] | null;
  chosen: number[] | null;
}

const SCAN_ALL: Written = { accepted: null, chosen: null };

/**
 * The slots written since the last check, from the node's journal. Every slot is compared
 * instead after a restart (stable storage was read back: anything may differ) and when more
 * writes happened than the journal remembers.
 */
function written<V>(s: PaxosCore<V>, m: Mirrors<V>): Written {
  const since = m.writes[s.id] ?? 0;
  const arrays = m.arrays[s.id];
  const fresh = arrays === undefined || arrays[0] !== s.accepted || arrays[1] !== s.chosen;
  m.writes[s.id] = s.writes;
  if (fresh) m.arrays[s.id] = [s.accepted, s.chosen];
  if (fresh || s.writes - since > JOURNAL_SIZE || s.writes < since) return SCAN_ALL;
  const out: Written = { accepted: [], chosen: [] };
  for (let w = since; w < s.writes; w++) {
    const code = s.journal[w % JOURNAL_SIZE]!;
    if (code >= 0) out.accepted!.push(code);
    else out.chosen!.push(-1 - code);
  }
  return out;
}

/**
 * Calls `visit` for each slot whose entry differs from the mirror (among `slots`, or all),
 * then updates the mirror. Entries are compared by identity first (the fast path), then by
 * content, so that a copy of an unchanged entry (stable storage read back from a clone) is not
 * taken for a new write.
 */
function changedSlots<E extends { readonly value: unknown }>(
  now: readonly (E | null)[],
  mirror: (E | null)[],
  slots: readonly number[] | null,
  equal: (a: E, b: E) => boolean,
  visit: (slot: number, entry: E | null, before: E | null) => string | null,
): string | null {
  if (slots !== null) {
    for (const slot of slots) {
      const problem = compareSlot(now, mirror, slot, equal, visit);
      if (problem !== null) return problem;
    }
    return null;
  }
  const n = Math.max(now.length, mirror.length);
  for (let slot = 0; slot < n; slot++) {
    const problem = compareSlot(now, mirror, slot, equal, visit);
    if (problem !== null) return problem;
  }
  mirror.length = now.length;
  return null;
}

// Helpers are top-level functions, not closures made per check: checks run after every event.
function compareSlot<E extends { readonly value: unknown }>(
  now: readonly (E | null)[],
  mirror: (E | null)[],
  slot: number,
  equal: (a: E, b: E) => boolean,
  visit: (slot: number, entry: E | null, before: E | null) => string | null,
): string | null {
  const entry = now[slot] ?? null;
  const before = mirror[slot] ?? null;
  if (entry === before) return null;
  while (mirror.length < slot) mirror.push(null);
  mirror[slot] = entry;
  if (entry !== null && before !== null && equal(entry, before)) return null;
  return visit(slot, entry, before);
}

function checker<S extends PaxosCore<V>, V, K extends { m: Mirrors<V> }>(
  name: string,
  initialMemory: () => K,
  checkNode: (s: S, memory: K, w: Written, size: number, eventId: number) => string | null,
): InvariantChecker<S, unknown> {
  return {
    name,
    // Null whenever no node was touched: skipped after such events.
    touchedOnly: true,
    initialMemory,
    check(view, memory) {
      // Only the node the event touched: no other protocol state changed.
      if (view.touched === null) return null;
      const mem = memory as K;
      for (const n of view.nodes) {
        if (n.state === null || !n.up || view.touched !== n.id) continue;
        if (mem.m.version[n.id] === n.state.version) return null;
        mem.m.version[n.id] = n.state.version;
        // A blame left by an earlier problem is not this one's.
        const blamed = mem as { blame?: Blame | null };
        if (blamed.blame) blamed.blame = null;
        return checkNode(n.state, mem, written(n.state, mem.m), view.nodes.length, view.eventId);
      }
      return null;
    },
    // A checker that knows what led to its problem leaves it in its memory's `blame`.
    blame: (memory) => (memory as { blame?: Blame | null }).blame ?? null,
  };
}

/** Equality of entries by content (values shared between nodes compare by identity first). */
function entryEquality<V>(key: Key<V>) {
  const same = (a: V, b: V) => a === b || key(a) === key(b);
  return {
    acceptedEqual: (a: AcceptedEntry<V>, b: AcceptedEntry<V>) =>
      sameBallot(a.ballot, b.ballot) && same(a.value, b.value),
    chosenEqual: (a: ChosenEntry<V>, b: ChosenEntry<V>) => same(a.value, b.value),
  };
}

/**
 * A value's key, computed once per value object: commands are frozen and shared by every node
 * that holds them, so most checks find the key already made. A pure cache, not state.
 */
function memoKey<V>(key: Key<V>): Key<V> {
  const cache = new WeakMap<object, string>();
  return (v) => {
    if (typeof v !== 'object' || v === null) return key(v);
    let k = cache.get(v);
    if (k === undefined) cache.set(v, (k = key(v)));
    return k;
  };
}

interface ChosenMemory {
  /** Per slot, the value known chosen (null: none yet) and how it was found chosen. */
  chosen: (string | null)[];
  how: string[];
  /** Per slot, the event at which it was found chosen and the nodes that chose it. */
  chosenAt: number[];
  chosenBy: NodeId[][];
  blame: Blame | null;
}

/** Records the value found chosen in a slot (at event `at`, by `by`), or reports a second one. */
function noteChosen(
  mem: ChosenMemory,
  slot: number,
  value: string,
  how: string,
  at: number,
  by: readonly NodeId[],
): string | null {
  const was = mem.chosen[slot];
  if (was === undefined || was === null) {
    while (mem.chosen.length < slot) mem.chosen.push(null);
    mem.chosen[slot] = value;
    mem.how[slot] = how;
    mem.chosenAt[slot] = at;
    mem.chosenBy[slot] = [...by];
    return null;
  }
  if (was === value) return null;
  // The two choices: the earlier one's event and nodes, and this one's.
  const first = mem.chosenAt[slot];
  mem.blame = {
    related: first === undefined ? [] : [first],
    nodes: [...(mem.chosenBy[slot] ?? []), ...by],
  };
  return `slot ${slot}: ${value} chosen (${how}) but ${was} was chosen (${mem.how[slot]})`;
}

const ballotKey = (slot: number, b: Ballot) => `${slot}|${b.round}|${b.node}`;

function agreement<S extends PaxosCore<V>, V>(key: Key<V>) {
  const { acceptedEqual, chosenEqual } = entryEquality(key);
  return checker<S, V, ReturnType<typeof memory>>('Agreement', memory, (s, mem, w, size, at) => {
    const accepted = changedSlots(
      s.accepted,
      (mem.m.accepted[s.id] ??= []),
      w.accepted,
      acceptedEqual,
      (slot, e) => {
        if (e === null) return null;
        const k = ballotKey(slot, e.ballot);
        const value = key(e.value);
        const tally = (mem.tallies[k] ??= { value, by: [] });
        if (tally.value !== value) {
          return `slot ${slot}: ballot ${formatBallot(e.ballot)} carries ${value} at ${s.id} but ${tally.value} elsewhere`;
        }
        if (tally.by.includes(s.id)) return null;
        tally.by.push(s.id);
        if (!isMajorityOf(tally.by.length, size)) return null;
        return noteChosen(
          mem,
          slot,
          value,
          `a majority accepted ${formatBallot(e.ballot)}: ${tally.by.join(', ')}`,
          at,
          tally.by,
        );
      },
    );
    if (accepted !== null) return accepted;
    return changedSlots(s.chosen, (mem.m.chosen[s.id] ??= []), w.chosen, chosenEqual, (slot, e) =>
      e === null ? null : noteChosen(mem, slot, key(e.value), `learned by ${s.id}`, at, [s.id]),
    );
  });
  function memory() {
    return {
      m: mirrors<V>(),
      /** Per slot, the value known chosen (null: none yet) and how it was found chosen. */
      chosen: [] as (string | null)[],
      how: [] as string[],
      chosenAt: [] as number[],
      chosenBy: [] as NodeId[][],
      blame: null as Blame | null,
      /** Per slot and ballot, the value and the acceptors that accepted it. */
      tallies: {} as Record<string, { value: string; by: NodeId[] }>,
    };
  }
}

function validity<S extends PaxosCore<V>, V>(key: Key<V>) {
  const { acceptedEqual, chosenEqual } = entryEquality(key);
  return checker<S, V, ReturnType<typeof memory>>('Validity', memory, (s, mem, w) => {
    const seen = mem.count[s.id] ?? 0;
    for (let i = seen; i < s.proposals.length; i++) {
      const p = s.proposals[i]!;
      mem.proposed[`${p.slot}:${key(p.value)}`] = true;
    }
    mem.count[s.id] = Math.max(seen, s.proposals.length);
    const accepted = changedSlots(
      s.accepted,
      (mem.m.accepted[s.id] ??= []),
      w.accepted,
      acceptedEqual,
      (slot, e) =>
        e === null || mem.proposed[`${slot}:${key(e.value)}`] === true
          ? null
          : `${s.id} accepted ${key(e.value)} in slot ${slot}, which no proposer proposed there`,
    );
    if (accepted !== null) return accepted;
    return changedSlots(s.chosen, (mem.m.chosen[s.id] ??= []), w.chosen, chosenEqual, (slot, e) =>
      e === null || mem.proposed[`${slot}:${key(e.value)}`] === true
        ? null
        : `${s.id} learned ${key(e.value)} in slot ${slot}, which no proposer proposed there`,
    );
  });
  function memory() {
    return {
      m: mirrors<V>(),
      /** "slot:value" for every value proposed in a slot. */
      proposed: {} as Record<string, true>,
      /** Per node, how many of its proposals are recorded above. */
      count: {} as Record<NodeId, number>,
    };
  }
}

function promiseBlame(promisedAt: number | undefined, node: NodeId): Blame {
  return { related: promisedAt === undefined ? [] : [promisedAt], nodes: [node] };
}

function promiseKept<S extends PaxosCore<V>, V>(key: Key<V>) {
  const { acceptedEqual } = entryEquality(key);
  return checker<S, V, ReturnType<typeof memory>>('Promise Kept', memory, (s, mem, w, _n, at) => {
    const before = mem.promised[s.id] ?? null;
    // The promise broken is the one made at this event.
    const promisedAt = mem.promisedAt[s.id];
    if (compareBallots(s.promised, before) < 0) {
      mem.blame = promiseBlame(promisedAt, s.id);
      return `${s.id} went back on its promise: ${formatBallot(before)}, now ${formatBallot(s.promised)}`;
    }
    if (compareBallots(s.promised, before) > 0) mem.promisedAt[s.id] = at;
    mem.promised[s.id] = s.promised;
    const problem = changedSlots(
      s.accepted,
      (mem.m.accepted[s.id] ??= []),
      w.accepted,
      acceptedEqual,
      (slot, e) => {
        if (e === null) return `${s.id} forgot what it accepted in slot ${slot}`;
        if (compareBallots(e.ballot, before) < 0) {
          return `${s.id} accepted ${formatBallot(e.ballot)} in slot ${slot} after promising ${formatBallot(before)}`;
        }
        if (compareBallots(e.ballot, s.promised) > 0) {
          return `${s.id} accepted ${formatBallot(e.ballot)} in slot ${slot} but promises only ${formatBallot(s.promised)}`;
        }
        return null;
      },
    );
    if (problem !== null) mem.blame = promiseBlame(promisedAt ?? mem.promisedAt[s.id], s.id);
    return problem;
  });
  function memory() {
    return {
      m: mirrors<V>(),
      promised: {} as Record<NodeId, Ballot | null>,
      /** Per node, the event at which it made its current promise. */
      promisedAt: {} as Record<NodeId, number>,
      blame: null as Blame | null,
    };
  }
}

function learnedStability<S extends PaxosCore<V>, V>(key: Key<V>) {
  const { chosenEqual } = entryEquality(key);
  return checker<S, V, { m: Mirrors<V> }>(
    'Learned Stability',
    () => ({ m: mirrors<V>() }),
    (s, mem, w) =>
      changedSlots(
        s.chosen,
        (mem.m.chosen[s.id] ??= []),
        w.chosen,
        chosenEqual,
        (slot, e, before) => {
          if (before === null) return null;
          const now = e === null ? 'nothing' : key(e.value);
          return now === key(before.value)
            ? null
            : `${s.id} learned ${key(before.value)} in slot ${slot}, now holds ${now}`;
        },
      ),
  );
}

/** The four checkers for a variant whose values are named by `key` (equal values, equal keys). */
export function paxosCheckers<S extends PaxosCore<V>, V>(
  uncached: Key<V>,
): InvariantChecker<S, unknown>[] {
  const key = memoKey(uncached);
  return [
    agreement<S, V>(key),
    validity<S, V>(key),
    promiseKept<S, V>(key),
    learnedStability<S, V>(key),
  ];
}
