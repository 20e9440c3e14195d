/**
 * The scenario format: a JSON document that says everything a run depends on. Validated with
 * valibot; every problem is reported with its JSON path so a person can fix the file.
 * The format is documented in docs/scenario-format.md.
 */
import * as v from 'valibot';
import { PROTOCOL_NAMES, protocolModule } from './protocols/registry';
import type { ProtocolName } from './protocols/registry';
import type { Action, TimedAction } from './types';

export type { ProtocolName };

const nonNegative = v.pipe(v.number(), v.finite(), v.minValue(0));
const probability = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const range = v.object({ min: nonNegative, max: nonNegative });
const nodeRef = v.pipe(v.string(), v.nonEmpty());

const kvOp = v.variant('type', [
  v.object({ type: v.literal('put'), key: v.pipe(v.string(), v.nonEmpty()), value: v.string() }),
  v.object({ type: v.literal('get'), key: v.pipe(v.string(), v.nonEmpty()) }),
]);

const at = nonNegative;
const actionSchema = v.variant('type', [
  v.object({ at, type: v.literal('crash'), node: nodeRef }),
  v.object({ at, type: v.literal('restart'), node: nodeRef }),
  v.object({
    at,
    type: v.literal('pause'),
    node: nodeRef,
    duration: v.pipe(nonNegative, v.minValue(1)),
  }),
  v.object({ at, type: v.literal('timeout'), node: nodeRef }),
  v.object({
    at,
    type: v.literal('partition'),
    groups: v.pipe(v.array(v.array(nodeRef)), v.minLength(1)),
  }),
  v.object({ at, type: v.literal('cut'), from: nodeRef, to: nodeRef }),
  v.object({ at, type: v.literal('link'), from: nodeRef, to: nodeRef, up: v.boolean() }),
  v.object({ at, type: v.literal('heal') }),
  v.object({ at, type: v.literal('request'), node: nodeRef, op: kvOp }),
  v.object({
    at,
    type: v.literal('drop'),
    message: v.pipe(v.number(), v.integer(), v.minValue(1)),
  }),
  v.object({
    at,
    type: v.literal('workload'),
    enabled: v.boolean(),
    rate: v.optional(v.pipe(v.number(), v.minValue(0))),
  }),
]);

const scenarioSchema = v.object({
  name: v.optional(v.string()),
  description: v.optional(v.string()),
  protocol: v.picklist(PROTOCOL_NAMES),
  nodes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(15)),
  seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(4294967295)),
  duration: v.pipe(v.number(), v.minValue(1), v.maxValue(3_600_000)),
  network: v.optional(
    v.object({
      latency: v.optional(range),
      loss: v.optional(probability),
      duplicate: v.optional(probability),
      clientLatency: v.optional(range),
      links: v.optional(v.array(v.object({ from: nodeRef, to: nodeRef, latency: range }))),
    }),
  ),
  workload: v.optional(
    v.object({
      clients: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100))),
      rate: v.optional(v.pipe(v.number(), v.minValue(0))),
      keys: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
      readRatio: v.optional(probability),
      requestTimeout: v.optional(v.pipe(v.number(), v.minValue(1))),
      opTimeout: v.optional(v.pipe(v.number(), v.minValue(1))),
      start: v.optional(nonNegative),
      enabled: v.optional(v.boolean()),
    }),
  ),
  actions: v.optional(v.array(actionSchema)),
});

export type ScenarioInput = v.InferOutput<typeof scenarioSchema>;

export interface LatencyRange {
  min: number;
  max: number;
}

/** A scenario with every default filled in: what the simulator runs. */
export interface Scenario {
  name: string;
  description: string;
  protocol: ProtocolName;
  nodes: number;
  seed: number;
  duration: number;
  network: {
    latency: LatencyRange;
    loss: number;
    duplicate: number;
    clientLatency: LatencyRange;
    links: { from: string; to: string; latency: LatencyRange }[];
  };
  /**
   * The protocol's own section (named after it, e.g. `"paxos": { … }`), as its module's schema validated
   * it and filled its defaults. Only the module reads it.
   */
  protocolConfig: unknown;
  workload: {
    clients: number;
    rate: number;
    keys: number;
    readRatio: number;
    requestTimeout: number;
    opTimeout: number;
    start: number;
    enabled: boolean;
  };
  actions: TimedAction[];
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

export function nodeIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `S${i + 1}`);
}

/** Reads a scenario from JSON text; never throws. */
export function parseScenarioText(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`$: not valid JSON (${(e as Error).message})`] };
  }
  return parseScenario(json);
}

/** Validates a scenario object and fills defaults; never throws. */
export function parseScenario(json: unknown): ParseResult {
  const result = v.safeParse(scenarioSchema, json);
  // The protocol's own section is checked too when the rest is broken: every error at once.
  const protocol = (json as { protocol?: unknown } | null)?.protocol;
  const section = PROTOCOL_NAMES.includes(protocol as ProtocolName)
    ? parseSection(protocol as ProtocolName, (json as Record<string, unknown>)[protocol as string])
    : null;
  if (!result.success || (section !== null && !section.ok)) {
    return {
      ok: false,
      errors: [
        ...(result.success ? [] : result.issues.map(formatIssue)),
        ...(section !== null && !section.ok ? section.errors : []),
      ],
    };
  }
  const scenario = withDefaults(result.output, section!.ok ? section!.config : undefined);
  const errors = semanticErrors(scenario);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, scenario };
}

