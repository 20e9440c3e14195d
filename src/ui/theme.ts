/** One palette for the whole lab: roles, message kinds and terms. */
import { scaleOrdinal } from 'd3-scale';
import type { MessageClass } from '../worker/protocol';

export const ROLE_COLOR: Record<string, string> = {
  leader: '#4c9aff',
  candidate: '#f5a524',
  follower: '#8a97ad',
  down: '#59606e',
};

export const OK = '#3ccf8e';
export const FAIL = '#f0566a';
export const CLIENT = '#b48cff';

export function roleColor(role: string): string {
  return ROLE_COLOR[role] ?? ROLE_COLOR.follower!;
}

const TERM_PALETTE = [
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
const termScale = scaleOrdinal<number, string>().range(TERM_PALETTE);

/** Colour of a term (term 0 is neutral); the same term always gets the same colour. */
export function termColor(term: number): string {
  if (term <= 0) return '#59606e';
  return termScale(term % TERM_PALETTE.length);
}

export interface MessageStyle {
  shape: 'circle' | 'diamond' | 'square';
  fill: string;
  stroke: string;
  r: number;
  hollow?: boolean;
  label: string;
}

export const MESSAGE_STYLE: Record<MessageClass, MessageStyle> = {
  'vote-request': {
    shape: 'circle',
    fill: ROLE_COLOR.candidate!,
    stroke: ROLE_COLOR.candidate!,
    r: 6,
    label: 'RequestVote',
  },
  'vote-granted': {
    shape: 'diamond',
    fill: OK,
    stroke: ROLE_COLOR.candidate!,
    r: 6.5,
    label: 'vote granted',
  },
  'vote-denied': {
    shape: 'diamond',
    fill: FAIL,
    stroke: ROLE_COLOR.candidate!,
    r: 6.5,
    label: 'vote denied',
  },
  append: {
    shape: 'circle',
    fill: ROLE_COLOR.leader!,
    stroke: '#cfe3ff',
    r: 6.5,
    label: 'AppendEntries',
  },
  heartbeat: {
    shape: 'circle',
    fill: '#11151c',
    stroke: ROLE_COLOR.leader!,
    r: 4.5,
    hollow: true,
    label: 'heartbeat',
  },
  'append-ok': {
    shape: 'diamond',
    fill: OK,
    stroke: ROLE_COLOR.leader!,
    r: 5.5,
    label: 'append ok',
  },
  'append-fail': {
    shape: 'diamond',
    fill: FAIL,
    stroke: ROLE_COLOR.leader!,
    r: 5.5,
    label: 'append rejected',
  },
  'client-request': {
    shape: 'square',
    fill: CLIENT,
    stroke: CLIENT,
    r: 4.5,
    label: 'client request',
  },
  'client-reply': {
    shape: 'square',
    fill: '#11151c',
    stroke: CLIENT,
    r: 4.5,
    hollow: true,
    label: 'client reply',
  },
  other: { shape: 'circle', fill: '#8a97ad', stroke: '#8a97ad', r: 4.5, label: 'message' },
};
