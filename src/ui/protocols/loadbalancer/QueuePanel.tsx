/**
 * Queue length over virtual time, per backend: one step line each (the mean number waiting
 * per bucket of the engine's series), fault periods shaded as on the other timeline charts,
 * the cursor as a dashed line; click to seek. The view is the cursor's, so the lines run up
 * to the cursor and the axis to the head of the run.
 */
import { scaleLinear } from 'd3-scale';
import { curveStepAfter, line } from 'd3-shape';
import { useMemo, useRef } from 'react';
import type { LbView } from '../../../engine/protocols/loadbalancer/view';
import { FaultBands } from '../../history/FaultBands';
import { msTick, useAxis } from '../../history/useAxis';
import { useSim } from '../../store/sim';
import type { PanelProps } from '../types';
import { queueColor, queuePoints, queueSummary, queueTop } from './queueChart';
import type { QueuePoint } from './queueChart';

const WIDTH = 640;
const HEIGHT = 150;
const M = { top: 8, right: 10, bottom: 22, left: 40 };

export function QueuePanel({ view, nodes }: PanelProps<LbView>) {
  const cursor = useSim((s) => s.panel?.time ?? 0);
  const head = useSim((s) => s.timeline.head.time);
  const rawFaults = useSim((s) => s.timeline.faults);
  const seek = useSim((s) => s.seek);
  const end = Math.max(1, head, cursor);
  const faults = useMemo(
    () => rawFaults.map((f) => (f.open ? { ...f, end: Math.max(f.end, end) } : f)),
    [rawFaults, end],
  );
  const queues = view.queues;
  const x = useMemo(
    () =>
      scaleLinear()
        .domain([0, end])
        .range([M.left, WIDTH - M.right]),
    [end],
  );
  const top = queueTop(queues);
  const y = useMemo(
    () =>
      scaleLinear()
        .domain([0, top])
        .nice()
        .range([HEIGHT - M.bottom, M.top]),
    [top],
  );
  const xRef = useRef<SVGGElement>(null);
  const yRef = useRef<SVGGElement>(null);
  useAxis(xRef, x, { orient: 'bottom', ticks: 6, format: msTick });
  useAxis(yRef, y, { orient: 'left', ticks: 3, specifier: '~g' });
  const paths = useMemo(() => {
    const draw = line<QueuePoint>()
      .x((p) => x(p.t))
      .y((p) => y(p.waiting))
      .curve(curveStepAfter);
    return queues.map((q) => draw(queuePoints(q, cursor)) ?? '');
  }, [queues, cursor, x, y]);
  const ids = nodes.map((n) => n.id);
  return (
    <section className="panel lb-queues" aria-label="queue length over time">
      <header className="panel-head">
        <h2>Queue length over time</h2>
        <span className="muted">requests waiting at each backend (mean per bucket)</span>
      </header>
      <ul className="lb-queue-legend" aria-hidden="true">
        {ids.map((id, i) => (
          <li key={id}>
            <span className="lb-queue-swatch" style={{ background: queueColor(i) }} />
            {id}
          </li>
        ))}
      </ul>
      <svg
        className="lb-queue-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`queue length over time: ${queueSummary(ids, queues)}`}
        onClick={(e) => {
          const rect = e.currentTarget.getBoundingClientRect();
          const px = ((e.clientX - rect.left) / rect.width) * WIDTH;
          if (px >= M.left) seek(Math.max(0, x.invert(px)));
        }}
      >
        <FaultBands faults={faults} x={x} top={M.top} bottom={HEIGHT - M.bottom} />
        {paths.map((d, i) => (
          <path
            key={ids[i] ?? i}
            className="lb-queue-line"
            data-backend={ids[i]}
            d={d}
            stroke={queueColor(i)}
          />
        ))}
        <g className="lb-queue-axis" ref={yRef} transform={`translate(${M.left},0)`} />
        <g className="lb-queue-axis" ref={xRef} transform={`translate(0,${HEIGHT - M.bottom})`} />
        <line
          className="lb-queue-cursor"
          x1={x(cursor)}
          x2={x(cursor)}
          y1={M.top}
          y2={HEIGHT - M.bottom}
        />
      </svg>
    </section>
  );
}
