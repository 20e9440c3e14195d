/**
 * Raft's mutants (issue 13): each switches off one rule of the paper, so that a run shows what
 * the rule protects. A scenario's `mutations` names them; the simulator hands them to every
 * node in its config (`withRaftMutations`), and each rule's handler asks `mutated` at the one
 * place the rule is enforced (search for `mutated(` to find them all).
 */
import type { Mutant } from '../../protocol';
import type { RaftConfig } from './types';

export const RAFT_MUTANTS = [
  {
    name: 'no-election-restriction',
    description:
      'Voters grant their vote without checking that the candidate’s log is at least as up-to-date as theirs (§5.4.1), so a leader may lack committed entries.',
  },
  {
    name: 'commit-previous-term-by-count',
    description:
      'A leader commits an entry of an earlier term once a majority holds it (§5.4.2, Figure 8), so a later leader may overwrite a committed entry.',
  },
  {
    name: 'forget-vote-on-restart',
    description:
      'votedFor is not kept on stable storage (Figure 2), so a restarted server may vote a second time in the same term and elect two leaders.',
  },
  {
    name: 'forget-term-on-restart',
    description:
      'currentTerm is not kept on stable storage (Figure 2): a restarted server starts at term 0 and forgets the vote it cast in a later term.',
  },
  {
    name: 'no-log-truncation',
    description:
      'A follower keeps its entries that conflict with the leader’s instead of deleting them (Figure 2, AppendEntries step 3), yet reports success, so logs diverge below the commit point.',
  },
  {
    name: 'vote-twice-per-term',
    description:
      'A server grants a vote to every candidate of its term, not just the first (§5.2), so two candidates can both win one term.',
  },
  {
    name: 'leader-steps-down-never',
    description:
      'A leader that sees a higher term adopts it but keeps leading instead of becoming a follower (Figure 2, “All servers”), so two leaders share a term.',
  },
] as const satisfies readonly Mutant[];

export type RaftMutation = (typeof RAFT_MUTANTS)[number]['name'];

/** Whether the node runs with `rule` switched off. */
export function mutated(config: RaftConfig, rule: RaftMutation): boolean {
  return config.mutations !== undefined && config.mutations.includes(rule);
}

/** The config with the scenario's mutations (names already checked against RAFT_MUTANTS). */
export function withRaftMutations(config: RaftConfig, mutations: readonly string[]): RaftConfig {
  return { ...config, mutations: mutations as readonly RaftMutation[] };
}
