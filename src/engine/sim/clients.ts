/**
 * Clients outside the cluster: the workload's closed-loop clients c1…cN and the lab user's
 * hand-sent requests. Each operation is recorded for the history checker; an attempt goes
 * to one server and is retried after `requestTimeout`. How the next server is chosen is the
 * protocol's routing: `redirect` follows a refusal's hint (a leader hint), `any-node`
 * moves on to the next server.
 */
import { heapPush } from '../queue';
import { chance, exponential, uniformInt } from '../rng';
import type { ClientRequest, ClientResponse, ClientRuntime, KvOp } from '../types';
import type { SimCore } from './core';
import { homeIndex } from './clientHome';
import { clientLinkDown, transmit } from './network';
import { at, EVENT_PRIORITY } from './state';

/** Back-off before a client tries the next server when it was given no redirect. */
const CLIENT_NO_HINT_BACKOFF = 20;
/**
 * Hand-sent requests come from the lab's user. Each is its own client session (`user1`,
 * `user2`, …), as if typed at separate terminals: a protocol's session table keeps one
 * sequence number per client, so requests of one session sent at once and reordered by the
 * network would shadow each other.
 */
export const USER_CLIENT = 'user';

export function isUserClient(id: string): boolean {
  return id.startsWith(USER_CLIENT);
}

/** Workload clients are named c1…cN, stored in that order. */
function clientIndex(id: string): number {
  return Number(id.slice(1)) - 1;
}

export function describeOp(req: ClientRequest): string {
  const op = req.op;
  const what = op.type === 'put' ? `put ${op.key}=${op.value}` : `get ${op.key}`;
  return `${req.client}#${req.seq} ${what}`;
}

export function startWorkload(sim: SimCore): void {
  // A protocol that takes no client requests gets no workload clients.
  if (sim.module.routing === 'none') return;
  const w = sim.scenario.workload;
  for (let c = 0; c < w.clients; c++) {
    const client: ClientRuntime = {
      id: `c${c + 1}`,
      seq: 0,
      pending: -1,
      issueToken: 0,
      silences: 0,
      avoid: -1,
      // Sticky: client ci's home is S((i-1) mod nodes + 1). The draw happens either way, so
      // switching stickiness changes nothing else in the run.
      target: homeServer(sim, c, uniformInt(sim.state.rng.workload, 0, sim.ids.length - 1)),
    };
    sim.state.clients.push(client);
    scheduleIssue(sim, client, w.start);
  }
}

function homeServer(sim: SimCore, clientIndex: number, drawn: number): number {
  return sim.scenario.workload.sticky ? homeIndex(clientIndex, sim.ids.length) : drawn;
}

export function scheduleIssue(sim: SimCore, client: ClientRuntime, from = sim.state.time): void {
  const st = sim.state;
  const rate = st.workloadRate;
  if (rate <= 0) return;
  const think = exponential(st.rng.workload, 1000 / rate);
  // A newer schedule replaces an older one still queued (e.g. the rate changed).
  client.issueToken = ++st.seq;
  heapPush(st.queue, {
    time: at(from, think),
    prio: EVENT_PRIORITY,
    seq: client.issueToken,
    ev: { type: 'client-issue', client: client.id, token: client.issueToken },
  });
}

/** A workload client's next operation is due; false when the event is stale. */
export function issueWorkloadOp(sim: SimCore, clientId: string, token: number, time: number) {
  const st = sim.state;
  const client = st.clients[clientIndex(clientId)]!;
  if (!st.workloadEnabled || client.pending >= 0 || client.issueToken !== token) return false;
  sim.begin(time);
  const w = sim.scenario.workload;
  const key = `k${uniformInt(st.rng.workload, 1, w.keys)}`;
  const seq = ++client.seq;
  const op: KvOp = chance(st.rng.workload, w.readRatio)
    ? { type: 'get', key }
    : { type: 'put', key, value: `${client.id}.${seq}` };
  client.pending = openOp(sim, { client: client.id, seq, op }, true, w.opTimeout);
  sendAttempt(sim, client.pending, client.target);
  sim.afterNodeEvent(-1);
  return true;
}

