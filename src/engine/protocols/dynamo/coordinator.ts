/**
 * Request coordination (§4.5, §5): whichever node a client reaches coordinates. It sends the
 * request to the key's N replicas (§4.3; storing or reading locally when it is one of them),
 * answers a put after W acks and a get after R replies (quorum.ts `tally`), and a client it
 * cannot answer in time hears "timeout" — never a definite failure, since copies of a put may
 * have been stored. With hinted handoff on, a replica silent for SLOPPY_TIMEOUT is replaced
 * by the next server of the ring walk, which keeps the write with a hint (sloppy quorum,
 * §4.6). A get reconciles the replies (§4.4) and, once every replica answered or the time is
 * up, writes the newest versions back to the replicas that answered older ones (read repair,
 * §5).
 */
import { getEntry } from '../../kv/stateMachine';
import { tally } from '../../quorum';
import type { ClientRequest, NodeId, ProtocolContext } from '../../types';
import { scheduleHandoff } from './handoff';
import { ringWalk } from './ring';
import { addHint, hintedVersions, localVersions, storeVersions } from './store';
import { COORD_TIMER_PREFIX, COORDINATION_TIMEOUT, SLOPPY_TIMEOUT, TIMEOUT_ERROR } from './timers';
import type { Coordination, DynamoMessage, DynamoState, Version, Versions } from './types';
import { clientValue, makeVersion, mergeClocks, reconcile, sameVersions } from './version';

type Ctx = ProtocolContext<DynamoMessage>;

/** The shortest delay worth arming a timer for, ms. */
const MIN_DELAY = 0.01;

/** The version a put coordinated here gets (§4.4: "the coordinator generates the vector clock"). */
function newVersion(state: DynamoState, key: string, value: string, ctx: Ctx): Version {
  const seq = ++state.counter;
  // The node's clock: virtual time plus its skew, at the simulator's resolution (1 µs).
  const ts =
    Math.round((ctx.now() + (getEntry(state.config.clockSkew, state.id) ?? 0)) * 1000) / 1000;
  if (state.config.versioning === 'lww') return makeVersion(value, ts, state.id, seq, {});
  // Clients send no context (a KvOp carries none): the coordinator's own copy of the key
  // stands in for it. The new version supersedes what the coordinator holds, and is
  // concurrent with what it has not seen — those stay as siblings.
  const clock = mergeClocks(localVersions(state, key));
  clock[state.id] = seq;
  return makeVersion(value, ts, state.id, seq, clock);
}

export function coordinate(state: DynamoState, req: ClientRequest, ctx: Ctx): void {
  // A duplicate of a request this node is coordinating (the network copied it): one is enough.
  for (const id in state.coords) {
    const c = state.coords[id]!;
    if (c.req.client === req.client && c.req.seq === req.seq) return;
  }
  const key = req.op.key;
  const id = ++state.nextCoord;
  const c: Coordination = {
    id,
    req,
    key,
    walk: ringWalk(state.ring, key),
    sentTo: {},
    answered: [],
    replies: {},
    version: req.op.type === 'put' ? newVersion(state, key, req.op.value, ctx) : null,
    done: false,
    startedAt: ctx.now(),
  };
  state.coords[id] = c;
  for (const owner of c.walk.slice(0, state.config.n)) sendCopy(state, c, owner, owner, ctx);
  const first = state.config.hintedHandoff ? SLOPPY_TIMEOUT : COORDINATION_TIMEOUT;
  ctx.setTimer(`${COORD_TIMER_PREFIX}${id}`, Math.min(first, COORDINATION_TIMEOUT));
  progress(state, c, ctx);
}

/** Sends the request to `target`, standing in for `owner` (itself, or a fallback's hint). */
function sendCopy(state: DynamoState, c: Coordination, target: NodeId, owner: NodeId, ctx: Ctx) {
  c.sentTo[target] = owner;
  const hint = target === owner ? null : owner;
  if (target === state.id) {
    // The coordinator is a replica (or a fallback) itself: no message to itself.
    if (c.version) {
      if (hint === null) storeVersions(state, c.key, [c.version]);
      else {
        addHint(state, hint, c.key, [c.version]);
        scheduleHandoff(state, ctx);
      }
      c.answered.push(target);
    } else {
      c.replies[target] =
        hint === null ? localVersions(state, c.key) : hintedVersions(state, c.key);
      c.answered.push(target);
    }
    return;
  }
  if (c.version) {
    ctx.send(target, { type: 'put-replica', coord: c.id, key: c.key, version: c.version, hint });
  } else ctx.send(target, { type: 'get-replica', coord: c.id, key: c.key });
}

