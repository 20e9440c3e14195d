/**
 * The address bar follows the current run and moment (`#run=v1.…`). Moving through one run
 * replaces the history entry; each newly loaded run gets its own (pushNextHash), so the
 * browser's Back steps back through loaded runs (connect.ts reopens the link on hashchange).
 */
import { useSim } from './sim';

const HASH_PREFIX = '#run=';
const HASH_MS = 250;
let hashTimer: ReturnType<typeof setTimeout> | null = null;
let lastHashAt = 0;
/** The next address written starts a new history entry (a new run was loaded). */
let pushNext = false;

/** The run shown changed: its first address gets a history entry of its own. */
export function pushNextHash(): void {
  // The entry being left keeps the old run's newest moment.
  if (hashTimer !== null) {
    clearTimeout(hashTimer);
    writeHash();
  }
  pushNext = true;
}

function writeHash(): void {
  hashTimer = null;
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

/** Writes the current link into the address, at most every HASH_MS. */
export function scheduleHash(): void {
  if (hashTimer !== null) return;
  const wait = Math.max(0, HASH_MS - (performance.now() - lastHashAt));
  hashTimer = setTimeout(writeHash, wait);
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
