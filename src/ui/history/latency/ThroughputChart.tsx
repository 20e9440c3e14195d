/** Ok operations per second under the latency chart, on the same time axis; click to seek. */
import { scaleLinear } from 'd3-scale';
import { area, curveStepAfter } from 'd3-shape';
import { useMemo, useRef } from 'react';
import { throughput } from '../../../engine/analysis/latency';
import type { ThroughputBin } from '../../../engine/analysis/latency';
import type { FaultPeriod } from '../../../engine/analysis/faults';
import type { ClientOpRecord } from '../../../engine/types';
import { FaultBands } from '../FaultBands';
import { msTick, useAxis } from '../useAxis';
import { M } from './points';
import type { X } from './points';

const TP_HEIGHT = 100;
const TOP = 8;

interface Props {
  ops: readonly ClientOpRecord[];
  faults: readonly FaultPeriod[];
  end: number;
  x: X;
  width: number;
  cursorTime: number;
  onSeek(time: number): void;
}

export function ThroughputChart({ ops, faults, end, x, width, cursorTime, onSeek }: Props) {
  const axisRef = useRef<SVGGElement>(null);
  const yAxisRef = useRef<SVGGElement>(null);
  const [d0, d1] = x.domain() as [number, number];
  const bins: ThroughputBin[] = useMemo(() => {
    const binMs = Math.max(1, (d1 - d0) / 80);
    return throughput(ops, end, binMs).filter((b) => b.end >= d0 && b.start <= d1);
  }, [ops, end, d0, d1]);
  const y = useMemo(() => {
    const max = Math.max(1, ...bins.map((b) => b.rate));
    return scaleLinear()
      .domain([0, max])
      .nice()
      .range([TP_HEIGHT - M.bottom, TOP]);
  }, [bins]);
  useAxis(axisRef, x, {
    orient: 'bottom',
    ticks: Math.max(2, Math.floor(width / 110)),
    format: msTick,
  });
  useAxis(yAxisRef, y, { orient: 'left', ticks: 3 });

  const peak = useMemo(() => Math.max(0, ...bins.map((b) => b.rate)), [bins]);
  // Rebuilt when the bins or the scales change, not when the cursor moves.
  const path = useMemo(() => {
    const last = bins[bins.length - 1];
    return (
      area<ThroughputBin>()
        .x((d) => x(d.start))
        .y0(y(0))
        .y1((d) => y(d.rate))
        .curve(curveStepAfter)(last ? [...bins, { ...last, start: last.end }] : []) ?? ''
    );
  }, [bins, x, y]);
  const cursorX = x(cursorTime);
  const cursorIn = cursorTime >= d0 && cursorTime <= d1;
  return (
    <svg
      className="hist-throughput"
      width={width}
      height={TP_HEIGHT}
      role="img"
      aria-label={`throughput chart, peak ${Math.round(peak)} ok operations per second`}
      onClick={(e) => {
        const rect = e.currentTarget.getBoundingClientRect();
        const px = e.clientX - rect.left;
        if (px >= M.left) onSeek(Math.max(0, x.invert(px)));
      }}
    >
      <FaultBands faults={faults} x={x} top={TOP} bottom={TP_HEIGHT - M.bottom} />
      <path className="hist-tp-area" d={path} />
      <g className="hist-axis" ref={yAxisRef} transform={`translate(${M.left},0)`} />
      <g className="hist-axis" ref={axisRef} transform={`translate(0,${TP_HEIGHT - M.bottom})`} />
      <text
        className="hist-axis-label"
        transform={`translate(12,${(TP_HEIGHT - M.bottom) / 2 + 4}) rotate(-90)`}
        textAnchor="middle"
      >
        ok ops/s
      </text>
      {cursorIn && (
        <line
          className="hist-cursor"
          x1={cursorX}
          x2={cursorX}
          y1={TOP}
          y2={TP_HEIGHT - M.bottom}
        />
      )}
    </svg>
  );
}
