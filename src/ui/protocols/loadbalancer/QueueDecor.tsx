/** Draws a backend's workers, queue bar and state words (decor.ts decides what and where). */
import type { DecorPlace } from '../types';
import { barShare, DECOR_WIDTH, MAX_DOTS, speedText } from './decor';
import type { LbDecorData } from './decor';

const DOT_R = 5;
const DOT_STEP = 14;
const BAR_Y = 16;
const BAR_H = 9;
const TEXT_Y = 41;
const HEIGHT = 45;
/** Gaps between the node and the decoration, clear of the selection ring. */
const UNDER_GAP = 18;
const OVER_GAP = 14;

export function decorOrigin(data: LbDecorData, place: DecorPlace): { x: number; y: number } {
  const y = data.where === 'under-node' ? place.r + UNDER_GAP : -place.r - OVER_GAP - HEIGHT;
  return { x: data.shift - DECOR_WIDTH / 2, y };
}

function WorkerDots({ workers, busy }: { workers: number; busy: number }) {
  if (workers > MAX_DOTS) {
    return (
      <text className="lb-words" x={DECOR_WIDTH / 2} y={9}>
        {busy}/{workers} busy
      </text>
    );
  }
  const left = (DECOR_WIDTH - (workers * DOT_STEP - (DOT_STEP - 2 * DOT_R))) / 2 + DOT_R;
  return (
    <>
      {Array.from({ length: workers }, (_, k) => (
        <circle
          key={k}
          cx={left + k * DOT_STEP}
          cy={DOT_R + 1}
          r={DOT_R}
          className={k < busy ? 'lb-worker busy' : 'lb-worker'}
        />
      ))}
    </>
  );
}

export function QueueDecor({ data, place }: { data: LbDecorData; place: DecorPlace }) {
  const o = decorOrigin(data, place);
  const share = barShare(data.waiting, data.full);
  return (
    <g className="lb-decor" transform={`translate(${o.x},${o.y})`}>
      <WorkerDots workers={data.workers} busy={data.busy} />
      <rect className="lb-bar-track" x={0} y={BAR_Y} width={DECOR_WIDTH} height={BAR_H} rx={2} />
      {share > 0 && (
        <rect
          className={share >= 1 ? 'lb-bar full' : 'lb-bar'}
          x={0}
          y={BAR_Y}
          width={Math.max(2, DECOR_WIDTH * share)}
          height={BAR_H}
          rx={2}
        />
      )}
      <text className="lb-words" x={DECOR_WIDTH / 2} y={TEXT_Y}>
        <tspan>{data.waiting} waiting</tspan>
        {data.speed !== null && <tspan className="lb-slow"> {speedText(data.speed)}</tspan>}
        {data.health !== null && <tspan className="lb-health"> {data.health}</tspan>}
      </text>
    </g>
  );
}
