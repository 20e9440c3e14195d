/**
 * Messages in flight, drawn on a canvas every animation frame (issue 15: the frame budget).
 * Moving a few hundred SVG glyphs each frame cost a style, layout and paint pass of the whole
 * drawing; a canvas redraws them for a fraction of that. The canvas sits in a foreignObject
 * spanning the viewBox, so it lies under the servers and scales with the drawing like the
 * rest of it. The SVG glyphs stay in the DOM, unpainted and placed at each snapshot, as the
 * targets of clicks, of assistive technology and of exports (MessageLayer).
 */
import { useEffect, useRef } from 'react';
import type { MessageView } from '../../../worker/protocol';
import { useClock } from '../../store/clock';
import { messageStyle } from '../../protocols/common';
import type { MessageStyle, Palette } from '../../protocols/types';
import type { Layout } from './geometry';
import { SIZE } from './geometry';
import { messagePoint } from './messagePlace';

interface Props {
  messages: MessageView[];
  layout: Layout;
  palette: Palette;
  selected: number | null;
}

/** The SVG glyphs' shapes (MessageGlyph) as one more subpath, in viewBox units; its stroke width. */
function addGlyph(ctx: CanvasRenderingContext2D, st: MessageStyle, x: number, y: number): number {
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

/** Messages that look alike, drawn as one path: one fill and one stroke for all of them. */
interface Group {
  style: MessageStyle;
  members: MessageView[];
}

/**
 * Groups by class, in order of first appearance. A few hundred fills and strokes of one
 * glyph each cost more in software raster than a path per look (issue 15).
 */
function groupByLook(messages: MessageView[], palette: Palette): Group[] {
  const groups = new Map<string, Group>();
  for (const m of messages) {
    let g = groups.get(m.cls);
    if (!g) groups.set(m.cls, (g = { style: messageStyle(palette, m.cls), members: [] }));
    g.members.push(m);
  }
  return [...groups.values()];
}

function drawGroup(ctx: CanvasRenderingContext2D, g: Group, layout: Layout, time: number): void {
  ctx.beginPath();
  let width = 1;
  for (const m of g.members) {
    const p = messagePoint(m, layout, time);
    width = addGlyph(ctx, g.style, p.x, p.y);
  }
  const st = g.style;
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

/** What drawing needs of the page, read once or when the box changes, never per frame. */
interface Surface {
  /** The drawing's side on screen in CSS px (the SVG meets its box with the square viewBox). */
  side: number;
  /** The selection ring's colour, as the stylesheet gives it to the SVG ring. */
  ink: string;
  /** Draws the last frame again (after a resize). */
  redraw: () => void;
}

export function MessageCanvas({ messages, layout, palette, selected }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const surface = useRef<Surface>({ side: SIZE, ink: '#fff', redraw: () => {} });
  // Reading layout or computed style on every snapshot forced a style and layout pass each
  // time: the size comes from a ResizeObserver, the colour once.
  useEffect(() => {
    const canvas = ref.current;
    const svg = canvas?.closest('svg');
    if (!canvas || !svg) return;
    surface.current.ink = getComputedStyle(canvas).getPropertyValue('--strong').trim() || '#fff';
    const resized = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]!.contentRect;
      surface.current.side = Math.min(box.width, box.height);
      surface.current.redraw();
    });
    resized.observe(svg);
    return () => resized.disconnect();
  }, []);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const groups = groupByLook(messages, palette);
    const chosen = messages.find((m) => m.id === selected);
    const s = surface.current;
    let last = useClock.getState().time;
    let blank = false;
    const draw = (time: number) => {
      last = time;
      const want = Math.max(1, Math.round(s.side * (window.devicePixelRatio || 1)));
      if (want !== canvas.width) {
        canvas.width = want;
        canvas.height = want;
        blank = true;
      }
      // Nothing in flight: clear once, then leave the canvas alone (no repaint per frame).
      if (messages.length === 0 && blank) return;
      const k = want / SIZE;
      ctx.setTransform(k, 0, 0, k, 0, 0);
      ctx.clearRect(0, 0, SIZE, SIZE);
      blank = messages.length === 0;
      for (const g of groups) drawGroup(ctx, g, layout, time);
      if (chosen) {
        const p = messagePoint(chosen, layout, time);
        ctx.beginPath();
        ctx.arc(p.x, p.y, messageStyle(palette, chosen.cls).r + 5, 0, 2 * Math.PI);
        ctx.lineWidth = 2;
        ctx.strokeStyle = s.ink;
        ctx.stroke();
      }
    };
    s.redraw = () => draw(last);
    draw(last);
    return useClock.subscribe((c) => draw(c.time));
  }, [messages, layout, palette, selected]);
  return (
    <foreignObject x={0} y={0} width={SIZE} height={SIZE} className="msg-canvas">
      <canvas ref={ref} aria-hidden="true" />
    </foreignObject>
  );
}
