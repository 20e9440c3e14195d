/**
 * A horizontal d3 brush in a `<g>` that d3 owns: a drag reports the range it covered (in px),
 * a click without a drag reports where it landed. Handlers may change every render.
 */
import { brushX } from 'd3-brush';
import type { D3BrushEvent } from 'd3-brush';
import { pointer, select } from 'd3-selection';
import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

export interface BrushHandlers {
  /** A drag over at least MIN_DRAG px, from a to b. */
  onRange(a: number, b: number): void;
  onClick(px: number, py: number): void;
}

const MIN_DRAG = 3;

export function useBrushX(
  ref: RefObject<SVGGElement | null>,
  extent: { x0: number; y0: number; x1: number; y1: number },
  handlers: BrushHandlers,
): void {
  // d3 holds on to the listener: it reads the newest handlers through this ref.
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  const { x0, y0, x1, y1 } = extent;
  useEffect(() => {
    const g = ref.current;
    if (!g) return;
    const brush = brushX<unknown>()
      .extent([
        [x0, y0],
        [x1, y1],
      ])
      .on('end', (event: D3BrushEvent<unknown>) => {
        const source = event.sourceEvent as MouseEvent | undefined;
        if (!source) return; // our own brush.move below
        if (event.selection) {
          const [a, b] = event.selection as [number, number];
          if (b - a > MIN_DRAG) latest.current.onRange(a, b);
          select(g).call(brush.move, null);
          return;
        }
        const [px, py] = pointer(source, g);
        latest.current.onClick(px, py);
      });
    select(g).call(brush);
    return () => {
      select(g).on('.brush', null);
    };
  }, [ref, x0, y0, x1, y1]);
}
