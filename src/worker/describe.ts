/**
 * Trace entries in words, for the "what just happened" list (and later the event log).
 * Consecutive sends of one event from one node are folded into one line.
 */
import type { Action, TraceEntry } from '../engine/types';
import type { TraceLine } from './protocol';

export function describeEntry(e: TraceEntry): string {
  const d = e.detail ?? '';
  switch (e.kind) {
    case 'send':
      return `${e.from} sent ${e.msgKind} to ${e.to}`;
    case 'deliver':
      return `${e.to} received ${e.msgKind} from ${e.from}`;
    case 'drop':
      return `${e.msgKind} ${e.from}→${e.to} dropped (${d})`;
    case 'timer':
      return `${e.node}: ${d} timer fired`;
    case 'crash':
      return `${e.node} crashed`;
    case 'restart':
      return `${e.node} restarted`;
    case 'pause':
      return `${e.node} paused ${d}`;
    case 'resume':
      return `${e.node} resumed (${d})`;
    case 'timeout':
      return `${e.node}: election timeout forced`;
    case 'role':
      return `${e.node} became ${d}`;
    case 'note':
      return `${e.node}: ${d}`;
    case 'violation':
      return `VIOLATION ${d}`;
    case 'client-invoke':
      return `client invokes ${d}`;
    case 'client-send':
      return `client sends ${d}`;
    case 'client-reply':
      return `client got ${d}`;
    case 'client-give-up':
      return `client gave up on ${d}`;
    case 'workload':
      return `workload ${d}`;
    case 'end':
      return 'end of run';
    default:
      return d || e.kind;
  }
}

/** The last `max` lines of the trace, sends of one event from one node folded together. */
export function traceTail(trace: readonly TraceEntry[], max: number): TraceLine[] {
  const out: TraceLine[] = [];
  let i = trace.length - 1;
  while (i >= 0 && out.length < max) {
    const e = trace[i]!;
    if (e.kind === 'send') {
      // Walk back over the run of sends of the same event, node and kind.
      const targets: string[] = [];
      let j = i;
      while (j >= 0) {
        const s = trace[j]!;
        if (s.kind !== 'send' || s.id !== e.id || s.from !== e.from || s.msgKind !== e.msgKind)
          break;
        targets.push(s.to ?? '?');
        j--;
      }
      targets.reverse();
      out.push({
        id: e.id,
        time: e.time,
        kind: 'send',
        text: `${e.from} sent ${e.msgKind} to ${targets.join(', ')}`,
      });
      i = j;
      continue;
    }
    out.push({ id: e.id, time: e.time, kind: e.kind, text: describeEntry(e) });
    i--;
  }
  return out.reverse();
}

/** A scripted or user action in words ("crash the leader", "partition S1,S2 | S3,S4,S5"). */
export function describeAction(a: Action): string {
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
      return `partition ${a.groups.map((g) => g.map(who).join(', ')).join(' | ')} | the rest`;
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
  }
}
