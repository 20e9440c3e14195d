/**
 * The colours both Paxos palettes share. Phase 1 (prepare, promise) is amber, phase 2 (accept,
 * accepted) blue and teal, refusals red; none is the clients' violet or pink (common.ts).
 */
import { FAIL, MUTED, OK } from '../../../theme';

/** Phase 1: a proposer (or candidate) asking for promises. */
export const PHASE1 = '#f5a524';
/** Phase 2: a proposer (or leader) asking acceptors to accept. */
export const PHASE2 = '#4c9aff';
/** An acceptor's acceptance: cyan, well apart from the promise's green. */
export const ACCEPTED = '#22d3ee';
/** A learned (chosen) value. */
export const LEARNED = OK;
export const PROMISED = OK;
export const REFUSED = FAIL;
export const ACCEPTOR = MUTED;
