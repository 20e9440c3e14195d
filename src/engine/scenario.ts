/**
 * The scenario format: a JSON document that says everything a run depends on. Validated with
 * valibot; every problem is reported with its JSON path, in plain words, so a person can fix
 * the file. Before the schema, the input limits (input/limits.ts) are checked: size, nesting,
 * list and text lengths, finite numbers; after it, what the schema cannot express (node names
 * that exist, ranges in order, the work a run asks for). The format and its limits are
 * documented in docs/scenario-format.md.
 */
import * as v from 'valibot';
import { findListsForObjects, findUnknownFields, formatIssue, isUnder, unit } from './input/issues';
import { checkShape, LIMITS, preview, Problems, readJsonText } from './input/limits';
import { DEFAULT_LOAD, loadSchema } from './load/config';
import type { LoadConfig } from './load/config';
import { PROTOCOL_NAMES, protocolModule } from './protocols/registry';
import type { ProtocolName } from './protocols/registry';
import type { Action, TimedAction } from './types';
import { semanticErrors } from './scenarioChecks';
import { clientIdsOf, nodeIds, sectionName } from './scenarioNames';

export { clientIdsOf, nodeIds, sectionName };
export { scenarioWarnings, workEstimate } from './scenarioChecks';

export type { ProtocolName };

const ms = unit('ms');
const nonNegative = v.pipe(v.number(), v.finite(), v.minValue(0), ms);
const probability = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1));
/** A latency range: a maximum of 0 would deliver every message at the instant it is sent. */
const range = v.object({
  min: nonNegative,
  max: v.pipe(v.number(), v.finite(), v.gtValue(0), ms),
});
const nodeRef = v.pipe(v.string(), v.nonEmpty());
const key = v.pipe(v.string(), v.nonEmpty(), v.maxLength(LIMITS.key));
/** Requests per second per client. */
const rate = v.pipe(
  v.number(),
  v.finite(),
  v.minValue(0),
  v.maxValue(1000),
  unit('requests per second'),
);

const kvOp = v.variant('type', [
  v.object({ type: v.literal('put'), key, value: v.string() }),
  v.object({ type: v.literal('get'), key }),
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
    rate: v.optional(rate),
  }),
  v.object({
    at,
    type: v.literal('speed'),
    node: nodeRef,
    factor: v.pipe(v.number(), v.finite(), v.gtValue(0), v.maxValue(1000)),
  }),
  v.object({ at, type: v.literal('transfer'), to: nodeRef }),
  v.object({ at, type: v.literal('add-server') }),
  v.object({ at, type: v.literal('remove-server'), node: nodeRef }),
]);

