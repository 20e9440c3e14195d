/**
 * Single-decree Paxos's colours and shapes. Roles are what the engine's observe reports: a
 * proposer that has not learned, an acceptor (every node is one), a node that learned the value.
 */
import type { Palette } from '../../types';
import { ACCEPTOR, LEARNED, PHASE1 } from '../shared/colors';
import { ACCEPT, ACCEPTED_MSG, NACK, PREPARE, PROMISE } from '../shared/messages';

export const paxosPalette: Palette = {
  roles: {
    proposer: { color: PHASE1, shape: 'diamond' },
    acceptor: { color: ACCEPTOR },
    learner: { color: LEARNED, shape: 'hexagon' },
  },
  messages: {
    prepare: PREPARE,
    promise: PROMISE,
    accept: ACCEPT,
    accepted: ACCEPTED_MSG,
    nack: NACK,
  },
  kindClass: {
    prepare: 'prepare',
    promise: 'promise',
    accept: 'accept',
    accepted: 'accepted',
    nack: 'nack',
  },
};
