/**
 * Messages in flight, sent as a change from the last snapshot (issue 15): most of a busy
 * cluster's hundreds of messages are still in flight one frame later, and cloning all of them
 * sixty times a second was most of each snapshot's size and of the page's time reading it.
 * The worker sends the new ones and the ids of the gone ones; the page keeps the list. Every
 * snapshot is applied to the list in order, shown or not, so the two ends always agree; when
 * the change would not reproduce the worker's list exactly (order, a changed message), the
 * whole list goes instead.
 */
import type { MessageView } from './protocol';

export interface MessageDelta {
  /** The whole list (then `gone` is empty), or the messages new since the last snapshot. */
  full: boolean;
  added: MessageView[];
  /** Ids of messages of the last snapshot that are no longer in flight. */
  gone: number[];
}

function same(a: MessageView, b: MessageView): boolean {
  for (const k of Object.keys(a) as (keyof MessageView)[]) if (a[k] !== b[k]) return false;
  return Object.keys(a).length === Object.keys(b).length;
}

/** The page's rule: the old list without the gone ones, then the new ones. */
export function applyMessageDelta(prev: readonly MessageView[], d: MessageDelta): MessageView[] {
  if (d.full) return d.added;
  const gone = new Set(d.gone);
  const kept = gone.size === 0 ? prev.slice() : prev.filter((m) => !gone.has(m.id));
  for (const m of d.added) kept.push(m);
  return kept;
}

/** The worker's end: remembers what the page holds. */
export class MessageDeltaEncoder {
  private last: MessageView[] = [];

  /** The change from the last list to `now`; `reset` (a new run) sends it whole. */
  encode(now: MessageView[], reset = false): MessageDelta {
    const before = this.last;
    this.last = now;
    if (reset || before.length === 0) return { full: true, added: now, gone: [] };
    const byId = new Map<number, MessageView>();
    for (const m of now) byId.set(m.id, m);
    const gone: number[] = [];
    const kept: MessageView[] = [];
    for (const m of before) {
      const still = byId.get(m.id);
      if (still === undefined) gone.push(m.id);
      else if (!same(m, still)) return { full: true, added: now, gone: [] };
      else kept.push(m);
    }
    // The page appends the new ones after the kept ones: that must be the worker's order.
    for (let i = 0; i < kept.length; i++) {
      if (now[i]!.id !== kept[i]!.id) return { full: true, added: now, gone: [] };
    }
    const added = now.slice(kept.length);
    // Sending it whole is no dearer: nothing of the old list is kept.
    if (kept.length === 0) return { full: true, added: now, gone: [] };
    return { full: false, added, gone };
  }
}
