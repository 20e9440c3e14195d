/**
 * The events a violation blames (issue 13): the checkers name, beside the event that broke
 * the invariant, the earlier events that led to it and the nodes concerned — what the lab
 * highlights when a failure is opened. Checked on failures the explorer finds, replayed.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario';
import { runScenario } from '../run';
import type { TraceEntry, Violation } from '../types';
import { readFileSync } from 'node:fs';
import { exploreSeed } from './explore';
import { failureOf } from './verdict';
import { FAULT_KINDS } from './options';
import type { ExplorableProtocol } from './options';

/** The first failure of `kind` the explorer finds for the mutant, replayed with its trace. */
function replayed(protocol: ExplorableProtocol, mutation: string, kind: string) {
  for (let seed = 1; seed <= 300; seed++) {
    const o = { protocol, nodes: 5, mutations: [mutation], faults: [...FAULT_KINDS] };
    const f = exploreSeed(o, seed);
    if (f === null || f.violation.kind !== kind) continue;
    const parsed = parseScenario(f.scenario);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const run = runScenario(parsed.scenario, { trace: true });
    const v = run.violations[0]!;
    expect(v.invariant).toBe(kind);
    // The explorer's report carries what the run's violation names.
    expect(f.violation.related).toEqual(v.related);
    expect(f.violation.nodes).toEqual(v.nodes);
    return { v, trace: run.trace! };
  }
  throw new Error(`${protocol} ${mutation}: no ${kind} failure in 300 schedules`);
}

function entriesOf(trace: readonly TraceEntry[], id: number): TraceEntry[] {
  return trace.filter((e) => e.id === id);
}

/** Each related event is earlier than the violating one and is in the trace. */
function expectEarlier(v: Violation, trace: readonly TraceEntry[]): number[] {
  const related = v.related ?? [];
  expect(related.length).toBeGreaterThan(0);
  for (const id of related) {
    expect(id).toBeLessThan(v.eventId);
    expect(entriesOf(trace, id).length).toBeGreaterThan(0);
  }
  return related;
}

describe('a violation names the events that led to it', () => {
  it('Election Safety: the two elections of one term, and the two leaders', () => {
    const { v, trace } = replayed('raft', 'vote-twice-per-term', 'Election Safety');
    const [first] = expectEarlier(v, trace);
    expect(v.nodes).toHaveLength(2);
    const term = Number(/term (\d+)$/.exec(v.message)![1]);
    // Each event is where one of the two nodes became leader of that term.
    const elected = (id: number) =>
      entriesOf(trace, id).find((e) => e.kind === 'role' && e.leads === true && e.epoch === term);
    expect(elected(first!)?.node).toBe(v.nodes![0]);
    expect(elected(v.eventId)?.node).toBe(v.nodes![1]);
  });

  it('State Machine Safety: the other server’s apply of that index', () => {
    const { v, trace } = replayed('raft', 'no-log-truncation', 'State Machine Safety');
    expectEarlier(v, trace);
    expect(v.nodes).toHaveLength(2);
    expect(v.nodes![0]).not.toBe(v.nodes![1]);
    expect(v.message.startsWith(`${v.nodes![1]} applied`)).toBe(true);
  });

  it('Leader Completeness: the commit of the entry the leader lacks', () => {
    const { v, trace } = replayed('raft', 'no-election-restriction', 'Leader Completeness');
    expectEarlier(v, trace);
    expect(v.nodes).toHaveLength(2);
    expect(v.message.startsWith(`leader ${v.nodes![1]} `)).toBe(true);
  });

  it('Paxos Agreement: the event the other value was chosen at', () => {
    const { v, trace } = replayed('paxos', 'ignore-accepted-in-promise', 'Agreement');
    expectEarlier(v, trace);
    expect(v.nodes!.length).toBeGreaterThanOrEqual(2);
  });

  it('Paxos Promise Kept: the promise the acceptor broke', () => {
    const { v, trace } = replayed('paxos', 'accept-below-promise', 'Promise Kept');
    const [promise] = expectEarlier(v, trace);
    expect(v.nodes).toEqual([v.message.split(' ')[0]]);
    // The promise was made by that acceptor: the event touched it.
    expect(
      entriesOf(trace, promise!).some((e) => e.to === v.nodes![0] || e.node === v.nodes![0]),
    ).toBe(true);
  });

  it('a history anomaly: where its witness operations were invoked and answered', () => {
    // The shipped stale lease read: a linearizability failure on three operations.
    const file = 'public/scenarios/raft-lease-read-clock-drift.json';
    const parsed = parseScenario(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const f = failureOf(parsed.scenario)!;
    expect(f.by).toBe('history');
    const ops = /client operations ([\d, ]+)$/.exec(f.message)![1]!.split(', ').map(Number);
    const run = runScenario(parsed.scenario, { trace: true });
    const records = run.clientOps.filter((r) => ops.includes(r.id));
    expect(records).toHaveLength(ops.length);
    // An invocation and an answer per operation, each at that operation's client and time.
    expect(f.related).toHaveLength(2 * records.length);
    for (const id of f.related!) {
      const e = entriesOf(run.trace!, id).find(
        (x) => x.kind === 'client-invoke' || x.kind === 'client-reply',
      )!;
      expect(
        records.some(
          (r) =>
            r.client === e.node &&
            (e.kind === 'client-invoke' ? r.invokedAt : r.completedAt) === e.time,
        ),
      ).toBe(true);
    }
  });
});
