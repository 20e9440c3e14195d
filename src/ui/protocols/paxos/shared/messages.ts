/**
 * Message styles both Paxos palettes use. Shapes say the direction: a circle goes from a
 * proposer (or leader) to acceptors, a diamond is an acceptor's answer. Colours say the phase:
 * amber for phase 1, blue for phase 2, red for a refusal.
 */
import { PAPER } from '../../../theme';
import type { MessageStyle } from '../../types';
import { ACCEPTED, PHASE1, PHASE2, PROMISED, REFUSED } from './colors';

export const PREPARE: MessageStyle = {
  shape: 'circle',
  fill: PHASE1,
  stroke: '#ffe2b0',
  r: 6,
  label: 'prepare (1a)',
};
export const PROMISE: MessageStyle = {
  shape: 'diamond',
  fill: PROMISED,
  stroke: PHASE1,
  r: 6.5,
  label: 'promise (1b)',
};
export const ACCEPT: MessageStyle = {
  shape: 'circle',
  fill: PHASE2,
  stroke: '#cfe3ff',
  r: 6.5,
  label: 'accept (2a)',
};
export const ACCEPTED_MSG: MessageStyle = {
  shape: 'diamond',
  fill: ACCEPTED,
  stroke: PHASE2,
  r: 5.5,
  label: 'accepted (2b)',
};
export const NACK: MessageStyle = {
  shape: 'diamond',
  fill: REFUSED,
  stroke: '#ffd0d6',
  r: 6,
  label: 'nack',
};
export const HEARTBEAT: MessageStyle = {
  shape: 'circle',
  fill: PAPER,
  stroke: '#93c5fd',
  r: 4.5,
  hollow: true,
  label: 'heartbeat',
};
