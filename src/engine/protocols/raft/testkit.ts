/**
 * Helpers for Raft's tests and measurements: scenarios built in code, random fault
 * schedules drawn from a seeded stream, and the checks every run must pass. Not used by the
 * lab itself.
 */
import { checkKvHistory } from '../../check/linearizability';
import { randomFaults as sharedRandomFaults } from '../../testing/faults';
import { HandNode } from '../../testing/handNode';
import type { Sent as HandSent } from '../../testing/handNode';
import type { FaultOptions as SharedFaultOptions } from '../../testing/faults';
import { parseScenario } from '../../scenario';
import type { Scenario, ScenarioInput } from '../../scenario';
import { Simulator } from '../../simulator';
import type { Action, CheckView, ClientRequest, InvariantChecker, TimedAction } from '../../types';
import { DEFAULT_RAFT_CONFIG, raftModule } from './raft';
import { entryAt, firstLogIndex } from './log';
import type { LogEntry, RaftConfig, RaftMessage, RaftPersistent, RaftState } from './types';

export type RaftSimulator = Simulator<RaftState>;

type ScenarioJson = Omit<ScenarioInput, 'protocol' | 'nodes' | 'seed' | 'duration'> & {
  nodes?: number;
  seed?: number;
  duration?: number;
  actions?: ({ at: number } & Action)[];
  raft?: Partial<RaftConfig>;
};

/** A Raft scenario with the lab's defaults (5 nodes, 10–15 ms latency, 150–300 ms timeouts). */
export function raftScenario(json: ScenarioJson = {}): Scenario {
  const parsed = parseScenario({ protocol: 'raft', nodes: 5, seed: 1, duration: 5000, ...json });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

export function raftSimulator(scenario: Scenario, trace = false): RaftSimulator {
  return new Simulator<RaftState>(scenario, raftModule, { trace });
}

export function stateOf(sim: RaftSimulator, id: string): RaftState {
  const node = sim.state.nodes.find((n) => n.id === id);
  if (!node?.state) throw new Error(`${id} is down`);
  return node.state;
}

export function upStates(sim: RaftSimulator): RaftState[] {
  return sim.state.nodes.flatMap((n) => (n.up && n.state ? [n.state] : []));
}

export function leaders(sim: RaftSimulator): RaftState[] {
  return upStates(sim).filter((s) => s.role === 'leader');
}

/**
 * Every node's committed prefix must be a prefix of the longest one (compared by term and
 * command), counting down nodes by their persisted log up to the commit point they reached
 * before crashing is unknown, so only up nodes are compared.
 */
export function committedPrefixesAgree(sim: RaftSimulator): string | null {
  const states = upStates(sim);
  const longest = states.reduce<RaftState | null>(
    (best, s) => (best === null || s.commitIndex > best.commitIndex ? s : best),
    null,
  );
  if (longest === null) return null;
  for (const s of states) {
    // Indexes both still hold as entries (§7: a snapshot replaces a committed prefix).
    for (let i = firstHeldByBoth(s, longest); i <= s.commitIndex; i++) {
      const a = entryAt(s, i)!;
      const b = entryAt(longest, i)!;
      if (a.term !== b.term || JSON.stringify(a.command) !== JSON.stringify(b.command)) {
        return `${s.id} and ${longest.id} disagree on committed entry ${i}`;
      }
    }
  }
  return null;
}

function firstHeldByBoth(a: RaftState, b: RaftState): number {
  return Math.max(firstLogIndex(a), firstLogIndex(b));
}

export type FaultOptions = Omit<SharedFaultOptions, 'stream'>;

/** The shared fault schedule ({@link sharedRandomFaults}) on this kit's own stream. */
export function randomFaults(seed: number, o: FaultOptions): TimedAction[] {
  return sharedRandomFaults(seed, { ...o, stream: 'raft-faults' });
}

/** Everything a run under faults must satisfy; returns the problems found. */
export function safetyProblems(sim: RaftSimulator): string[] {
  const problems = sim.state.violations.map((v) => `${v.invariant} at ${v.time}: ${v.message}`);
  const prefix = committedPrefixesAgree(sim);
  if (prefix) problems.push(prefix);
  const lin = checkKvHistory(sim.state.clientOps, { maxSteps: 2_000_000 });
  if (!lin.ok)
    problems.push(`not linearizable: keys ${[...lin.illegal, ...lin.unknown].join(', ')}`);
  return problems;
}

// ------------------------------------------------------------------ message-by-message

export type Sent = HandSent<RaftMessage>;

/** One Raft node outside any simulator, driven by hand (see HandNode). */
export class TestNode extends HandNode<RaftMessage> {
  state: RaftState;

  constructor(
    id = 'S1',
    size = 5,
    config: Partial<RaftConfig> = {},
    persisted?: Partial<RaftPersistent>,
    randoms: number[] = [],
  ) {
    super(id, size, randoms);
    const full = { ...DEFAULT_RAFT_CONFIG, ...config };
    const p: RaftPersistent = {
      currentTerm: 0,
      votedFor: null,
      log: [],
      snapshot: null,
      ...persisted,
    };
    this.state = raftModule.onRecover(this.ctx, full, p);
  }

  /** Delivers a message from `from`; returns (and clears) what the node sent in response. */
  receive(from: string, msg: RaftMessage): Sent[] {
    this.sent = [];
    raftModule.onMessage(
      this.state,
      { id: 0, from, to: this.state.id, sentAt: this.time, payload: msg },
      this.ctx,
    );
    return this.sent;
  }

  fire(timer: string): Sent[] {
    this.sent = [];
    delete this.timers[timer];
    raftModule.onTimer(this.state, timer, this.ctx);
    return this.sent;
  }

  request(req: ClientRequest): void {
    this.sent = [];
    raftModule.onClientRequest(this.state, req, this.ctx);
  }
}

/** A log from a list of terms, with a distinct put in each entry. */
export function logOfTerms(terms: number[]): LogEntry[] {
  return terms.map((term, i) => ({
    term,
    command: { client: 'c', seq: i + 1, op: { type: 'put', key: 'k', value: `v${i + 1}@${term}` } },
  }));
}

/**
 * Runs a checker over a sequence of views (each a list of node states), as if each node in
 * turn had been touched by an event; the first problem of a view is its result.
 */
export function checkViews(
  checker: InvariantChecker<RaftState, unknown>,
  views: RaftState[][],
): (string | null)[] {
  const memory = checker.initialMemory();
  return views.map((states, i) => {
    for (const touched of states) {
      const view: CheckView<RaftState> = {
        nodes: states.map((s) => ({ id: s.id, up: true, state: s })),
        time: i,
        eventId: i,
        touched: touched.id,
      };
      const problem = checker.check(view, memory);
      if (problem !== null) return problem;
    }
    return null;
  });
}
