/**
 * The address bar follows the current run and moment (`#run=v1.…`). Moving through one run
 * replaces the history entry; each newly loaded run gets its own (pushNextHash), so the
 * browser's Back steps back through loaded runs (connect.ts reopens the link on hashchange).
 *
 * Writing the address is dear (issue 15: each `history.replaceState` cost more than drawing
 * the cluster, and made Chromium fetch the favicon again), so while the run plays it is
 * written at most every PLAYING_HASH_MS; stopped (a step, a seek) it is written once the
 * moment has stayed put for STOPPED_HASH_MS — after the frame that shows it, not before, and
 * once per drag rather than per seek — and the moment playback stops a waiting write is done.
 */
import { useSim } from './sim';

const HASH_PREFIX = '#run=';
const PLAYING_HASH_MS = 2000;
const STOPPED_HASH_MS = 200;
let hashTimer: ReturnType<typeof setTimeout> | null = null;
/** When the waiting write is due (performance.now()). */
let hashDue = 0;
let lastHashAt = 0;
/** The next address written starts a new history entry (a new run was loaded). */
let pushNext = false;
/**
 * The address when the waiting write was scheduled. If it has changed by the time the write
 * is due, the user moved (Back, Forward, a pasted link) and the hashchange handler decides:
 * writing then would put the old run's link over the entry they went to.
 */
let addressWhenScheduled = '';

/** The run shown changed: its first address gets a history entry of its own. */
export function pushNextHash(): void {
  // The entry being left keeps the old run's newest moment.
  flushHash();
  pushNext = true;
}

function writeHash(): void {
  hashTimer = null;
  if (location.hash !== addressWhenScheduled) return;
  lastHashAt = performance.now();
  const link = useSim.getState().link;
  if (!link) return;
  const hash = HASH_PREFIX + link;
  if (pushNext && location.hash !== '') {
    pushNext = false;
    if (location.hash !== hash) history.pushState(null, '', hash);
    return;
  }
  pushNext = false;
  if (location.hash !== hash) history.replaceState(history.state, '', hash);
}

/**
 * Writes the current link into the address: while the run plays at most every
 * PLAYING_HASH_MS; stopped, STOPPED_HASH_MS after the last change.
 */
export function scheduleHash(): void {
  if (hashTimer === null) addressWhenScheduled = location.hash;
  if (!useSim.getState().playing) {
    if (hashTimer !== null) clearTimeout(hashTimer);
    hashDue = performance.now() + STOPPED_HASH_MS;
    hashTimer = setTimeout(writeHash, STOPPED_HASH_MS);
    return;
  }
  const wait = PLAYING_HASH_MS - sinceWrite();
  if (hashTimer !== null) {
    if (hashDue <= performance.now() + wait) return;
    clearTimeout(hashTimer);
  }
  if (wait <= 0) {
    addressWhenScheduled = location.hash;
    writeHash();
    return;
  }
  hashDue = performance.now() + wait;
  hashTimer = setTimeout(writeHash, wait);
}

function sinceWrite(): number {
  return performance.now() - lastHashAt;
}

/** A write still waiting is done now (playback stopped: the address shows where). */
export function flushHash(): void {
  if (hashTimer === null) return;
  clearTimeout(hashTimer);
  writeHash();
}

/** The link text in an address's fragment (`#run=v1.…`), or null when there is none. */
export function linkFromHash(hash: string): string | null {
  if (!hash.startsWith(HASH_PREFIX)) return null;
  return hash.slice(HASH_PREFIX.length);
}

/** A shareable address of the current run and moment. */
export function shareUrl(): string {
  const link = useSim.getState().link;
  const url = new URL(location.href);
  url.hash = link ? HASH_PREFIX.slice(1) + link : '';
  return url.toString();
}