function formatIssue(issue: v.BaseIssue<unknown>): string {
  const path = v.getDotPath(issue);
  const where = path ? `$.${path}` : '$';
  return `${where}: ${issue.message}`;
}

/** The protocol's section, validated by the protocol's own schema. */
function parseSection(
  protocol: ProtocolName,
  section: unknown,
): { ok: true; config: unknown } | { ok: false; errors: string[] } {
  if (Array.isArray(section) || (section !== undefined && typeof section !== 'object')) {
    return { ok: false, errors: [`$.${protocol}: expected an object of ${protocol} settings`] };
  }
  const result = v.safeParse(protocolModule(protocol).config.schema, section);
  if (!result.success) {
    return {
      ok: false,
      errors: result.issues.map((issue) => {
        const path = v.getDotPath(issue);
        return `$.${protocol}${path ? `.${path}` : ''}: ${issue.message}`;
      }),
    };
  }
  return { ok: true, config: result.output };
}

function withDefaults(s: ScenarioInput, protocolConfig: unknown): Scenario {
  const latency = s.network?.latency ?? { min: 10, max: 15 };
  return {
    name: s.name ?? 'untitled',
    description: s.description ?? '',
    protocol: s.protocol,
    nodes: s.nodes,
    seed: s.seed,
    duration: s.duration,
    network: {
      latency,
      loss: s.network?.loss ?? 0,
      duplicate: s.network?.duplicate ?? 0,
      clientLatency: s.network?.clientLatency ?? latency,
      links: s.network?.links ?? [],
    },
    protocolConfig,
    workload: {
      clients: s.workload?.clients ?? 0,
      rate: s.workload?.rate ?? 10,
      keys: s.workload?.keys ?? 4,
      readRatio: s.workload?.readRatio ?? 0.5,
      requestTimeout: s.workload?.requestTimeout ?? 500,
      opTimeout: s.workload?.opTimeout ?? 5000,
      start: s.workload?.start ?? 0,
      enabled: s.workload?.enabled ?? true,
    },
    actions: (s.actions ?? []).map(({ at, ...action }) => ({ at, action: action as Action })),
  };
}

/** Checks the schema cannot express: ranges in order, node names that exist. */
function semanticErrors(s: Scenario): string[] {
  const errors: string[] = [];
  const ids = new Set(nodeIds(s.nodes));
  const checkRange = (path: string, r: LatencyRange) => {
    if (r.min > r.max) errors.push(`${path}: min (${r.min}) is greater than max (${r.max})`);
  };
  checkRange('$.network.latency', s.network.latency);
  checkRange('$.network.clientLatency', s.network.clientLatency);
  const check = protocolModule(s.protocol).config.check;
  if (check) errors.push(...check(s.protocolConfig, { path: `$.${s.protocol}`, nodes: [...ids] }));
  const checkNode = (path: string, id: string, allowLeader: boolean) => {
    if (ids.has(id) || (allowLeader && id === 'leader')) return;
    const hint = allowLeader ? `S1…S${s.nodes} or "leader"` : `S1…S${s.nodes}`;
    errors.push(`${path}: unknown node "${id}" (expected ${hint})`);
  };
  s.network.links.forEach((l, i) => {
    checkNode(`$.network.links[${i}].from`, l.from, false);
    checkNode(`$.network.links[${i}].to`, l.to, false);
    checkRange(`$.network.links[${i}].latency`, l.latency);
  });
  s.actions.forEach(({ action: a }, i) => {
    const p = `$.actions[${i}]`;
    switch (a.type) {
      case 'crash':
      case 'restart':
      case 'pause':
      case 'timeout':
      case 'request':
        checkNode(`${p}.node`, a.node, true);
        break;
      case 'cut':
      case 'link':
        checkNode(`${p}.from`, a.from, true);
        checkNode(`${p}.to`, a.to, true);
        break;
      case 'partition': {
        const seen = new Set<string>();
        a.groups.forEach((g, gi) =>
          g.forEach((id, ni) => {
            checkNode(`${p}.groups[${gi}][${ni}]`, id, true);
            if (seen.has(id)) errors.push(`${p}.groups[${gi}][${ni}]: "${id}" is in two groups`);
            seen.add(id);
          }),
        );
        break;
      }
      case 'heal':
      case 'drop':
      case 'workload':
        break;
    }
  });
  return errors;
}

/** Back to the JSON shape (for export): defaults written out so the file stands alone. */
export function scenarioToJson(s: Scenario): Record<string, unknown> {
  return {
    name: s.name,
    description: s.description,
    protocol: s.protocol,
    nodes: s.nodes,
    seed: s.seed,
    duration: s.duration,
    network: s.network,
    [s.protocol]: s.protocolConfig,
    workload: s.workload,
    actions: s.actions.map(({ at, action }) => ({ at, ...action })),
  };
}
