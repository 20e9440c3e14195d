/**
 * Helpers for the Dynamo store's tests: scenarios built in code (3 nodes, N=3 by default),
 * the simulator, node states, and requests sent by hand at chosen times.
 */
import { nodeIds, parseScenario } from '../../scenario';
import type { Scenario, ScenarioInput } from '../../scenario';
import { Simulator } from '../../simulator';
import type { Action, ClientOpRecord, KvOp } from '../../types';
import { dynamoModule } from './dynamo';
import type { DynamoConfig, DynamoState, Versions } from './types';
import { clientValue } from './version';

export type DynamoSimulator = Simulator<DynamoState>;

type ScenarioJson = Omit<ScenarioInput, 'protocol' | 'nodes' | 'seed' | 'duration'> & {
  nodes?: number;
  seed?: number;
  duration?: number;
  actions?: ({ at: number } & Action)[];
  dynamo?: Partial<DynamoConfig>;
};

export function dynamoScenario(json: ScenarioJson = {}): Scenario {
  const parsed = parseScenario({ protocol: 'dynamo', nodes: 3, seed: 1, duration: 3000, ...json });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

export function dynamoSimulator(scenario: Scenario, trace = false): DynamoSimulator {
  return new Simulator<DynamoState>(scenario, dynamoModule, { trace });
}

/** A hand-sent request (a `request` action) at `at`. */
export function request(at: number, node: string, op: KvOp): { at: number } & Action {
  return { at, type: 'request', node, op };
}

export const put = (at: number, node: string, key: string, value: string) =>
  request(at, node, { type: 'put', key, value });
export const get = (at: number, node: string, key: string) =>
  request(at, node, { type: 'get', key });

export function stateOf(sim: DynamoSimulator, id: string): DynamoState {
  const node = sim.state.nodes.find((n) => n.id === id);
  if (!node?.state) throw new Error(`${id} is down`);
  return node.state;
}

/** The versions node `id` stores of `key` (its persisted store when down). */
export function held(sim: DynamoSimulator, id: string, key: string): Versions {
  const node = sim.state.nodes.find((n) => n.id === id)!;
  const store =
    node.state?.store ?? (node.persisted as { store: Record<string, Versions> } | null)?.store;
  return store && Object.hasOwn(store, key) ? store[key]! : [];
}

/** What each node alone would answer for `key`. */
export function valuesAt(sim: DynamoSimulator, key: string, count = sim.state.nodes.length) {
  return nodeIds(count).map((id) => clientValue(held(sim, id, key)));
}

/** The client record of the operation that put `value`, or the n-th get of `key`. */
export function opPutting(sim: DynamoSimulator, value: string): ClientOpRecord {
  const op = sim.state.clientOps.find((o) => o.op === 'put' && o.value === value);
  if (!op) throw new Error(`no put of ${value}`);
  return op;
}

export function gets(sim: DynamoSimulator, key: string): ClientOpRecord[] {
  return sim.state.clientOps.filter((o) => o.op === 'get' && o.key === key);
}

export function violations(sim: DynamoSimulator): string[] {
  return sim.state.violations.map((v) => `${v.invariant} at ${v.time}: ${v.message}`);
}
