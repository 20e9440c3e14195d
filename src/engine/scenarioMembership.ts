/**
 * A scenario's membership actions (add-server, remove-server), checked before it runs: the
 * protocol must support membership change, and the cluster may not grow past the most servers
 * the lab runs. The k-th add-server starts server S(nodes + k), so later actions may name it.
 */
import type { AnyProtocolModule } from './protocol';
import type { Scenario } from './scenario';

/** The most servers a cluster may have, grown ones included (as `nodes` allows at the start). */
export const MAX_SERVERS = 15;

export interface MembershipCheck {
  errors: string[];
  /** add-server actions in the scenario. */
  total: number;
  /** How many servers the add-server actions at or before `at` ms have started. */
  addedBy(at: number): number;
}

export function membershipErrors(
  s: Scenario,
  m: AnyProtocolModule,
  /** add-server actions beside the scenario's own (a share link's scripted ones). */
  addsAt: readonly number[] = [],
): MembershipCheck {
  const errors: string[] = [];
  const adds: number[] = [...addsAt];
  s.actions.forEach(({ at, action }, i) => {
    if (action.type !== 'add-server' && action.type !== 'remove-server') return;
    if (!m.membership) {
      errors.push(
        `$.actions[${i}]: ${action.type}: ${m.title} runs a fixed cluster (it has no membership change)`,
      );
      return;
    }
    if (action.type === 'add-server') {
      if (s.nodes + adds.length + 1 > MAX_SERVERS) {
        errors.push(
          `$.actions[${i}]: add-server would make ${s.nodes + adds.length + 1} servers, more than the ${MAX_SERVERS} a run may have`,
        );
      }
      adds.push(at);
    }
  });
  // Actions run in time order, ties in list order: an action may name a server added at or
  // before its time (one listed after it at the same instant is skipped at run time, clearly).
  const sorted = [...adds].sort((a, b) => a - b);
  return {
    errors,
    total: adds.length,
    addedBy: (at) => sorted.filter((t) => t <= at).length,
  };
}