/** A replica's ack or reply reached the coordinator. */
export function onAnswer(
  state: DynamoState,
  coord: number,
  from: NodeId,
  versions: Versions | null,
  ctx: Ctx,
): void {
  const c = state.coords[coord];
  if (!c || !Object.hasOwn(c.sentTo, from) || c.answered.includes(from)) return;
  c.answered.push(from);
  if (versions !== null) c.replies[from] = versions;
  progress(state, c, ctx);
}

/** The get's reconciled result so far. */
function merged(state: DynamoState, c: Coordination): Versions {
  let out: Versions = [];
  for (const node of c.answered) {
    out = reconcile(out, c.replies[node] ?? [], state.config.versioning);
  }
  return out;
}

function progress(state: DynamoState, c: Coordination, ctx: Ctx): void {
  const { n, r, w } = state.config;
  const needed = c.version ? w : r;
  if (!c.done && tally(c.answered.length, 0, needed, n) === 'won') {
    c.done = true;
    if (c.version) ctx.reply(c.req, { ok: true });
    else ctx.reply(c.req, { ok: true, value: clientValue(merged(state, c)) });
  }
  // Open until every copy answered: N stored copies of a put, every reply of a get (repair).
  const all = c.version
    ? c.answered.length >= n
    : c.answered.length >= Object.keys(c.sentTo).length;
  if (all) close(state, c, ctx);
}

function close(state: DynamoState, c: Coordination, ctx: Ctx): void {
  delete state.coords[c.id];
  ctx.cancelTimer(`${COORD_TIMER_PREFIX}${c.id}`);
  if (!c.version && state.config.readRepair) readRepair(state, c, ctx);
}

/** §5: replicas (not fallbacks) that answered older versions get the reconciled ones. */
function readRepair(state: DynamoState, c: Coordination, ctx: Ctx): void {
  const newest = merged(state, c);
  if (newest.length === 0) return;
  for (const node of c.answered) {
    if (c.sentTo[node] !== node) continue;
    if (sameVersions(c.replies[node] ?? [], newest, state.config.versioning)) continue;
    if (node === state.id) storeVersions(state, c.key, newest);
    else ctx.send(node, { type: 'repair', key: c.key, versions: newest });
  }
}

/** A coordination's timer: the sloppy quorum's next step, or the end of its time. */
export function onCoordTimer(state: DynamoState, id: number, ctx: Ctx): void {
  const c = state.coords[id];
  if (!c) return;
  const left = c.startedAt + COORDINATION_TIMEOUT - ctx.now();
  // Virtual times are rounded: a remainder below the clock's resolution is no time left.
  if (left < MIN_DELAY) {
    if (!c.done) ctx.reply(c.req, { ok: false, error: TIMEOUT_ERROR });
    c.done = true;
    close(state, c, ctx);
    return;
  }
  if (state.config.hintedHandoff) sloppyStep(state, c, ctx);
  if (!state.coords[id]) return;
  ctx.setTimer(`${COORD_TIMER_PREFIX}${id}`, Math.min(SLOPPY_TIMEOUT, left));
}

/**
 * §4.6: every preference-list owner that no answered copy stands for gets the next unused
 * server of the ring walk as its stand-in, which will hold the write with a hint.
 */
function sloppyStep(state: DynamoState, c: Coordination, ctx: Ctx): void {
  const n = state.config.n;
  for (const owner of c.walk.slice(0, n)) {
    const covered = c.answered.some((node) => c.sentTo[node] === owner);
    if (covered) continue;
    const next = c.walk.slice(n).find((node) => !Object.hasOwn(c.sentTo, node));
    // The walk is used up; a stand-in chosen above (the coordinator itself, say) may still
    // have completed the quorum, so the tally runs either way.
    if (next === undefined) break;
    sendCopy(state, c, next, owner, ctx);
  }
  progress(state, c, ctx);
}
