/**
 * Multi-Paxos's colours and shapes: the distinguished proposer (leader), a node running
 * phase 1 to become it (candidate), the rest; the single-decree message styles plus the
 * leader's heartbeats and the catch-up exchange of chosen slots.
 */
import { MUTED, PAPER } from '../../../theme';
import type { Palette } from '../../types';
import { PHASE1, PHASE2 } from '../shared/colors';
import { ACCEPT, ACCEPTED_MSG, HEARTBEAT, NACK, PREPARE, PROMISE } from '../shared/messages';

const CATCH_UP = '#fde047';
/** Chosen values sent to a learner that asked: lime, apart from the promise's green. */
const CHOSEN = '#a3e635';

export const multiPaxosPalette: Palette = {
  roles: {
    leader: { color: PHASE2, shape: 'hexagon' },
    candidate: { color: PHASE1, shape: 'diamond' },
    follower: { color: MUTED },
  },
  messages: {
    prepare: PREPARE,
    promise: PROMISE,
    accept: ACCEPT,
    accepted: ACCEPTED_MSG,
    nack: NACK,
    heartbeat: HEARTBEAT,
    'catch-up': {
      shape: 'diamond',
      fill: PAPER,
      stroke: CATCH_UP,
      r: 5,
      hollow: true,
      label: 'catch-up',
    },
    chosen: { shape: 'circle', fill: CHOSEN, stroke: '#ecfccb', r: 5.5, label: 'chosen' },
  },
  kindClass: {
    prepare: 'prepare',
    promise: 'promise',
    accept: 'accept',
    accepted: 'accepted',
    nack: 'nack',
    heartbeat: 'heartbeat',
    'catch-up': 'catch-up',
    chosen: 'chosen',
  },
};