const scenarioSchema = v.object({
  name: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.name))),
  description: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.description))),
  protocol: v.picklist(PROTOCOL_NAMES),
  compare: v.optional(v.picklist(PROTOCOL_NAMES)),
  nodes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(15)),
  seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(4294967295)),
  duration: v.pipe(v.number(), v.finite(), v.minValue(1), v.maxValue(LIMITS.duration), ms),
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
      rate: v.optional(rate),
      keys: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000))),
      readRatio: v.optional(probability),
      requestTimeout: v.optional(v.pipe(nonNegative, v.minValue(1))),
      opTimeout: v.optional(v.pipe(nonNegative, v.minValue(1))),
      start: v.optional(nonNegative),
      enabled: v.optional(v.boolean()),
      sticky: v.optional(v.boolean()),
    }),
  ),
  load: v.optional(loadSchema),
  /**
   * The servers' processing model (sim/processing.ts): `processing` ms each server spends on
   * every incoming message (client requests included), one at a time, while the rest wait in
   * its inbox (FIFO). 0 or absent: messages are handled the instant they arrive.
   */
  servers: v.optional(v.object({ processing: v.optional(v.pipe(nonNegative, v.maxValue(1000))) })),
  mutations: v.optional(v.array(v.pipe(v.string(), v.nonEmpty()))),
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
   * The protocol's own section (named after it, or the section it shares:
   * Multi-Paxos reads `"paxos"`), as its module's schema validated it and filled its defaults.
   * Only the module reads it.
   */
  protocolConfig: unknown;
  /**
   * Another protocol the lab runs beside this one under the same schedule — same seed,
   * network, workload and actions (the CAP view: a leaderless store beside a leader-based log) —
   * with its own section, validated alike. The CLI runs `protocol` only.
   */
  compare?: { protocol: ProtocolName; config: unknown };
  workload: {
    clients: number;
    rate: number;
    keys: number;
    readRatio: number;
    requestTimeout: number;
    opTimeout: number;
    start: number;
    enabled: boolean;
    /**
     * Client ci sends to its home server S((i-1) mod nodes + 1) first and fails over to the
     * next server after one unanswered `requestTimeout` (default: true for protocols whose
     * every node coordinates, as a Dynamo client library binds to one coordinator).
     */
    sticky: boolean;
  };
  /**
   * The load generator (load/config.ts): for a protocol with a balancer, the section or its
   * default; null for every other protocol.
   */
  load: LoadConfig | null;
  /** The processing model (ms per incoming message); absent when the scenario has none. */
  servers?: { processing: number };
  /**
   * Rules of the protocol switched off (its module's `mutants`; issue 13), each named once.
   * Absent: none — a scenario without mutants carries no such field.
   */
  mutations?: string[];
  actions: TimedAction[];
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/**
 * Reads a scenario from JSON text; never throws. A leading byte-order mark is dropped; text
 * beyond LIMITS.textBytes is refused before it is parsed.
 */
export function parseScenarioText(text: string): ParseResult {
  const read = readJsonText(text);
  return read.ok ? parseScenario(read.json) : read;
}

/** The longest text allowed at a path of a scenario (input/limits.ts). */
function textLimit(path: string): number {
  if (path === '$.name') return LIMITS.name;
  if (path === '$.description') return LIMITS.description;
  return LIMITS.text;
}

/**
 * Validates a scenario object and fills defaults; never throws. Errors come in document
 * order, at most LIMITS.errors of them (then "… and N more").
 */
export interface ParseOptions {
  /**
   * Count the work (LIMITS.work) only up to this time: a share link's run is computed no
   * further than its head unless the user plays on, and the lab's event budget bounds that.
   */
  workUntil?: number;
  /**
   * Times of add-server actions taken beside these (a share link's scripted ones, when its
   * user actions are checked): servers they start may be named too (scenarioMembership.ts).
   */
  addsAt?: readonly number[];
}

export function parseScenario(json: unknown, options: ParseOptions = {}): ParseResult {
  const problems = new Problems();
  // The shape limits first: nothing else looks at an input that breaks them.
  checkShape(json, problems, '$', textLimit);
  if (problems.count > 0) return { ok: false, errors: problems.list() };
  const lists = findListsForObjects(scenarioSchema, json, problems);
  unknownTopLevel(json, problems);
  const result = v.safeParse(scenarioSchema, json);
  if (!result.success) {
    for (const issue of result.issues) {
      const text = formatIssue(issue, scenarioSchema);
      if (!isUnder(text, lists)) problems.add(text);
    }
  }
  // The protocol's own section is checked too when the rest is broken: every error at once.
  const protocol = (json as { protocol?: unknown } | null)?.protocol;
  const known = PROTOCOL_NAMES.includes(protocol as ProtocolName);
  const section = known
    ? parseSection(
        protocol as ProtocolName,
        (json as Record<string, unknown>)[sectionName(protocol as ProtocolName)],
        problems,
      )
    : null;
  const compare = (json as { compare?: unknown } | null)?.compare;
  const compareKnown = PROTOCOL_NAMES.includes(compare as ProtocolName);
  const compareSection = compareKnown
    ? parseSection(
        compare as ProtocolName,
        (json as Record<string, unknown>)[sectionName(compare as ProtocolName)],
        problems,
      )
    : null;
  if (!result.success || problems.count > 0) return { ok: false, errors: problems.list() };
  const scenario = withDefaults(result.output, section?.config);
  if (result.output.compare !== undefined) {
    scenario.compare = { protocol: result.output.compare, config: compareSection?.config };
  }
  problems.addAll(semanticErrors(scenario, options));
  return problems.count > 0 ? { ok: false, errors: problems.list() } : { ok: true, scenario };
}

