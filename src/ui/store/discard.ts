/**
 * Restart, new seed, the server count and loading another scenario replace the run and with
 * it the user's actions. When there are any, ask first (Back in the browser brings the old
 * run back too: see hash.ts).
 */
import { useSim } from './sim';
import { useUi } from './ui';

/**
 * Reading a run link needs the scenario parser and every protocol's schema: a large part of
 * the engine, which the first screen does not need (issue 15). It is loaded when the page is
 * idle, or at the first question, whichever comes first.
 */
type LinkModule = typeof import('../../engine/share/link');
let linkModule: LinkModule | null = null;
let loading: Promise<LinkModule> | null = null;

function loadLinkModule(): Promise<LinkModule> {
  loading ??= import('../../engine/share/link').then((m) => (linkModule = m));
  return loading;
}

/** Loads the link reader once the page has settled (a run to the first question needs it). */
export function preloadDiscard(): void {
  const idle = (cb: () => void) =>
    typeof requestIdleCallback === 'function'
      ? requestIdleCallback(cb, { timeout: 5000 })
      : setTimeout(cb, 2000);
  idle(() => void loadLinkModule().catch(() => {}));
}

/**
 * How many actions of the user's the current run holds (at least 1 once they acted), or null
 * while the link reader is still loading.
 */
export function userActionCount(): number | null {
  const { link, linkRunId, run, userActed } = useSim.getState();
  let n = 0;
  if (link && run && linkRunId === run.runId) {
    if (!linkModule) return null;
    const decoded = linkModule.decodeRunLink(link);
    if (decoded.ok) n = decoded.link.userActions.length;
  }
  return Math.max(n, userActed ? 1 : 0);
}

/** Runs `proceed` at once, or after the user agreed to lose their actions. */
export function guardDiscard(what: string, proceed: () => void): void {
  const n = userActionCount();
  if (n === null) {
    // The link reader is not loaded yet: ask (or proceed) as soon as it is.
    // If it cannot be loaded, ask anyway rather than lose actions unasked.
    loadLinkModule().then(
      () => guardDiscard(what, proceed),
      () => askFirst(what, proceed, 'the actions you took'),
    );
    return;
  }
  if (n === 0) {
    proceed();
    return;
  }
  askFirst(what, proceed, n === 1 ? 'the action you took' : `the ${n} actions you took`);
}

function askFirst(what: string, proceed: () => void, actions: string): void {
  useUi.getState().ask({
    title: `${what}?`,
    body: `This starts a new run and discards ${actions} in this one. Back in the browser brings this run back.`,
    confirmLabel: what,
    onConfirm: proceed,
  });
}