export function issueUserRequest(sim: SimCore, target: number, op: KvOp): void {
  const session = ++sim.state.userSeq;
  const req = { client: `${USER_CLIENT}${session}`, seq: 1, op };
  const index = openOp(sim, req, false, sim.scenario.workload.opTimeout);
  sendAttempt(sim, index, target);
}

function openOp(sim: SimCore, req: ClientRequest, retries: boolean, timeout: number): number {
  const st = sim.state;
  const index = st.clientOps.length;
  st.clientOps.push({
    id: index + 1,
    client: req.client,
    op: req.op.type,
    key: req.op.key,
    value: req.op.type === 'put' ? req.op.value : null,
    invokedAt: st.time,
    completedAt: null,
    ok: false,
    result: null,
    attempts: 0,
  });
  st.pendingOps[index] = {
    req,
    attempt: 0,
    deadline: at(st.time, timeout),
    retries,
    copies: 0,
    refusals: 0,
  };
  if (sim.tracing) sim.record('client-invoke', { node: req.client, detail: describeOp(req) });
  return index;
}

function sendAttempt(sim: SimCore, index: number, target: number): void {
  const st = sim.state;
  const pending = st.pendingOps[index]!;
  const record = st.clientOps[index]!;
  pending.attempt++;
  record.attempts = pending.attempt;
  pending.copies += transmit(
    sim,
    pending.req.client,
    sim.ids[target]!,
    -1,
    target,
    'ClientRequest',
    { op: index, req: pending.req },
    sim.scenario.network.clientLatency,
    clientLinkDown(sim, pending.req.client, sim.ids[target]!),
    true,
  );
  const wait = pending.retries ? sim.scenario.workload.requestTimeout : pending.deadline - st.time;
  heapPush(st.queue, {
    time: Math.min(at(st.time, wait), pending.deadline),
    prio: EVENT_PRIORITY,
    seq: ++st.seq,
    ev: { type: 'client-timeout', op: index, attempt: pending.attempt },
  });
}

/** The pending operation a protocol is answering, or -1 if it already completed. */
function opIndexFor(sim: SimCore, req: ClientRequest): number {
  const st = sim.state;
  if (!isUserClient(req.client)) {
    const client = st.clients[clientIndex(req.client)];
    return client && client.seq === req.seq ? client.pending : -1;
  }
  for (const key in st.pendingOps) {
    const p = st.pendingOps[key]!;
    if (p.req.client === req.client && p.req.seq === req.seq) return Number(key);
  }
  return -1;
}

/** A protocol answers a client request (ProtocolContext.reply). */
export function replyToClient(
  sim: SimCore,
  fromIndex: number,
  req: ClientRequest,
  response: ClientResponse,
): void {
  const op = opIndexFor(sim, req);
  if (op < 0) return;
  transmit(
    sim,
    sim.ids[fromIndex]!,
    req.client,
    fromIndex,
    -1,
    'ClientReply',
    { op, resp: response },
    sim.scenario.network.clientLatency,
    clientLinkDown(sim, req.client, sim.ids[fromIndex]!),
    true,
  );
}