/**
 * Unknown fields anywhere outside the protocol sections (each section's own schema checks
 * its fields), and a section no protocol of the run reads: both are errors, never ignored.
 */
function unknownTopLevel(json: unknown, problems: Problems): void {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return;
  const obj = json as Record<string, unknown>;
  const sections = new Set(PROTOCOL_NAMES.map((n) => sectionName(n)));
  const read = [obj.protocol, obj.compare]
    .filter((n): n is ProtocolName => PROTOCOL_NAMES.includes(n as ProtocolName))
    .map((n) => sectionName(n));
  // With an unknown protocol nobody can tell which sections it reads.
  const isName = (n: unknown) => PROTOCOL_NAMES.includes(n as ProtocolName);
  const known = isName(obj.protocol) && (obj.compare === undefined || isName(obj.compare));
  for (const key of Object.keys(obj)) {
    if (known && sections.has(key) && !read.includes(key)) {
      const what =
        typeof obj.protocol === 'string' ? `a ${obj.protocol} scenario` : 'this scenario';
      problems.add(
        `$.${key}: ${what} does not read a "${key}" section (remove it, or name its protocol in "compare")`,
      );
    }
  }
  findUnknownFields(scenarioSchema, json, problems, '$', [...sections]);
}

/** The protocol's section, validated by the protocol's own schema; null when it is invalid. */
function parseSection(
  protocol: ProtocolName,
  section: unknown,
  problems: Problems,
): { config: unknown } | null {
  const name = sectionName(protocol);
  const path = `$.${name}`;
  if (
    section === null ||
    Array.isArray(section) ||
    (section !== undefined && typeof section !== 'object')
  ) {
    problems.add(`${path}: expected an object of ${name} settings, got ${preview(section)}`);
    return null;
  }
  const schema = protocolModule(protocol).config.schema;
  const lists = findListsForObjects(schema, section, problems, path);
  findUnknownFields(schema, section, problems, path);
  const result = v.safeParse(schema, section);
  if (!result.success) {
    for (const issue of result.issues) {
      const text = formatIssue(issue, schema, path);
      if (!isUnder(text, lists)) problems.add(text);
    }
  }
  return result.success && lists.length === 0 ? { config: result.output } : null;
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
      sticky: s.workload?.sticky ?? protocolModule(s.protocol).routing === 'any-node',
    },
    load: s.load ?? (protocolModule(s.protocol).routing === 'balancer' ? DEFAULT_LOAD : null),
    ...(s.servers ? { servers: { processing: s.servers.processing ?? 0 } } : {}),
    ...(s.mutations === undefined || s.mutations.length === 0 ? {} : { mutations: s.mutations }),
    actions: (s.actions ?? []).map(({ at, ...action }) => ({ at, action: action as Action })),
  };
}

/** The same run under the `compare` protocol (whose own `compare` names this one). */
export function companionScenario(s: Scenario): Scenario | null {
  if (!s.compare) return null;
  // Mutants name one protocol's rules: the companion runs as the paper gives it.
  const { mutations: _mutations, ...same } = s;
  return {
    ...structuredClone(same),
    protocol: s.compare.protocol,
    protocolConfig: structuredClone(s.compare.config),
    compare: { protocol: s.protocol, config: structuredClone(s.protocolConfig) },
  };
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
    [sectionName(s.protocol)]: s.protocolConfig,
    ...(s.compare
      ? { compare: s.compare.protocol, [sectionName(s.compare.protocol)]: s.compare.config }
      : {}),
    workload: s.workload,
    ...(s.load ? { load: s.load } : {}),
    ...(s.servers ? { servers: { ...s.servers } } : {}),
    ...(s.mutations ? { mutations: [...s.mutations] } : {}),
    actions: s.actions.map(({ at, action }) => ({ at, ...action })),
  };
}
