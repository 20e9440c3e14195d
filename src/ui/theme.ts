/**
 * The lab's neutral colours: success and failure, and the epoch scale (a term, a ballot
 * round). Roles and message classes are a protocol's palette (protocols/<name>/).
 */
import { scaleOrdinal } from 'd3-scale';

export const OK = '#3ccf8e';
export const FAIL = '#f0566a';
/** Ink of neutral things: a background-coloured fill, a muted outline. */
export const PAPER = '#11151c';
export const MUTED = '#8a97ad';

const EPOCH_PALETTE = [
  '#4c9aff',
  '#f472b6',
  '#3ccf8e',
  '#f5a524',
  '#a78bfa',
  '#fb7185',
  '#22d3ee',
  '#a3e635',
  '#fb923c',
  '#e879f9',
];
const epochScale = scaleOrdinal<number, string>().range(EPOCH_PALETTE);

/** Colour of an epoch (0 and below are neutral); the same epoch always gets the same colour. */
export function epochColor(epoch: number): string {
  if (epoch <= 0) return '#59606e';
  return epochScale(epoch % EPOCH_PALETTE.length);
}
