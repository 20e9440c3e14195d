/**
 * Learning chosen slots and applying them (Paxos Made Simple §3): the leader learns a slot once
 * a majority accepted it; followers learn from the leader's commit point, and ask for what they
 * cannot work out; every node applies its chosen slots in slot order, without gaps, to the
 * key-value state machine, and the leader answers clients once their command has applied.
 */
import { applyCommand, response } from '../../../kv/stateMachine';
import type { NodeId, ProtocolContext } from '../../../types';
import type { Ballot } from '../ballot';
import { sameBallot } from '../ballot';
import { firstUnchosen, learn } from '../core';
import type {
  CatchUpMsg,
  ChosenMsg,
  Command,
  MultiMessage,
  MultiState,
  SlotCommand,
} from './types';

type Ctx = ProtocolContext<MultiMessage>;

/** How many chosen slots one catch-up answer carries. */
export const CATCH_UP_BATCH = 64;

/** Records a chosen slot, then advances the commit point and applies what became contiguous. */
export function choose(state: MultiState, slot: number, value: Command, ctx: Ctx): void {
  learn(state, slot, value);
  advance(state, ctx);
}

/**
 * Moves the commit point over every contiguous chosen slot and applies them in order. Only the
 * leader answers clients; it answers commands earlier leaders proposed too (client+seq name
 * the request), and the session table keeps a command logged twice from applying twice.
 */
export function advance(state: MultiState, ctx: Ctx): void {
  state.commit = firstUnchosen(state, state.commit);
  while (state.applied < state.commit) {
    const cmd = state.chosen[state.applied++]!.value;
    if (cmd === null) continue;
    const outcome = applyCommand(state, cmd);
    if (outcome !== null && state.role === 'leader') ctx.reply(cmd, response(cmd, outcome.result));
  }
}

/**
 * A follower learns from the leader of `ballot` that every slot below `leaderCommit` is chosen.
 * Where it accepted a proposal of that same ballot, that proposal is the chosen value: a leader
 * proposes one value per slot per ballot, and learns a slot chosen in its ballot only from a
 * majority accepting that value (slots below its phase 1 it never proposes in its ballot). The
 * rest it asks the leader for. Returns whether anything is still missing.
 */
export function learnFromLeader(
  state: MultiState,
  ballot: Ballot,
  leaderCommit: number,
  ctx: Ctx,
): boolean {
  let learned = false;
  for (let slot = state.commit; slot < leaderCommit; slot++) {
    const acc = state.accepted[slot];
    if (state.chosen[slot] == null && acc && sameBallot(acc.ballot, ballot)) {
      learned = learn(state, slot, acc.value) || learned;
    }
  }
  if (learned) advance(state, ctx);
  return state.commit < leaderCommit;
}

/** Answers a catch-up with the chosen slots this node knows from `from` on. */
export function handleCatchUp(state: MultiState, from: NodeId, m: CatchUpMsg, ctx: Ctx): void {
  const entries: SlotCommand[] = [];
  for (let slot = m.from; slot < state.chosen.length && entries.length < CATCH_UP_BATCH; slot++) {
    const c = state.chosen[slot];
    if (c != null) entries.push({ slot, command: c.value });
  }
  if (entries.length > 0) ctx.send(from, { type: 'chosen', entries });
}

/** Chosen values from a node that knows them. */
export function handleChosen(state: MultiState, m: ChosenMsg, ctx: Ctx): void {
  let learned = false;
  for (const e of m.entries) learned = learn(state, e.slot, e.command) || learned;
  if (learned) advance(state, ctx);
}
