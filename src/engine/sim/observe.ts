/**
 * What the simulator notices after each event: role changes, read through the protocol's
 * `observe` and recorded as data (a trace entry, the leaders list), and the invariant
 * checkers, which run after every event and record each new violation once, with the event.
 */
import type { Observation } from '../protocol';
import type { CheckView, InvariantChecker, Violation } from '../types';
import type { SimCore } from './core';

/**
 * Notices a role change of node i: it enters the trace as a structured record, and a node
 * that starts to lead (or leads in a new epoch) joins the leaders list.
 */
export function observeNode(sim: SimCore, i: number): void {
  const st = sim.state;
  const node = st.nodes[i]!;
  if (!node.state) return;
  const now = sim.module.observe(node.state);
  const last = st.observed[i]!;
  if (now.role === last.role && now.epoch === last.epoch && now.leads === last.leads) return;
  if (now.role !== last.role) {
    sim.record('role', {
      node: node.id,
      role: now.role,
      epoch: now.epoch,
      leads: now.leads,
      campaigns: now.campaigns,
      ...(now.epoch === null ? {} : { detail: `${sim.module.epochName} ${now.epoch}` }),
    });
  }
  if (now.leads && (!last.leads || now.epoch !== last.epoch)) {
    st.leaders.push({ time: st.time, epoch: now.epoch, node: node.id });
  }
  // Copied field by field, not spread: `now` then escapes nowhere, so the compiler may drop
  // the protocol's fresh observation object made at every event (when observe() is inlined).
  const kept: Observation = {
    role: now.role,
    epoch: now.epoch,
    leads: now.leads,
    campaigns: now.campaigns,
  };
  if (now.rank !== undefined) kept.rank = now.rank;
  st.observed[i] = kept;
}

/** The invariant checkers of a run, with one check view reused for every event. */
export class Checks<S> {
  /** Reused for every check: checkers run after every event, so no allocation per event. */
  private readonly view: { -readonly [K in keyof CheckView<S>]: CheckView<S>[K] } = {
    nodes: [],
    time: 0,
    eventId: 0,
    touched: null,
    touchedIndex: -1,
  };

  /** Indexes of the checkers that run after an event that touched no node. */
  private readonly untouched: readonly number[];

  constructor(readonly checkers: readonly InvariantChecker<S, unknown>[]) {
    this.untouched = checkers.flatMap((c, i) => (c.touchedOnly === true ? [] : [i]));
  }

  /** Runs every checker after an event that touched node `touched` (-1: none). */
  run(sim: SimCore, touched: number): void {
    const checkers = this.checkers;
    if (checkers.length === 0) return;
    const st = sim.state;
    const view = this.view;
    view.nodes = st.nodes as CheckView<S>['nodes'];
    view.time = st.time;
    view.eventId = st.eventId;
    view.touched = touched >= 0 ? (sim.ids[touched] as string) : null;
    view.touchedIndex = touched;
    const memory = st.checkerMemory;
    if (touched >= 0) {
      for (let c = 0; c < checkers.length; c++) {
        const problem = checkers[c]!.check(view, memory[c]);
        if (problem !== null) this.report(sim, c, problem);
      }
    } else {
      const some = this.untouched;
      for (let k = 0; k < some.length; k++) {
        const c = some[k]!;
        const problem = checkers[c]!.check(view, memory[c]);
        if (problem !== null) this.report(sim, c, problem);
      }
    }
  }

  /** Records checker `c`'s problem as a violation of this event, once per checker and text. */
  private report(sim: SimCore, c: number, problem: string): void {
    const st = sim.state;
    const checker = this.checkers[c]!;
    const key = `${checker.name}|${problem}`;
    if (st.violationKeys[key]) return;
    st.violationKeys[key] = true;
    const v: Violation = {
      invariant: checker.name,
      time: st.time,
      eventId: st.eventId,
      message: problem,
    };
    // The events and nodes the checker names, when it names any (protocol-neutral).
    const blame = checker.blame?.(st.checkerMemory[c]) ?? null;
    if (blame !== null) {
      const related = blame.related.filter((id) => id !== st.eventId);
      if (related.length > 0) v.related = [...new Set(related)].sort((a, b) => a - b);
      if (blame.nodes.length > 0) v.nodes = [...new Set(blame.nodes)];
    }
    st.violations.push(v);
    sim.record('violation', { detail: `${checker.name}: ${problem}` });
  }
}
