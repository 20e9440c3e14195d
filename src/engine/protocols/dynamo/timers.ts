/**
 * The store's timers and their lengths. The scenario section names only what the issue asks
 * for; these delays are fixed, chosen against the lab's default latency (10–15 ms a hop, so a
 * round trip of 20–30 ms) and the clients' default request timeout of 500 ms.
 */

/** A copy unanswered this long counts as unreachable: the sloppy quorum moves on (§4.6). */
export const SLOPPY_TIMEOUT = 60;
/**
 * A coordination unanswered this long answers its client with the error "timeout" — below
 * the client's request timeout, so the client hears it and retries elsewhere. The error is
 * not definite: copies of a put may have been stored, and the history checker treats a
 * "timeout" result as an operation that may or may not have taken effect.
 */
export const COORDINATION_TIMEOUT = 300;
/** How often a node holding hints tries to hand them back to their owners (§4.6). */
export const HANDOFF_INTERVAL = 100;

/** The client-visible error of a coordination that timed out (see COORDINATION_TIMEOUT). */
export const TIMEOUT_ERROR = 'timeout';

export const ANTI_ENTROPY_TIMER = 'anti-entropy';
export const HANDOFF_TIMER = 'handoff';
/** Each coordination has its own timer, "op:<id>". */
export const COORD_TIMER_PREFIX = 'op:';
