/** Draws a server's Dynamo caption (decor.ts decides what it says and where). */
import { CAPTION_LINE, FONT } from '../paxos/shared/Caption';
import type { DecorPlace } from '../types';
import type { DynamoCaptionData } from './decor';

/** Gaps between the node and the caption, as the Paxos captions keep them (clear of the timer ring). */
const UNDER_GAP = 25;
const OVER_GAP = 12;

export function captionOrigin(data: DynamoCaptionData, place: DecorPlace) {
  if (data.where === 'under-node') return { x: data.shift, y: place.r + UNDER_GAP };
  return { x: data.shift, y: -place.r - OVER_GAP - (data.lines.length - 1) * CAPTION_LINE };
}

export function DynamoCaption({ data, place }: { data: DynamoCaptionData; place: DecorPlace }) {
  const o = captionOrigin(data, place);
  return (
    <g className="dynamo-caption" transform={`translate(${o.x},${o.y})`}>
      {data.lines.map((l, k) => (
        <text key={k} y={k * CAPTION_LINE} className={`tone-${l.tone}`} fontSize={FONT}>
          {l.text}
        </text>
      ))}
    </g>
  );
}
