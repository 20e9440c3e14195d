/**
 * Dynamo's colours and shapes. Shapes say the direction, as in the Paxos palettes: a circle
 * goes from a coordinator (or a node that starts an exchange) to a replica, a diamond is a
 * replica's answer; squares stay the clients'. Colours say the concern: writes blue, reads
 * amber, read repair green, hinted handoff orange (its ack lime), anti-entropy cyan. Every ink keeps at
 * least 3:1 against the lab's dark background (palette.test.ts checks it).
 */
import { MUTED, OK, PAPER } from '../../theme';
import type { Palette } from '../types';

/** A write (put) going to a replica; also the coordinator's colour (it sends them). */
const WRITE = '#4c9aff';
const WRITE_ACK = '#2dd4bf';
const READ = '#f5a524';
const READ_REPLY = '#fde047';
/** Hinted handoff is orange: the put to a stand-in light, the handoff back to its owner deep. */
const HINT = '#fdba74';
const HANDOFF = '#fb923c';
/** The owner's ack of a handoff: lime, an answer's colour apart from the two oranges. */
const HANDOFF_ACK = '#a3e635';
const SYNC = '#22d3ee';

export const COORDINATOR = '#60a5fa';

export const dynamoPalette: Palette = {
  roles: {
    coordinator: { color: COORDINATOR, shape: 'diamond' },
    replica: { color: MUTED },
  },
  messages: {
    'put-replica': { shape: 'circle', fill: WRITE, stroke: '#cfe3ff', r: 6, label: 'put' },
    'put-ack': { shape: 'diamond', fill: WRITE_ACK, stroke: WRITE, r: 5.5, label: 'put ack' },
    'get-replica': { shape: 'circle', fill: READ, stroke: '#ffe2b0', r: 6, label: 'get' },
    'get-reply': {
      shape: 'diamond',
      fill: READ_REPLY,
      stroke: READ,
      r: 5.5,
      label: 'get reply',
    },
    repair: { shape: 'circle', fill: OK, stroke: '#c9f5e0', r: 5.5, label: 'read repair' },
    hint: {
      shape: 'circle',
      fill: PAPER,
      stroke: HINT,
      r: 6,
      hollow: true,
      label: 'hinted put (stand-in)',
    },
    handoff: { shape: 'circle', fill: HANDOFF, stroke: '#ffe4cc', r: 5.5, label: 'handoff' },
    'handoff-ack': {
      shape: 'diamond',
      fill: HANDOFF_ACK,
      stroke: HANDOFF,
      r: 5,
      label: 'handoff ack',
    },
    sync: {
      shape: 'diamond',
      fill: PAPER,
      stroke: SYNC,
      r: 5,
      hollow: true,
      label: 'anti-entropy sync',
    },
  },
  kindClass: {
    // The trace knows a put's kind only: a hinted put is drawn as a plain put there.
    'put-replica': 'put-replica',
    'put-ack': 'put-ack',
    'get-replica': 'get-replica',
    'get-reply': 'get-reply',
    repair: 'repair',
    handoff: 'handoff',
    'handoff-ack': 'handoff-ack',
    // The three rounds of one anti-entropy exchange are one class.
    merkle: 'sync',
    sync: 'sync',
    'sync-reply': 'sync',
    'sync-data': 'sync',
  },
};
