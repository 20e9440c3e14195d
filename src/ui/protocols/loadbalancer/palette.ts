/**
 * The load balancer's colours and shapes. A circle goes from the balancer to a backend (a
 * request, a health probe), a diamond comes back (an answer); squares stay the clients'.
 * Colours say the outcome: a request blue, a served answer green, a refusal (503, the queue
 * was full) red, health checks a quiet cyan outline. Every ink keeps at least 3:1 against
 * the lab's dark background (palette.test.ts checks it).
 */
import { FAIL, OK, PAPER } from '../../theme';
import type { Palette } from '../types';

const REQUEST = '#4c9aff';
const PROBE = '#22d3ee';

/** A backend's colour: a plain server, its queue and workers told by its decoration. */
export const BACKEND = '#94a3b8';

export const lbPalette: Palette = {
  roles: {
    backend: { color: BACKEND },
  },
  messages: {
    request: { shape: 'circle', fill: REQUEST, stroke: '#cfe3ff', r: 5.5, label: 'request' },
    response: { shape: 'diamond', fill: OK, stroke: '#c9f5e0', r: 5.5, label: 'response 200' },
    refusal: { shape: 'diamond', fill: FAIL, stroke: '#ffd1d8', r: 5.5, label: 'refusal 503' },
    probe: {
      shape: 'circle',
      fill: PAPER,
      stroke: PROBE,
      r: 4,
      hollow: true,
      label: 'health probe',
    },
  },
  kindClass: {
    request: 'request',
    // The trace knows a response's kind only: most responses are served (200).
    response: 'response',
    probe: 'probe',
    'probe-ok': 'probe',
  },
};
