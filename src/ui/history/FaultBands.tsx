/**
 * Fault periods (crashes, partitions, pauses, leaderless spells) as shaded bands over a time
 * axis: shared by the latency and throughput charts and the space-time diagram.
 */
import type { ScaleLinear } from 'd3-scale';
import type { FaultPeriod } from '../../engine/analysis/faults';
import { fmtMs } from '../format';
import { FAULT_COLORS } from './colors';

export interface Band {
  fault: FaultPeriod;
  x: number;
  width: number;
}

/** The faults overlapping the scale's domain, clipped to its range (at least 1 px wide). */
export function bandsIn(faults: readonly FaultPeriod[], x: ScaleLinear<number, number>): Band[] {
  const [r0, r1] = x.range() as [number, number];
  const [d0, d1] = x.domain() as [number, number];
  return faults
    .filter((f) => f.end >= d0 && f.start <= d1)
    .map((fault) => {
      const a = Math.max(r0, x(fault.start));
      const b = Math.min(r1, x(fault.end));
      return { fault, x: a, width: Math.max(1, b - a) };
    });
}

export function faultTitle(f: FaultPeriod): string {
  return `${f.label}: ${fmtMs(f.start)} – ${f.open ? 'end' : fmtMs(f.end)}`;
}

interface Props {
  faults: readonly FaultPeriod[];
  x: ScaleLinear<number, number>;
  top: number;
  bottom: number;
  opacity?: number;
}

export function FaultBands({ faults, x, top, bottom, opacity = 0.12 }: Props) {
  return (
    <g className="hist-faults">
      {bandsIn(faults, x).map((b, i) => (
        <rect
          key={i}
          className="hist-fault-band"
          x={b.x}
          y={top}
          width={b.width}
          height={bottom - top}
          fill={FAULT_COLORS[b.fault.kind]}
          fillOpacity={opacity}
        >
          <title>{faultTitle(b.fault)}</title>
        </rect>
      ))}
    </g>
  );
}
