/**
 * Paxos's mutants (issue 13), shared by single-decree Paxos and Multi-Paxos: each switches off
 * one rule of Paxos Made Simple §2, so that a run shows what the rule protects. A scenario's
 * `mutations` names them; the simulator hands them to every node in its config
 * (`withPaxosMutations`), and each rule asks `mutated` at the one place it is enforced.
 */
import type { Mutant } from '../../protocol';
import type { PaxosConfig } from './config';

export const PAXOS_MUTANTS = [
  {
    name: 'accept-below-promise',
    description:
      'An acceptor accepts a proposal numbered below a prepare it promised (§2.3, P1a), so a value can be chosen after a higher ballot has already picked another.',
  },
  {
    name: 'ignore-accepted-in-promise',
    description:
      'A proposer ignores the proposals reported in the promises and puts forward its own value (§2.2, P2c), so a second, different value can be chosen.',
  },
  {
    name: 'forget-promise-on-restart',
    description:
      'An acceptor does not keep its promise on stable storage (§2.3), so after a restart it accepts ballots it had promised to refuse.',
  },
] as const satisfies readonly Mutant[];

export type PaxosMutation = (typeof PAXOS_MUTANTS)[number]['name'];

/** Whether the node runs with `rule` switched off. */
export function mutated(config: PaxosConfig, rule: PaxosMutation): boolean {
  return config.mutations !== undefined && config.mutations.includes(rule);
}

/** The config with the scenario's mutations (names already checked against PAXOS_MUTANTS). */
export function withPaxosMutations(config: PaxosConfig, mutations: readonly string[]): PaxosConfig {
  return { ...config, mutations: mutations as readonly PaxosMutation[] };
}

/**
 * Stable storage as a restarted node reads it back: `forget-promise-on-restart` loses the
 * promise — a write to stable storage, so `version` moves (the checkers look again).
 */
export function readBackStable<T extends { promised: unknown; version: number }>(
  config: PaxosConfig,
  p: T,
): T {
  if (!mutated(config, 'forget-promise-on-restart') || p.promised === null) return p;
  return { ...p, promised: null, version: p.version + 1 };
}
