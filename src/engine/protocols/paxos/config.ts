/**
 * The `paxos` section of a scenario, shared by single-decree Paxos and Multi-Paxos (each reads
 * the fields it needs; see docs/scenario-format.md). The schema fills every default; `check`
 * reports what a schema cannot express (node ids that exist, ranges in order, positive
 * timeouts) with JSON paths from the section, e.g. `$.paxos.proposers[1]`.
 */
import * as v from 'valibot';
import type { NodeId } from '../../types';
import type { PaxosMutation } from './mutants';

export interface Range {
  min: number;
  max: number;
}

export type Backoff = 'none' | 'randomized';

export interface PaxosConfig {
  /** Who proposes (single-decree) or may lead (Multi-Paxos); null: every node. */
  proposers: NodeId[] | null;
  /** Each proposer's own value (single-decree); a node not listed proposes "v-<id>". */
  values: Record<NodeId, string>;
  /** Single-decree: a proposer that has not learned a value starts a higher ballot after this. */
  retryTimeout: Range;
  /** How the retry (and Multi-Paxos candidacy) delay grows with consecutive failures. */
  backoff: Backoff;
  /** Multi-Paxos: a node that hears no leader for this long runs phase 1 itself. */
  leaderTimeout: Range;
  /** Multi-Paxos: how often the leader sends heartbeats (and resends unacknowledged accepts). */
  heartbeatInterval: number;
  /**
   * Rules switched off (mutants.ts; the scenario's `mutations`, never its `paxos` section).
   * Absent: the protocol as the paper gives it.
   */
  mutations?: readonly PaxosMutation[];
}

export const DEFAULT_PAXOS_CONFIG: PaxosConfig = {
  proposers: null,
  values: {},
  retryTimeout: { min: 150, max: 300 },
  backoff: 'randomized',
  leaderTimeout: { min: 150, max: 300 },
  heartbeatInterval: 50,
};

const finite = v.pipe(v.number(), v.finite());
const range = (d: Range) => v.optional(v.object({ min: finite, max: finite }), () => ({ ...d }));
const nodeRef = v.pipe(v.string(), v.nonEmpty());

/** An absent section, or absent fields, take the defaults above. */
export const paxosConfigSchema = v.optional(
  v.object({
    proposers: v.optional(v.nullable(v.array(nodeRef)), null),
    values: v.optional(v.record(nodeRef, v.string()), () => ({})),
    retryTimeout: range(DEFAULT_PAXOS_CONFIG.retryTimeout),
    backoff: v.optional(v.picklist(['none', 'randomized']), DEFAULT_PAXOS_CONFIG.backoff),
    leaderTimeout: range(DEFAULT_PAXOS_CONFIG.leaderTimeout),
    heartbeatInterval: v.optional(finite, DEFAULT_PAXOS_CONFIG.heartbeatInterval),
  }),
  () => structuredClone(DEFAULT_PAXOS_CONFIG),
);

/** Semantic errors, each prefixed with its JSON path. */
export function checkPaxosConfig(
  c: PaxosConfig,
  ctx: { path: string; nodes: readonly NodeId[] },
): string[] {
  const errors: string[] = [];
  const known = new Set(ctx.nodes);
  const expected = ctx.nodes.length > 0 ? `${ctx.nodes[0]}…${ctx.nodes.at(-1)}` : 'no nodes';
  const unknown = (path: string, id: string) =>
    errors.push(`${path}: unknown node "${id}" (expected ${expected})`);
  c.proposers?.forEach((id, i) => {
    const path = `${ctx.path}.proposers[${i}]`;
    if (!known.has(id)) unknown(path, id);
    else if (c.proposers!.indexOf(id) !== i) errors.push(`${path}: "${id}" is listed twice`);
  });
  if (c.proposers?.length === 0) errors.push(`${ctx.path}.proposers: no node may propose`);
  for (const id of Object.keys(c.values)) {
    if (!known.has(id)) unknown(`${ctx.path}.values.${id}`, id);
  }
  const checkRange = (name: string, r: Range) => {
    const path = `${ctx.path}.${name}`;
    if (r.min <= 0) errors.push(`${path}.min: must be positive (got ${r.min})`);
    if (r.max <= 0) errors.push(`${path}.max: must be positive (got ${r.max})`);
    if (r.min > r.max) errors.push(`${path}: min (${r.min}) is greater than max (${r.max})`);
  };
  checkRange('retryTimeout', c.retryTimeout);
  checkRange('leaderTimeout', c.leaderTimeout);
  if (c.heartbeatInterval <= 0) {
    errors.push(`${ctx.path}.heartbeatInterval: must be positive (got ${c.heartbeatInterval})`);
  }
  return errors;
}

/** Whether `id` proposes (single-decree) or may lead (Multi-Paxos). */
export function isProposer(c: PaxosConfig, id: NodeId): boolean {
  return c.proposers === null || c.proposers.includes(id);
}

/** The value a single-decree proposer puts forward when no acceptor has accepted one (§2.2). */
export function ownValue(c: PaxosConfig, id: NodeId): string {
  return c.values[id] ?? `v-${id}`;
}
