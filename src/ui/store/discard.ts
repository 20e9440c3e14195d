/**
 * Restart, new seed, the server count and loading another scenario replace the run and with
 * it the user's actions. When there are any, ask first (Back in the browser brings the old
 * run back too: see hash.ts).
 */
import { decodeRunLink } from '../../engine/share/link';
import { useSim } from './sim';
import { useUi } from './ui';

/** How many actions of the user's the current run holds (at least 1 once they acted). */
export function userActionCount(): number {
  const { link, linkRunId, run, userActed } = useSim.getState();
  let n = 0;
  if (link && run && linkRunId === run.runId) {
    const decoded = decodeRunLink(link);
    if (decoded.ok) n = decoded.link.userActions.length;
  }
  return Math.max(n, userActed ? 1 : 0);
}

/** Runs `proceed` at once, or after the user agreed to lose their actions. */
export function guardDiscard(what: string, proceed: () => void): void {
  const n = userActionCount();
  if (n === 0) {
    proceed();
    return;
  }
  const actions = n === 1 ? 'the action you took' : `the ${n} actions you took`;
  useUi.getState().ask({
    title: `${what}?`,
    body: `This starts a new run and discards ${actions} in this one. Back in the browser brings this run back.`,
    confirmLabel: what,
    onConfirm: proceed,
  });
}
