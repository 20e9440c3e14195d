/** The facts about a run that change only on load: what the lab's header and panels show. */
import { describeAction } from '../engine/analysis/describe';
import { PROTOCOL_NAMES, protocolModule } from '../engine/protocols/registry';
import { nodeIds, scenarioToJson, scenarioWarnings } from '../engine/scenario';
import type { Scenario } from '../engine/scenario';
import { CAP_PLAYGROUND } from './playgroundRegistry';
import type { RunInfo } from './protocol';

export function makeRunInfo(s: Scenario, source: string, runId: number): RunInfo {
  const m = protocolModule(s.protocol);
  return {
    protocols: [
      ...PROTOCOL_NAMES.filter((name) => !protocolModule(name).internal).map((name) => ({
        name,
        title: protocolModule(name).title,
      })),
      { name: CAP_PLAYGROUND.name, title: CAP_PLAYGROUND.title },
    ],
    runId,
    source,
    menuName:
      s.compare === undefined
        ? s.protocol
        : s.protocol === CAP_PLAYGROUND.protocol && s.compare.protocol === CAP_PLAYGROUND.compare
          ? CAP_PLAYGROUND.name
          : `${s.protocol}+${s.compare.protocol}`,
    name: s.name,
    description: s.description,
    protocol: s.protocol,
    title: m.title,
    epochName: m.epochName,
    timeoutTimer: m.timeoutTimer,
    routing: m.routing,
    config: structuredClone(s.protocolConfig),
    ...(s.compare ? { compare: compareInfo(s.compare.protocol, s.compare.config) } : {}),
    nodes: nodeIds(s.nodes),
    seed: s.seed,
    duration: s.duration,
    latency: s.network.latency,
    invariants: m.checkers.map((c) => c.name),
    warnings: scenarioWarnings(s),
    mutants: (m.mutants ?? []).map((x) => ({ name: x.name, description: x.description })),
    membership: m.membership !== undefined,
    mutations: (s.mutations ?? []).map((name) => ({
      name,
      description: m.mutants?.find((x) => x.name === name)?.description ?? '',
    })),
    script: s.actions.map((a) => ({ at: a.at, text: describeAction(a.action) })),
    scenarioText: JSON.stringify(scenarioToJson(s), null, 2),
  };
}

function compareInfo(name: Scenario['protocol'], config: unknown): NonNullable<RunInfo['compare']> {
  const m = protocolModule(name);
  return {
    protocol: name,
    title: m.title,
    epochName: m.epochName,
    routing: m.routing,
    config: structuredClone(config),
    invariants: m.checkers.map((c) => c.name),
  };
}