/** A server's reply reached its client. */
export function clientReceives(
  sim: SimCore,
  index: number,
  resp: ClientResponse,
  from: string,
): void {
  const st = sim.state;
  const pending = st.pendingOps[index];
  if (!pending) return; // Already completed or given up: a late duplicate.
  const record = st.clientOps[index]!;
  const client = pending.retries ? st.clients[clientIndex(record.client)]! : null;
  if (client) client.silences = 0;
  if (resp.ok) {
    if (client) client.avoid = -1;
    completeOp(sim, index, true, resp.value ?? null);
    return;
  }
  pending.refusals++;
  const hint = sim.module.routing === 'redirect' ? (resp.redirect ?? null) : null;
  const hintIndex = hint === null ? undefined : sim.indexOf.get(hint);
  const fromIndex = sim.indexOf.get(from);
  if (!pending.retries) {
    // A hand-sent request follows one redirect hint, as a client library would.
    if (hintIndex !== undefined && hintIndex !== fromIndex) {
      sendAttempt(sim, index, hintIndex);
      return;
    }
    const text = hint ? `${resp.error} (leader hint ${hint})` : resp.error;
    completeOp(sim, index, false, text, pending.refusals < pending.copies);
    return;
  }
  if (!client) return;
  if (hintIndex !== undefined && hintIndex !== fromIndex && hintIndex !== client.avoid) {
    client.target = hintIndex;
    sendAttempt(sim, index, hintIndex);
  } else {
    // No useful hint: back off briefly, then the retry moves on to the next server.
    client.target = fromIndex ?? client.target;
    client.silences = 1;
    heapPush(st.queue, {
      time: Math.min(at(st.time, CLIENT_NO_HINT_BACKOFF), pending.deadline),
      prio: EVENT_PRIORITY,
      seq: ++st.seq,
      ev: { type: 'client-timeout', op: index, attempt: pending.attempt },
    });
  }
}

/** An attempt went unanswered; false when the event is stale. */
export function clientTimeout(sim: SimCore, index: number, attempt: number, time: number) {
  const st = sim.state;
  const pending = st.pendingOps[index];
  if (!pending || pending.attempt !== attempt) return false;
  sim.begin(time);
  if (time >= pending.deadline || !pending.retries) {
    sim.record('client-give-up', { node: pending.req.client, detail: describeOp(pending.req) });
    completeOp(sim, index, false, 'timeout');
  } else {
    const client = st.clients[clientIndex(pending.req.client)]!;
    // One silence may be a lost message: retry the same server once, then move on. A sticky
    // client fails over at once, as its library would to the next coordinator.
    client.silences++;
    if (client.silences >= (sim.scenario.workload.sticky ? 1 : 2)) {
      client.avoid = client.target;
      client.target = (client.target + 1) % sim.ids.length;
      client.silences = 0;
    }
    sendAttempt(sim, index, client.target);
  }
  sim.afterNodeEvent(-1);
  return true;
}

function completeOp(
  sim: SimCore,
  index: number,
  ok: boolean,
  result: string | null,
  indeterminate = false,
): void {
  const st = sim.state;
  const record = st.clientOps[index]!;
  const pending = st.pendingOps[index]!;
  delete st.pendingOps[index];
  record.completedAt = st.time;
  record.ok = ok;
  record.result = result;
  if (indeterminate) record.indeterminate = true;
  if (sim.tracing)
    sim.record('client-reply', {
      node: record.client,
      detail: `${describeOp(pending.req)} → ${ok ? 'ok' : 'failed'}${result === null ? '' : ` ${result}`}`,
    });
  const client = record.client === USER_CLIENT ? undefined : st.clients[clientIndex(record.client)];
  if (client && client.pending === index) {
    client.pending = -1;
    if (st.workloadEnabled) scheduleIssue(sim, client);
  }
}

/** The workload action: on/off and a new rate. */
export function setWorkload(sim: SimCore, enabled: boolean, rate: number | undefined): void {
  const st = sim.state;
  const wasEnabled = st.workloadEnabled;
  st.workloadEnabled = enabled;
  if (rate !== undefined) st.workloadRate = rate;
  sim.record('workload', {
    detail: `${enabled ? 'on' : 'off'} at ${st.workloadRate}/s per client`,
  });
  if (enabled && (!wasEnabled || rate !== undefined)) {
    for (const c of st.clients) if (c.pending < 0) scheduleIssue(sim, c);
  }
}
