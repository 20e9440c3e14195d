/**
 * Messages in flight, drawn on a canvas every animation frame (issue 15: the frame budget).
 * Moving a few hundred SVG glyphs each frame cost a style, layout and paint pass of the whole
 * drawing; a canvas redraws them for a fraction of that, and where the browser allows it the
 * canvas worker draws them off the page's thread (messagePainter.ts). The canvas sits in a
 * foreignObject spanning the viewBox, so it lies under the servers and scales with the
 * drawing like the rest of it. Paused, the messages' SVG glyphs are in the DOM too, unpainted,
 * as the targets of clicks, of assistive technology and of exports (MessageLayer).
 */
import { useLayoutEffect, useRef } from 'react';
import type { MessageView } from '../../../worker/protocol';
import { useClock } from '../../store/clock';
import { messageStyle } from '../../protocols/common';
import type { MessageStyle, Palette } from '../../protocols/types';
import type { Layout } from './geometry';
import { SIZE } from './geometry';
import { acquirePainter, releasePainter } from './messagePainter';
import type { Painter } from './messagePainter';

interface Props {
  messages: MessageView[];
  layout: Layout;
  palette: Palette;
  selected: number | null;
}

/** The look of every class among `messages`, from the protocol's palette. */
function stylesOf(messages: MessageView[], palette: Palette): Record<string, MessageStyle> {
  const styles: Record<string, MessageStyle> = {};
  for (const m of messages) styles[m.cls] ??= messageStyle(palette, m.cls);
  return styles;
}

export function MessageCanvas({ messages, layout, palette, selected }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const painter = useRef<Painter | null>(null);
  /** The selection ring's colour, as the stylesheet gives it to the SVG ring. */
  const ink = useRef('#fff');
  // Reading layout or computed style on every snapshot forced a style and layout pass each
  // time: the size comes from a ResizeObserver, the colour once. A layout effect, so that the
  // painter exists before the scene's layout effect below first runs.
  useLayoutEffect(() => {
    const canvas = ref.current;
    const svg = canvas?.closest('svg');
    if (!canvas || !svg) return;
    ink.current = getComputedStyle(canvas).getPropertyValue('--strong').trim() || '#fff';
    const p = acquirePainter(canvas);
    painter.current = p;
    const resized = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]!.contentRect;
      // The SVG meets its box with the square viewBox: the drawing's side on screen.
      const side = Math.min(box.width, box.height);
      p.resize(Math.max(1, Math.round(side * (window.devicePixelRatio || 1))));
    });
    resized.observe(svg);
    const unsubscribe = useClock.subscribe((c) => p.time(c.time));
    return () => {
      unsubscribe();
      resized.disconnect();
      releasePainter(canvas);
      painter.current = null;
    };
  }, []);
  // In the commit, not after the paint: the scene and the frame's time go to the worker as
  // one message (messagePainter.ts).
  useLayoutEffect(() => {
    const scene = {
      messages,
      layout,
      styles: stylesOf(messages, palette),
      selected,
      ink: ink.current,
    };
    painter.current?.scene(scene, useClock.getState().time);
  }, [messages, layout, palette, selected]);
  return (
    <foreignObject x={0} y={0} width={SIZE} height={SIZE} className="msg-canvas">
      <canvas ref={ref} aria-hidden="true" />
    </foreignObject>
  );
}
