/**
 * Sentences for people from trace entries. The trace stays cheap to record; the event log,
 * tooltips and exports derive their text here.
 */
import type { TraceRead } from '../history/traceLog';
import type { Action, TraceEntry } from '../types';

/** "1234.5 ms": virtual times to at most one decimal, without trailing ".0". */
export function formatMs(t: number): string {
  const rounded = Math.round(t * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} ms`;
}

const msgName = (e: TraceEntry): string =>
  `${e.msgKind ?? 'message'}${e.msg === undefined ? '' : ` #${e.msg}`}`;

/** One human sentence for a trace entry, e.g. "S1 sends AppendEntries #12 to S2". */
export function describeTrace(e: TraceEntry): string {
  const node = e.node ?? '?';
  const detail = e.detail ?? '';
  switch (e.kind) {
    case 'send':
      return `${e.from} sends ${msgName(e)} to ${e.to}${
        e.deliverAt === undefined ? '' : `, arriving at ${formatMs(e.deliverAt)}`
      }`;
    case 'deliver':
      return `${e.to} receives ${msgName(e)} from ${e.from}`;
    case 'drop':
      return `${msgName(e)} from ${e.from} to ${e.to} is dropped${detail ? `: ${detail}` : ''}`;
    case 'timer':
      return `${node}: ${detail || 'a'} timer fires`;
    case 'crash':
      return `${node} crashes`;
    case 'restart':
      return `${node} restarts`;
    case 'pause':
      return `${node} pauses${detail.startsWith('until ') ? ` until ${formatMs(Number(detail.slice(6)))}` : ''}`;
    case 'resume':
      return `${node} resumes${detail ? ` (${detail})` : ''}`;
    case 'timeout':
      return `${node} is forced to time out`;
    case 'partition':
      return `Network partitioned: ${detail.replace(/^partition /, '')}`;
    case 'cut':
      return `Link ${e.from}→${e.to} is cut`;
    case 'link':
      return `Link ${detail || `${e.from}→${e.to}`}`;
    case 'heal':
      return 'Network healed: every link is up';
    case 'noop':
      return `No effect: ${detail}`;
    case 'skip':
      return `Skipped: ${detail}`;
    case 'client-invoke':
      return `Client ${node} invokes ${detail}`;
    case 'client-send':
      return `Client ${node} sends ${detail}`;
    case 'client-reply':
      return `Client ${node} completes ${detail}`;
    case 'client-give-up':
      return `Client ${node} gives up on ${detail}`;
    case 'role': {
      return `${node} becomes ${e.role}${e.detail === undefined ? '' : ` in ${e.detail}`}`;
    }
    case 'note':
      return `${node}: ${detail}`;
    case 'violation':
      return `Invariant violated: ${detail}`;
    case 'workload':
      return `Workload ${detail}`;
    case 'speed':
      return `${node} works at speed ${detail}`;
    case 'join':
      return `${node} joins the cluster${detail ? ` (${detail})` : ''}`;
    case 'end':
      // Written when a run is stopped before its end (a zero-time loop, the lab's budget).
      return detail ? `The run stopped: ${detail}` : 'End of the run';
  }
}

/** The nodes an entry involves (for filtering by node). */
export function entryNodes(e: TraceEntry): string[] {
  const out: string[] = [];
  if (e.node !== undefined) out.push(e.node);
  if (e.from !== undefined && e.from !== e.node) out.push(e.from);
  if (e.to !== undefined && e.to !== e.node && e.to !== e.from) out.push(e.to);
  return out;
}

/** A trace line for people: one event (or a fold of sends) in words. */
export interface TraceLine {
  id: number;
  time: number;
  kind: string;
  text: string;
}

/**
 * The last `max` lines of `trace[0 … end)`, newest last: the sends of one event from one
 * node with one message kind are folded into one line ("S1 sends AppendEntries to S2, S3").
 */
export function traceTail(trace: TraceRead, max: number, end: number = trace.length): TraceLine[] {
  const out: TraceLine[] = [];
  let i = Math.min(end, trace.length) - 1;
  while (i >= 0 && out.length < max) {
    const e = trace.at(i)!;
    if (e.kind === 'send') {
      const targets: string[] = [];
      let j = i;
      while (j >= 0) {
        const s = trace.at(j)!;
        if (s.kind !== 'send' || s.id !== e.id || s.from !== e.from || s.msgKind !== e.msgKind)
          break;
        targets.push(s.to ?? '?');
        j--;
      }
      if (targets.length === 1) {
        out.push({ id: e.id, time: e.time, kind: 'send', text: describeTrace(e) });
      } else {
        targets.reverse();
        out.push({
          id: e.id,
          time: e.time,
          kind: 'send',
          text: `${e.from} sends ${e.msgKind ?? 'message'} to ${targets.join(', ')}`,
        });
      }
      i = j;
      continue;
    }
    out.push({ id: e.id, time: e.time, kind: e.kind, text: describeTrace(e) });
    i--;
  }
  return out.reverse();
}

/**
 * A partition's groups in words. Servers a partition does not name form one more group
 * together: with the cluster's `nodes` known, that group is named too ("S1, S2 | S3, S4, S5")
 * and left out when it is empty. Without them it is never guessed at: a single group is
 * "isolated from the other servers", several are listed as given.
 */
function describePartition(groups: string[][], nodes?: readonly string[]): string {
  const who = (n: string) => (n === 'leader' ? 'the leader' : n);
  const named = groups.map((g) => g.map(who).join(', '));
  if (nodes === undefined) {
    return groups.length === 1
      ? `isolate ${named[0]} from the other servers`
      : `partition ${named.join(' | ')}`;
  }
  const listed = new Set(groups.flat());
  const rest = nodes.filter((n) => !listed.has(n));
  if (rest.length === 0) return `partition ${named.join(' | ')}`;
  // "leader" is one of the servers not otherwise named, or one already named: the rest may
  // lose it, so it is described rather than listed.
  const others = listed.has('leader')
    ? rest.length === 1
      ? `${rest[0]} unless it leads`
      : 'the other servers'
    : rest.join(', ');
  return `partition ${[...named, others].join(' | ')}`;
}

/**
 * A scripted or user action in words ("crash the leader", "partition S1, S2 | S3, S4, S5").
 * `nodes` (the cluster's server ids) lets a partition name every group it makes.
 */
export function describeAction(a: Action, nodes?: readonly string[]): string {
  const who = (n: string) => (n === 'leader' ? 'the leader' : n);
  switch (a.type) {
    case 'crash':
      return `crash ${who(a.node)}`;
    case 'restart':
      return `restart ${who(a.node)}`;
    case 'pause':
      return `pause ${who(a.node)} for ${a.duration} ms`;
    case 'timeout':
      return `force an election timeout on ${who(a.node)}`;
    case 'partition':
      return describePartition(a.groups, nodes);
    case 'cut':
      return `cut ${who(a.from)} → ${who(a.to)}`;
    case 'link':
      return `${a.up ? 'restore' : 'cut'} ${who(a.from)} → ${who(a.to)}`;
    case 'heal':
      return 'heal every link';
    case 'request':
      return a.op.type === 'put'
        ? `put ${a.op.key}=${a.op.value} to ${who(a.node)}`
        : `get ${a.op.key} from ${who(a.node)}`;
    case 'drop':
      return `drop message ${a.message}`;
    case 'workload':
      return `workload ${a.enabled ? 'on' : 'off'}${a.rate === undefined ? '' : ` at ${a.rate}/s`}`;
    case 'speed':
      return `${who(a.node)} works at speed ×${a.factor}`;
    case 'transfer':
      return `transfer leadership to ${a.to}`;
    case 'add-server':
      return 'add a server';
    case 'remove-server':
      return `remove ${who(a.node)} from the cluster`;
  }
}
