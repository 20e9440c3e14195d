/**
 * Pure model behind the space-time diagram: every message's life (send → deliver or drop)
 * indexed from the trace, and a bounded window query.
 */
import { bisector } from 'd3-array';
import type { TraceEntry } from '../../engine/types';

export interface MessageSpan {
  msg: number;
  kind: string | undefined;
  from: string;
  to: string;
  sentAt: number;
  /** Delivery or drop time; for a message still in flight at the end, its planned arrival. */
  end: number;
  outcome: 'delivered' | 'dropped' | 'in-flight';
  /** Dropped as it was sent (lost, link down): there is no flight to draw. */
  droppedAtSend: boolean;
  sendEvent: number;
  endEvent: number | null;
  reason?: string;
}

export interface MessageIndex {
  /** Sorted by sentAt, then message id. */
  spans: MessageSpan[];
  /** Longest flight, so a window query knows how far back to look. */
  maxDuration: number;
}

export function indexMessages(trace: readonly TraceEntry[]): MessageIndex {
  const byMsg = new Map<number, MessageSpan>();
  const spans: MessageSpan[] = [];
  for (const e of trace) {
    if (e.msg === undefined || e.from === undefined || e.to === undefined) continue;
    if (e.kind === 'send') {
      const span: MessageSpan = {
        msg: e.msg,
        kind: e.msgKind,
        from: e.from,
        to: e.to,
        sentAt: e.time,
        end: e.deliverAt ?? e.time,
        outcome: 'in-flight',
        droppedAtSend: false,
        sendEvent: e.id,
        endEvent: null,
      };
      byMsg.set(e.msg, span);
      spans.push(span);
    } else if (e.kind === 'deliver' || e.kind === 'drop') {
      const span = byMsg.get(e.msg);
      if (span && span.outcome === 'in-flight') {
        span.end = e.time;
        span.outcome = e.kind === 'deliver' ? 'delivered' : 'dropped';
        span.endEvent = e.id;
        if (e.detail !== undefined) span.reason = e.detail;
      } else if (!span && e.kind === 'drop') {
        const dropped: MessageSpan = {
          msg: e.msg,
          kind: e.msgKind,
          from: e.from,
          to: e.to,
          sentAt: e.time,
          end: e.time,
          outcome: 'dropped',
          droppedAtSend: true,
          sendEvent: e.id,
          endEvent: e.id,
        };
        if (e.detail !== undefined) dropped.reason = e.detail;
        byMsg.set(e.msg, dropped);
        spans.push(dropped);
      }
    }
  }
  spans.sort((a, b) => a.sentAt - b.sentAt || a.msg - b.msg);
  let maxDuration = 0;
  for (const s of spans) maxDuration = Math.max(maxDuration, s.end - s.sentAt);
  return { spans, maxDuration };
}

const bySentAt = bisector((s: MessageSpan) => s.sentAt);

/**
 * Messages whose flight overlaps [t0, t1], at most `cap` of them: when there are more,
 * the ones sent closest to `focus` win (so the cursor's surroundings are always drawn).
 * Returns them sorted by sentAt, and how many overlapped in all.
 */
export function messagesInWindow(
  index: MessageIndex,
  t0: number,
  t1: number,
  cap: number,
  focus: number,
): { spans: MessageSpan[]; total: number } {
  const { spans, maxDuration } = index;
  const hits: MessageSpan[] = [];
  for (let i = bySentAt.left(spans, t0 - maxDuration); i < spans.length; i++) {
    const s = spans[i]!;
    if (s.sentAt > t1) break;
    if (s.end >= t0) hits.push(s);
  }
  if (hits.length <= cap) return { spans: hits, total: hits.length };
  const kept = [...hits]
    .sort((a, b) => Math.abs(a.sentAt - focus) - Math.abs(b.sentAt - focus))
    .slice(0, cap)
    .sort((a, b) => a.sentAt - b.sentAt || a.msg - b.msg);
  return { spans: kept, total: hits.length };
}
