/** A d3 axis drawn into a `<g>` that d3 owns, redrawn when its scale or ticks change. */
import { axisBottom, axisLeft } from 'd3-axis';
import type { AxisScale } from 'd3-axis';
import type { NumberValue } from 'd3-scale';
import { select } from 'd3-selection';
import { useEffect } from 'react';
import type { RefObject } from 'react';
import { fmtMs } from '../format';

export interface AxisSpec {
  orient: 'bottom' | 'left';
  ticks: number;
  /** d3-format specifier for the ticks ("~g"). */
  specifier?: string;
  /** Tick labels (keep the function stable: it is a dependency). */
  format?: (d: NumberValue) => string;
}

export function useAxis(
  ref: RefObject<SVGGElement | null>,
  scale: AxisScale<NumberValue>,
  { orient, ticks, specifier, format }: AxisSpec,
): void {
  useEffect(() => {
    if (!ref.current) return;
    const axis = (orient === 'left' ? axisLeft : axisBottom)(scale).tickSizeOuter(0);
    if (specifier === undefined) axis.ticks(ticks);
    else axis.ticks(ticks, specifier);
    if (format) axis.tickFormat(format);
    select(ref.current).call(axis);
  }, [ref, scale, orient, ticks, specifier, format]);
}

/** Tick labels in milliseconds, the lab's way. */
export const msTick = (d: NumberValue): string => fmtMs(Number(d));
/** No tick labels (an axis whose labels another axis below shows). */
export const noTick = (): string => '';
