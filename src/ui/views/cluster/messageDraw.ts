/**
 * Drawing messages in flight on a 2D canvas, the same on the page and in the canvas worker
 * (messageCanvas.worker.ts): the SVG glyphs' shapes (MessageGlyph), one path per look.
 */
import type { MessageView } from '../../../worker/protocol';
import type { MessageStyle } from '../../protocols/types';
import type { Layout } from './geometry';
import { SIZE } from './geometry';
import { messagePoint } from './messagePlace';

/** What drawing needs of a message in flight. */
export type DrawnMessage = Pick<MessageView, 'id' | 'from' | 'to' | 'sentAt' | 'deliverAt' | 'cls'>;

/** Everything a frame needs but the time; it changes with snapshots, not frames. */
export interface MessageScene {
  messages: DrawnMessage[];
  layout: Layout;
  /** Each message class's look, resolved from the protocol's palette on the page. */
  styles: Record<string, MessageStyle>;
  selected: number | null;
  /** The selection ring's colour. */
  ink: string;
}

/** A 2D context as both the page's canvas and an OffscreenCanvas give it. */
type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** The glyph of `st` at (x, y) as one more subpath, in viewBox units; its stroke width. */
function addGlyph(ctx: Context2D, st: MessageStyle, x: number, y: number): number {
  const r = st.r;
  if (st.shape === 'circle') {
    // A subpath of its own: arc() would otherwise join it to the previous glyph.
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    return st.hollow ? 2 : 1.2;
  }
  if (st.shape === 'diamond') {
    const d = r * 1.25;
    ctx.moveTo(x, y - d);
    ctx.lineTo(x + d, y);
    ctx.lineTo(x, y + d);
    ctx.lineTo(x - d, y);
    ctx.closePath();
    return 1.6;
  }
  ctx.roundRect(x - r, y - r, 2 * r, 2 * r, 1.5);
  return st.hollow ? 2 : 1;
}

/**
 * Messages of one class, drawn as one path: a few hundred fills and strokes of one glyph
 * each cost more in software raster than one per look (issue 15).
 */
function drawClass(
  ctx: Context2D,
  st: MessageStyle,
  members: DrawnMessage[],
  layout: Layout,
  time: number,
): void {
  ctx.beginPath();
  let width = 1;
  for (const m of members) {
    const p = messagePoint(m, layout, time);
    width = addGlyph(ctx, st, p.x, p.y);
  }
  if (st.fill !== 'none' && st.fill !== 'transparent') {
    ctx.fillStyle = st.fill;
    ctx.fill();
  }
  if (st.stroke !== 'none') {
    ctx.lineWidth = width;
    ctx.strokeStyle = st.stroke;
    ctx.stroke();
  }
}

/** The scene's messages grouped by class, in order of first appearance. */
export function byClass(messages: DrawnMessage[]): Map<string, DrawnMessage[]> {
  const groups = new Map<string, DrawnMessage[]>();
  for (const m of messages) {
    const g = groups.get(m.cls);
    if (g) g.push(m);
    else groups.set(m.cls, [m]);
  }
  return groups;
}

/**
 * Draws the scene at `time` on a square canvas of `px` pixels a side (the viewBox scaled to
 * it). `groups` is byClass(scene.messages), computed once per scene.
 */
export function drawMessages(
  ctx: Context2D,
  px: number,
  scene: MessageScene,
  groups: Map<string, DrawnMessage[]>,
  time: number,
): void {
  const k = px / SIZE;
  ctx.setTransform(k, 0, 0, k, 0, 0);
  ctx.clearRect(0, 0, SIZE, SIZE);
  for (const [cls, members] of groups) {
    const st = scene.styles[cls];
    if (st) drawClass(ctx, st, members, scene.layout, time);
  }
  const chosen = scene.messages.find((m) => m.id === scene.selected);
  const st = chosen ? scene.styles[chosen.cls] : undefined;
  if (chosen && st) {
    const p = messagePoint(chosen, scene.layout, time);
    ctx.beginPath();
    ctx.arc(p.x, p.y, st.r + 5, 0, 2 * Math.PI);
    ctx.lineWidth = 2;
    ctx.strokeStyle = scene.ink;
    ctx.stroke();
  }
}

/** Messages packed for the canvas worker: numbers in one transferable array, names once. */
export interface PackedMessages {
  /** Endpoint ids and class names the numbers index. */
  names: string[];
  /** Per message: id, from, to (name indexes), sentAt, deliverAt, class (name index). */
  data: Float64Array;
}

const FIELDS = 6;

export function packMessages(messages: readonly DrawnMessage[]): PackedMessages {
  const names: string[] = [];
  const index = new Map<string, number>();
  const name = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = names.length;
      names.push(s);
      index.set(s, i);
    }
    return i;
  };
  const data = new Float64Array(messages.length * FIELDS);
  messages.forEach((m, k) => {
    data.set([m.id, name(m.from), name(m.to), m.sentAt, m.deliverAt, name(m.cls)], k * FIELDS);
  });
  return { names, data };
}

export function unpackMessages(p: PackedMessages): DrawnMessage[] {
  const out: DrawnMessage[] = [];
  const d = p.data;
  for (let k = 0; k + FIELDS <= d.length; k += FIELDS) {
    out.push({
      id: d[k]!,
      from: p.names[d[k + 1]!]!,
      to: p.names[d[k + 2]!]!,
      sentAt: d[k + 3]!,
      deliverAt: d[k + 4]!,
      cls: p.names[d[k + 5]!]!,
    });
  }
  return out;
}

/**
 * A canvas showing a scene at a time: redraws when either changes (or the canvas is resized),
 * and leaves an empty canvas alone. The same on the page and in the canvas worker.
 */
export class MessageSurface {
  private scene: MessageScene | null = null;
  private groups = new Map<string, DrawnMessage[]>();
  private time = 0;
  /** The canvas holds no glyphs: an empty scene need not be cleared again. */
  private blank = true;

  constructor(
    private readonly canvas: { width: number; height: number },
    private readonly ctx: Context2D,
  ) {}

  /** A square canvas of `px` pixels a side (resizing clears it). */
  resize(px: number): void {
    if (this.canvas.width === px && this.canvas.height === px) return;
    this.canvas.width = px;
    this.canvas.height = px;
    this.blank = true;
    this.draw();
  }

  setScene(scene: MessageScene, time: number): void {
    this.scene = scene;
    this.groups = byClass(scene.messages);
    this.time = time;
    this.draw();
  }

  setTime(time: number): void {
    if (time === this.time) return;
    this.time = time;
    this.draw();
  }

  private draw(): void {
    const s = this.scene;
    if (!s || (s.messages.length === 0 && this.blank)) return;
    drawMessages(this.ctx, this.canvas.width, s, this.groups, this.time);
    this.blank = s.messages.length === 0;
  }
}
