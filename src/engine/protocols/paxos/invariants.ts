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
 * stable state's `version` did not move, and finds the changed slots by comparing the node's
 * frozen entries by identity with a mirror of them.
 */
import { isMajorityOf } from '../../quorum';
import type { InvariantChecker, NodeId } from '../../types';
import type { Ballot } from './ballot';
import { compareBallots, formatBallot } from './ballot';
import type { AcceptedEntry, ChosenEntry, PaxosCore } from './core';

type Key<V> = (v: V) => string;

interface Mirrors<V> {
  version: Record<NodeId, number>;
  accepted: Record<NodeId, (AcceptedEntry<V> | null)[]>;
  chosen: Record<NodeId, (ChosenEntry<V> | null)[]>;
}

function mirrors<V>(): Mirrors<V> {
  return { version: {}, accepted: {}, chosen: {} };
}

/**
 * Calls `visit` for each slot whose entry differs from the mirror, then updates the mirror.
 * Entries are compared by identity first (the fast path), then by content, so that a copy of
 * an unchanged entry (stable storage read back from a clone) is not taken for a new write.
 */
function changedSlots<E extends { readonly value: unknown }>(
  now: readonly (E | null)[],
  mirror: (E | null)[],
  key: (e: E) => string,
  visit: (slot: number, entry: E | null, before: E | null) => string | null,
): string | null {
  const n = Math.max(now.length, mirror.length);
  for (let slot = 0; slot < n; slot++) {
    const entry = now[slot] ?? null;
    const before = mirror[slot] ?? null;
    if (entry === before) continue;
    mirror[slot] = entry;
    if (entry !== null && before !== null && key(entry) === key(before)) continue;
    const problem = visit(slot, entry, before);
    if (problem !== null) return problem;
  }
  mirror.length = now.length;
  return null;
}

function checker<S extends PaxosCore<V>, V, K extends { m: Mirrors<V> }>(
  name: string,
  initialMemory: () => K,
  checkNode: (s: S, memory: K, size: number) => string | null,
): InvariantChecker<S, unknown> {
  return {
    name,
    initialMemory,
    check(view, memory) {
      // Only the node the event touched: no other protocol state changed.
      if (view.touched === null) return null;
      const mem = memory as K;
      for (const n of view.nodes) {
        if (n.state === null || !n.up || view.touched !== n.id) continue;
        if (mem.m.version[n.id] === n.state.version) return null;
        mem.m.version[n.id] = n.state.version;
        return checkNode(n.state, mem, view.nodes.length);
      }
      return null;
    },
  };
}

/** Content keys of entries: equal keys, equal entries. */
function entryKeys<V>(key: Key<V>) {
  return {
    acceptedKey: (e: AcceptedEntry<V>) => `${e.ballot.round}|${e.ballot.node}|${key(e.value)}`,
    chosenKey: (e: ChosenEntry<V>) => key(e.value),
  };
}

const ballotKey = (slot: number, b: Ballot) => `${slot}|${b.round}|${b.node}`;

function agreement<S extends PaxosCore<V>, V>(key: Key<V>) {
  const { acceptedKey, chosenKey } = entryKeys(key);
  return checker<S, V, ReturnType<typeof memory>>('Agreement', memory, (s, mem, size) => {
    const note = (slot: number, value: string, how: string): string | null => {
      const was = mem.chosen[slot];
      if (was === undefined || was === null) {
        while (mem.chosen.length < slot) mem.chosen.push(null);
        mem.chosen[slot] = value;
        mem.how[slot] = how;
        return null;
      }
      return was === value
        ? null
        : `slot ${slot}: ${value} chosen (${how}) but ${was} was chosen (${mem.how[slot]})`;
    };
    const accepted = changedSlots(
      s.accepted,
      (mem.m.accepted[s.id] ??= []),
      acceptedKey,
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
        return note(
          slot,
          value,
          `a majority accepted ${formatBallot(e.ballot)}: ${tally.by.join(', ')}`,
        );
      },
    );
    if (accepted !== null) return accepted;
    return changedSlots(s.chosen, (mem.m.chosen[s.id] ??= []), chosenKey, (slot, e) =>
      e === null ? null : note(slot, key(e.value), `learned by ${s.id}`),
    );
  });
  function memory() {
    return {
      m: mirrors<V>(),
      /** Per slot, the value known chosen (null: none yet) and how it was found chosen. */
      chosen: [] as (string | null)[],
      how: [] as string[],
      /** Per slot and ballot, the value and the acceptors that accepted it. */
      tallies: {} as Record<string, { value: string; by: NodeId[] }>,
    };
  }
}

