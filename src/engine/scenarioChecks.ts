/**
 * What a scenario's schema cannot express, checked after it: ranges in order, node and client
 * names that exist, the work a run asks for, the protocol's own checks, a `compare` protocol
 * that can stand beside this one, and mutants that belong to the protocol.
 */
import { LIMITS } from './input/limits';
import { mutationErrors } from './mutations';
import { protocolModule } from './protocols/registry';
import type { ProtocolName } from './protocols/registry';
import { loadErrors } from './load/config';
import type { LatencyRange, ParseOptions, Scenario } from './scenario';
import { clientIdsOf, nodeIds, sectionName } from './scenarioNames';
import { membershipErrors } from './scenarioMembership';

/** Checks the schema cannot express: ranges in order, node names that exist. */
export function semanticErrors(s: Scenario, options: ParseOptions): string[] {
  const errors: string[] = [];
  const ids = new Set(nodeIds(s.nodes));
  const clientIds = new Set(clientIdsOf(s.workload.clients));
  const checkRange = (path: string, r: LatencyRange) => {
    if (r.min > r.max) errors.push(`${path}: min (${r.min}) is greater than max (${r.max})`);
  };
  checkRange('$.network.latency', s.network.latency);
  checkRange('$.network.clientLatency', s.network.clientLatency);
  const until = Math.min(s.duration, options.workUntil ?? s.duration);
  const work = workEstimate(s, until);
  if (work.total > LIMITS.work) {
    errors.push(
      `$.workload: the run asks for too much work: ${s.nodes} nodes × ${s.workload.clients} clients` +
        ` × ${work.rate} requests/s × ${until / 1000} s = ${Math.round(work.total)},` +
        ` more than the ${LIMITS.work} a run may ask for (lower the nodes, clients, rate or duration)`,
    );
  }
  const check = protocolModule(s.protocol).config.check;
  if (check) {
    errors.push(
      ...check(s.protocolConfig, { path: `$.${sectionName(s.protocol)}`, nodes: [...ids] }),
    );
  }
  if (s.compare) errors.push(...compareErrors(s, s.compare, [...ids]));
  errors.push(...mutationErrors(s.protocol, s.mutations ?? []));
  const m = protocolModule(s.protocol);
  errors.push(
    ...loadErrors(s.load, {
      duration: s.duration,
      balancer: m.routing === 'balancer',
      title: m.title,
      until,
      maxWork: LIMITS.work,
    }),
  );
  // Servers the scenario's add-server actions start: the k-th is S(nodes + k), and an action
  // may name it from the time it is added on (membership.ts).
  const growth = membershipErrors(s, m, options.addsAt ?? []);
  errors.push(...growth.errors);
  const addedBy = growth.addedBy;
  let actionAt = 0;
  const checkNode = (path: string, id: string, allowLeader: boolean) => {
    if (ids.has(id) || (allowLeader && id === 'leader')) return;
    const added = addedBy(actionAt);
    const k = /^S(\d+)$/.exec(id) ? Number(id.slice(1)) - s.nodes : 0;
    if (k >= 1 && k <= added) return;
    const last = `S${s.nodes + added}`;
    const hint = allowLeader ? `S1…${last} or "leader"` : `S1…${last}`;
    const later = k >= 1 && k <= growth.total ? `; ${id} is added later, by add-server #${k}` : '';
    errors.push(`${path}: unknown node "${id}" (expected ${hint}${later})`);
  };
  s.network.links.forEach((l, i) => {
    checkNode(`$.network.links[${i}].from`, l.from, false);
    checkNode(`$.network.links[${i}].to`, l.to, false);
    checkRange(`$.network.links[${i}].latency`, l.latency);
  });
  s.actions.forEach(({ at, action: a }, i) => {
    const p = `$.actions[${i}]`;
    actionAt = at;
    switch (a.type) {
      case 'crash':
      case 'restart':
      case 'pause':
      case 'timeout':
      case 'request':
      case 'speed':
        checkNode(`${p}.node`, a.node, true);
        break;
      case 'transfer':
        checkNode(`${p}.to`, a.to, false);
        break;
      case 'remove-server':
        checkNode(`${p}.node`, a.node, true);
        break;
      case 'add-server':
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
            // A workload client named in a group reaches only that group's servers.
            if (/^c\d+$/.test(id) && !clientIds.has(id)) {
              const have = s.workload.clients;
              errors.push(
                `${p}.groups[${gi}][${ni}]: unknown client "${id}" (the workload has ${have === 0 ? 'no clients' : `clients c1…c${have}`})`,
              );
            } else if (!clientIds.has(id)) checkNode(`${p}.groups[${gi}][${ni}]`, id, true);
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

/**
 * The work a run asks for (LIMITS.work) up to `until` ms: nodes × clients × the request rate
 * integrated over time (each workload action sets the rate from its time on). Client
 * operations, the messages they cause and the records the run keeps all grow with it.
 * `rate` is the largest rate the run reaches.
 */
export function workEstimate(s: Scenario, until = s.duration): { rate: number; total: number } {
  let rate = s.workload.rate;
  let max = rate;
  let from = 0;
  let requests = 0;
  const changes = s.actions
    .filter(({ action }) => action.type === 'workload' && action.rate !== undefined)
    .sort((a, b) => a.at - b.at);
  for (const { at, action } of changes) {
    if (at >= until) break;
    requests += (rate * (at - from)) / 1000;
    rate = (action as { rate: number }).rate;
    max = Math.max(max, rate);
    from = at;
  }
  requests += (rate * (until - from)) / 1000;
  return { rate: max, total: s.nodes * s.workload.clients * requests };
}

/** What a `compare` protocol must be: another protocol that serves the same clients. */
function compareErrors(
  s: Scenario,
  compare: { protocol: ProtocolName; config: unknown },
  nodes: string[],
): string[] {
  const other = protocolModule(compare.protocol);
  if (compare.protocol === s.protocol) {
    return [`$.compare: "${compare.protocol}" is the run's own protocol (name another one)`];
  }
  if (sectionName(compare.protocol) === sectionName(s.protocol)) {
    return [`$.compare: "${compare.protocol}" reads the same section as "${s.protocol}"`];
  }
  const serves = (name: ProtocolName) => protocolModule(name).routing !== 'none';
  if (!serves(compare.protocol) || !serves(s.protocol)) {
    const which = serves(s.protocol) ? compare.protocol : s.protocol;
    return [
      `$.compare: ${protocolModule(which).title} takes no client requests, so there is nothing to compare`,
    ];
  }
  const path = `$.${sectionName(compare.protocol)}`;
  return other.config.check?.(compare.config, { path, nodes }) ?? [];
}

/**
 * What is valid but will likely not work, in plain words with the path: the protocol's own
 * timing sanity (broadcast time ≪ election timeout, say). The lab shows them beside
 * the run; the CLI prints them on stderr.
 */
export function scenarioWarnings(s: Scenario): string[] {
  const out: string[] = [];
  const sides = [{ protocol: s.protocol, config: s.protocolConfig }];
  if (s.compare) sides.push({ protocol: s.compare.protocol, config: s.compare.config });
  for (const side of sides) {
    const warn = protocolModule(side.protocol).config.warnings;
    if (warn) {
      out.push(
        ...warn(side.config, {
          path: `$.${sectionName(side.protocol)}`,
          latency: s.network.latency,
        }),
      );
    }
  }
  return out;
}
