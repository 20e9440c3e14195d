/**
 * Where a message in flight is drawn at virtual time `time`: a fraction of the way along its
 * link, from sentAt to deliverAt, in its direction's lane, so that a request and its reply
 * never hide each other. Shared by the canvas that animates messages and the SVG targets.
 */
import type { MessageView } from '../../../worker/protocol';
import type { Layout, Point } from './geometry';
import { endpoint } from './geometry';

const LANE = 5;

/** What placing a message needs of it. */
export type Placed = Pick<MessageView, 'from' | 'to' | 'sentAt' | 'deliverAt'>;

export function messagePoint(m: Placed, layout: Layout, time: number): Point {
  const a = endpoint(layout, m.from);
  const b = endpoint(layout, m.to);
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  // Client traffic starts at the hub's rim; server traffic at the server's rim.
  const r = layout.nodeR;
  const ra = layout.pos.has(m.from) ? r + 4 : 14;
  const rb = layout.pos.has(m.to) ? r + 4 : 14;
  const span = Math.max(1, len - ra - rb);
  const dur = m.deliverAt - m.sentAt;
  const f = dur <= 0 ? 1 : Math.max(0, Math.min(1, (time - m.sentAt) / dur));
  return {
    x: a.x + ux * (ra + span * f) - uy * LANE,
    y: a.y + uy * (ra + span * f) + ux * LANE,
  };
}

/** How near (viewBox units) a click must land to a message's centre to pick it. */
export const MESSAGE_HIT_R = 10;

/** The message drawn nearest to `p` at `time`, within MESSAGE_HIT_R, or null. */
export function messageAt(
  messages: readonly MessageView[],
  layout: Layout,
  p: Point,
  time: number,
): number | null {
  let best: number | null = null;
  let bestD = MESSAGE_HIT_R;
  for (const m of messages) {
    const q = messagePoint(m, layout, time);
    const d = Math.hypot(q.x - p.x, q.y - p.y);
    if (d <= bestD) {
      bestD = d;
      best = m.id;
    }
  }
  return best;
}