function validity<S extends PaxosCore<V>, V>(key: Key<V>) {
  const { acceptedKey, chosenKey } = entryKeys(key);
  return checker<S, V, ReturnType<typeof memory>>('Validity', memory, (s, mem) => {
    const seen = mem.count[s.id] ?? 0;
    for (let i = seen; i < s.proposals.length; i++) {
      const p = s.proposals[i]!;
      mem.proposed[`${p.slot}:${key(p.value)}`] = true;
    }
    mem.count[s.id] = Math.max(seen, s.proposals.length);
    const wasProposed = (slot: number, value: V) => mem.proposed[`${slot}:${key(value)}`] === true;
    const accepted = changedSlots(
      s.accepted,
      (mem.m.accepted[s.id] ??= []),
      acceptedKey,
      (slot, e) =>
        e === null || wasProposed(slot, e.value)
          ? null
          : `${s.id} accepted ${key(e.value)} in slot ${slot}, which no proposer proposed there`,
    );
    if (accepted !== null) return accepted;
    return changedSlots(s.chosen, (mem.m.chosen[s.id] ??= []), chosenKey, (slot, e) =>
      e === null || wasProposed(slot, e.value)
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

function promiseKept<S extends PaxosCore<V>, V>(key: Key<V>) {
  const { acceptedKey } = entryKeys(key);
  return checker<S, V, ReturnType<typeof memory>>('Promise Kept', memory, (s, mem) => {
    const before = mem.promised[s.id] ?? null;
    if (compareBallots(s.promised, before) < 0) {
      return `${s.id} went back on its promise: ${formatBallot(before)}, now ${formatBallot(s.promised)}`;
    }
    mem.promised[s.id] = s.promised;
    return changedSlots(s.accepted, (mem.m.accepted[s.id] ??= []), acceptedKey, (slot, e) => {
      if (e === null) return `${s.id} forgot what it accepted in slot ${slot}`;
      if (compareBallots(e.ballot, before) < 0) {
        return `${s.id} accepted ${formatBallot(e.ballot)} in slot ${slot} after promising ${formatBallot(before)}`;
      }
      if (compareBallots(e.ballot, s.promised) > 0) {
        return `${s.id} accepted ${formatBallot(e.ballot)} in slot ${slot} but promises only ${formatBallot(s.promised)}`;
      }
      return null;
    });
  });
  function memory() {
    return { m: mirrors<V>(), promised: {} as Record<NodeId, Ballot | null> };
  }
}

function learnedStability<S extends PaxosCore<V>, V>(key: Key<V>) {
  const { chosenKey } = entryKeys(key);
  return checker<S, V, { m: Mirrors<V> }>(
    'Learned Stability',
    () => ({ m: mirrors<V>() }),
    (s, mem) =>
      changedSlots(s.chosen, (mem.m.chosen[s.id] ??= []), chosenKey, (slot, e, before) => {
        if (before === null) return null;
        const now = e === null ? 'nothing' : key(e.value);
        return now === key(before.value)
          ? null
          : `${s.id} learned ${key(before.value)} in slot ${slot}, now holds ${now}`;
      }),
  );
}

/** The four checkers for a variant whose values are named by `key` (equal values, equal keys). */
export function paxosCheckers<S extends PaxosCore<V>, V>(
  key: Key<V>,
): InvariantChecker<S, unknown>[] {
  return [
    agreement<S, V>(key),
    validity<S, V>(key),
    promiseKept<S, V>(key),
    learnedStability<S, V>(key),
  ];
}
