/**
 * Fault periods derived from the trace, for shading charts and diagrams (as Jepsen's perf
 * plots shade nemesis activity): partitions and cut links, crashed and paused nodes, and
 * intervals with no leader.
 */
import type { TraceEntry } from '../types';

export type FaultKind = 'partition' | 'link' | 'crash' | 'pause' | 'no-leader';

export interface FaultPeriod {
  kind: FaultKind;
  start: number;
  /** End time; for a period still open at the end of the trace, the given end time. */
  end: number;
  /** True when the period had not ended by the end of the trace. */
  open: boolean;
  /** Crashed/paused node, or the link's source. */
  node?: string;
  /** The link's destination, for 'link'. */
  to?: string;
  /** Event ids that opened and closed it. */
  startEvent: number;
  endEvent: number | null;
  label: string;
}

export interface FaultOptions {
  /** End of the run, for periods still open; defaults to the last trace time. */
  endTime?: number;
}

/**
 * Walks the trace once. A partition replaces every link's state, so it closes open
 * partition and link periods; heal closes them all. No-leader intervals are only computed
 * for protocols that ever elect a leader (so leaderless protocols are not shaded
 * throughout) and run from time 0 until the first leader.
 */
export function computeFaults(
  trace: readonly TraceEntry[],
  options: FaultOptions = {},
): FaultPeriod[] {
  const last = trace.length > 0 ? trace[trace.length - 1]!.time : 0;
  const endTime = Math.max(options.endTime ?? last, last);
  const out: FaultPeriod[] = [];
  let partition: FaultPeriod | null = null;
  const links = new Map<string, FaultPeriod>();
  const crashed = new Map<string, FaultPeriod>();
  const paused = new Map<string, FaultPeriod>();
  const close = (p: FaultPeriod, e: TraceEntry) => {
    p.end = e.time;
    p.open = false;
    p.endEvent = e.id;
    out.push(p);
  };
  const open = (
    kind: FaultKind,
    e: TraceEntry,
    label: string,
    node?: string,
    to?: string,
  ): FaultPeriod => {
    const p: FaultPeriod = {
      kind,
      start: e.time,
      end: endTime,
      open: true,
      startEvent: e.id,
      endEvent: null,
      label,
    };
    if (node !== undefined) p.node = node;
    if (to !== undefined) p.to = to;
    return p;
  };

  const hasLeaders = trace.some((e) => e.kind === 'role' && e.leads === true);
  const leaders = new Set<string>();
  let noLeader: FaultPeriod | null = hasLeaders
    ? {
        kind: 'no-leader',
        start: 0,
        end: endTime,
        open: true,
        startEvent: 0,
        endEvent: null,
        label: 'no leader',
      }
    : null;
  const leaderLost = (e: TraceEntry, node: string) => {
    if (!leaders.delete(node) || leaders.size > 0 || noLeader) return;
    noLeader = open('no-leader', e, `no leader (${node} lost leadership)`);
  };

  for (const e of trace) {
    switch (e.kind) {
      case 'partition':
        if (partition) close(partition, e);
        for (const p of links.values()) close(p, e);
        links.clear();
        partition = open('partition', e, e.detail ?? 'partition');
        break;
      case 'cut':
      case 'link': {
        if (e.from === undefined || e.to === undefined) break;
        const key = `${e.from}>${e.to}`;
        const down = e.kind === 'cut' || / down$/.test(e.detail ?? '');
        const current = links.get(key);
        if (down && !current) {
          links.set(key, open('link', e, `link ${e.from}→${e.to} down`, e.from, e.to));
        } else if (!down && current) {
          close(current, e);
          links.delete(key);
        }
        break;
      }
      case 'heal':
        if (partition) close(partition, e);
        partition = null;
        for (const p of links.values()) close(p, e);
        links.clear();
        break;
      case 'crash':
        if (e.node === undefined) break;
        if (!crashed.has(e.node)) crashed.set(e.node, open('crash', e, `${e.node} down`, e.node));
        {
          const p = paused.get(e.node);
          if (p) {
            close(p, e);
            paused.delete(e.node);
          }
        }
        leaderLost(e, e.node);
        break;
      case 'restart': {
        if (e.node === undefined) break;
        const p = crashed.get(e.node);
        if (p) {
          close(p, e);
          crashed.delete(e.node);
        }
        break;
      }
      case 'pause':
        if (e.node !== undefined && !paused.has(e.node))
          paused.set(e.node, open('pause', e, `${e.node} paused`, e.node));
        break;
      case 'resume': {
        if (e.node === undefined) break;
        const p = paused.get(e.node);
        if (p) {
          close(p, e);
          paused.delete(e.node);
        }
        break;
      }
      case 'role': {
        if (!hasLeaders || e.node === undefined) break;
        if (e.leads) {
          leaders.add(e.node);
          if (noLeader) {
            close(noLeader, e);
            noLeader = null;
          }
        } else {
          leaderLost(e, e.node);
        }
        break;
      }
      default:
        break;
    }
  }
  const stillOpen: (FaultPeriod | null)[] = [
    partition,
    noLeader,
    ...links.values(),
    ...crashed.values(),
    ...paused.values(),
  ];
  for (const p of stillOpen) if (p) out.push(p);
  out.sort((a, b) => a.start - b.start || a.startEvent - b.startEvent);
  return out;
}
