/**
 * The load generator (the scenario's `load`, load/config.ts): requests as load-testing tools
 * make them, each handed to the balancer at once and recorded from issue to answer.
 *
 * Open model: one pending arrival at a time, the next drawn when it happens (arrivals.ts), from
 * a client host drawn uniformly. Closed model: each user thinks (exponential, mean
 * `thinkTime`), sends, waits for the balancer's answer or failure, and thinks again; the
 * users' first requests come after a first think, so they do not all start at 0 ms.
 */
import { nextArrival, ratePieces } from '../load/arrivals';
import type { RatePiece } from '../load/arrivals';
import { loadClients } from '../load/config';
import type { LoadConfig, OpenLoad } from '../load/config';
import type { RequestOutcome } from '../load/types';
import { heapPush } from '../queue';
import { exponential, nextFloat, uniformInt } from '../rng';
import type { Scenario } from '../scenario';
import { balancerRequest } from './balancer';
import type { SimCore } from './core';
import { at, EVENT_PRIORITY } from './state';

/** Key names k1…kN, made once each (no string building per request). */
const KEY_NAMES: string[] = [];

function keyName(n: number): string {
  let k = KEY_NAMES[n];
  if (k === undefined) {
    k = `k${n}`;
    KEY_NAMES[n] = k;
  }
  return k;
}

/** The open model's user: arrivals belong to no user. */
const OPEN = -1;

/** Rate pieces per scenario, made once (the scenario is fixed for a run). */
const piecesOf = new WeakMap<Scenario, RatePiece[]>();

function pieces(sim: SimCore, load: OpenLoad): RatePiece[] {
  let p = piecesOf.get(sim.scenario);
  if (!p) {
    p = ratePieces(load, sim.scenario.duration);
    piecesOf.set(sim.scenario, p);
  }
  return p;
}

function loadOf(sim: SimCore): LoadConfig {
  return sim.scenario.load!;
}

function schedule(sim: SimCore, user: number, time: number): void {
  if (!Number.isFinite(time)) return;
  const st = sim.state;
  heapPush(st.queue, {
    time: at(time, 0),
    prio: EVENT_PRIORITY,
    seq: ++st.seq,
    ev: { type: 'load-issue', user },
  });
}

function scheduleOpen(sim: SimCore, load: OpenLoad, from: number): void {
  const st = sim.state;
  const ls = st.load!;
  const e = -Math.log(1 - nextFloat(st.rng.load));
  // The piece searched from is kept in the load state: passed pieces are never walked again.
  const next = nextArrival(pieces(sim, load), from, e, ls.piece);
  ls.piece = next.piece;
  schedule(sim, OPEN, next.time);
}

function scheduleThink(sim: SimCore, user: number): void {
  const load = loadOf(sim);
  if (load.model !== 'closed') return;
  const st = sim.state;
  schedule(sim, user, st.time + exponential(st.rng.load, load.thinkTime));
}

/** Starts the load of a run whose protocol has a balancer. */
export function startLoad(sim: SimCore): void {
  const load = sim.scenario.load;
  if (!load || !sim.balancerContext) return;
  const st = sim.state;
  st.load = { requests: [], piece: 0, waiting: [] };
  if (load.model === 'open') {
    scheduleOpen(sim, load, 0);
    return;
  }
  for (let u = 0; u < load.users; u++) {
    st.load.waiting.push(0);
    scheduleThink(sim, u);
  }
}

/** A `load-issue` event: the next request of the open load, or of a closed load's user. */
export function loadIssue(sim: SimCore, user: number, time: number): boolean {
  const st = sim.state;
  const load = loadOf(sim);
  const ls = st.load!;
  sim.begin(time);
  const client = user === OPEN ? uniformInt(st.rng.load, 0, loadClients(load) - 1) : user;
  const key = keyName(uniformInt(st.rng.load, 1, load.keys));
  const id = ls.requests.length + 1;
  ls.requests.push({
    id,
    client,
    key,
    issuedAt: time,
    completedAt: null,
    ok: false,
    code: 0,
    message: '',
    backend: null,
    arrivedAt: null,
    startedAt: null,
    servedAt: null,
    attempts: 0,
  });
  if (user !== OPEN) ls.waiting[user] = id;
  if (sim.tracing) sim.record('client-invoke', { node: `u${client + 1}`, detail: `#${id} ${key}` });
  // The next arrival is drawn first, so the balancer's draws never shift the arrivals.
  if (load.model === 'open') scheduleOpen(sim, load, time);
  balancerRequest(sim, id, client, key);
  sim.afterNodeEvent(-1);
  return true;
}

/** The balancer answered request `id` (BalancerContext.complete). */
export function completeRequest(sim: SimCore, id: number, outcome: RequestOutcome): void {
  const st = sim.state;
  const r = st.load?.requests[id - 1];
  if (!r || r.completedAt !== null) return;
  // Field by field: the record keeps its shape (Object.assign is slower on the hot path).
  r.ok = outcome.ok;
  r.code = outcome.code;
  r.message = outcome.message;
  r.backend = outcome.backend;
  r.arrivedAt = outcome.arrivedAt;
  r.startedAt = outcome.startedAt;
  r.servedAt = outcome.servedAt;
  r.attempts = outcome.attempts;
  r.completedAt = st.time;
  if (sim.tracing) {
    const what = outcome.ok ? 'ok' : `failed ${outcome.code} ${outcome.message}`;
    sim.record('client-reply', { node: `u${r.client + 1}`, detail: `#${id} → ${what}` });
  }
  const load = loadOf(sim);
  if (load.model === 'closed' && st.load!.waiting[r.client] === id) {
    st.load!.waiting[r.client] = 0;
    scheduleThink(sim, r.client);
  }
}
