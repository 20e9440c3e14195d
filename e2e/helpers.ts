/** Shared steps for the lab's end-to-end tests: everything goes through roles and names. */
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export interface ServerState {
  id: string;
  role: string;
  term: number;
  paused: boolean;
}

// ", removed": outside the configuration in force (membership change).
const SERVER_LABEL = /^server (S\d+), ([\w-]+), term (\d+)(, paused)?(, removed)?$/;

/** Every server as its accessible name states it, read in one go (one snapshot). */
export async function servers(page: Page): Promise<ServerState[]> {
  const labels = await page
    .getByRole('button', { name: /^server S\d+,/ })
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  return labels.map((l) => {
    const m = SERVER_LABEL.exec(l);
    if (!m) throw new Error(`unexpected server label: ${l}`);
    return { id: m[1]!, role: m[2]!, term: Number(m[3]), paused: Boolean(m[4]) };
  });
}

export async function leaders(page: Page): Promise<ServerState[]> {
  return (await servers(page)).filter((s) => s.role === 'leader');
}

/** Opens the lab and plays at real time (the fastest speed), so elections take ~0.3 s. */
export async function openAtFullSpeed(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^server S1,/ })).toBeVisible();
  await page.getByRole('slider', { name: 'speed' }).fill('0');
  await expect(page.getByRole('slider', { name: 'speed' })).toHaveAttribute(
    'aria-valuetext',
    '1× real time',
  );
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
}

/** Waits until exactly one leader exists and returns it. */
export async function waitForLeader(
  page: Page,
  accept: (s: ServerState) => boolean = () => true,
): Promise<ServerState> {
  let found: ServerState | null = null;
  await expect
    .poll(
      async () => {
        const ls = (await leaders(page)).filter(accept);
        found = ls.length === 1 ? ls[0]! : null;
        return found !== null;
      },
      { timeout: 10_000, intervals: [100] },
    )
    .toBe(true);
  return found!;
}

/** The log matrix rows' names ("S1 log: 12 entries, commitIndex 11"), read in one go. */
export async function logRows(
  page: Page,
): Promise<{ id: string; length: number; commit: number }[]> {
  const labels = await page
    .getByRole('row', { name: /^S\d+ log:/ })
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  return labels.map((l) => {
    const m = /^(S\d+) log: (\d+) entries, commitIndex (\d+)$/.exec(l);
    if (!m) throw new Error(`unexpected log row label: ${l}`);
    return { id: m[1]!, length: Number(m[2]), commit: Number(m[3]) };
  });
}

// ---------------------------------------------------------------- any protocol (Paxos, …)

export interface NodeState {
  id: string;
  /** The protocol's role, or "crashed". */
  role: string;
  /** What the protocol calls its epoch ("term", "ballot"), and the node's, when it has one. */
  epochName: string | null;
  epoch: number | null;
  paused: boolean;
}

const ANY_SERVER_LABEL = /^server (S\d+), ([\w-]+)(?:, (\w+) (\d+))?(, paused)?$/;

/** Every server as its accessible name states it, whatever the protocol calls its epoch. */
export async function nodeStates(page: Page): Promise<NodeState[]> {
  const labels = await page
    .getByRole('button', { name: /^server S\d+,/ })
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  return labels.map((l) => {
    const m = ANY_SERVER_LABEL.exec(l);
    if (!m) throw new Error(`unexpected server label: ${l}`);
    return {
      id: m[1]!,
      role: m[2]!,
      epochName: m[3] ?? null,
      epoch: m[4] === undefined ? null : Number(m[4]),
      paused: Boolean(m[5]),
    };
  });
}

/** Opens another protocol's playground from the top bar's picker, by its display name. */
export async function pickProtocol(page: Page, title: string, epochName: string): Promise<void> {
  await page.getByRole('combobox', { name: 'protocol' }).selectOption({ label: title });
  await expect(page.getByRole('combobox', { name: 'protocol' })).toHaveValue(/./);
  await expect(
    page.getByRole('button', { name: new RegExp(`^server S1, [\\w-]+, ${epochName} \\d+`) }),
  ).toBeVisible();
}

/** Loads a shipped scenario from the scenario picker, by its name. */
export async function pickScenario(page: Page, name: string): Promise<void> {
  await page.getByRole('combobox', { name: 'scenario' }).selectOption({ label: name });
  await expect(page.getByRole('region', { name: 'about this scenario' })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`^${name.replace(/[()]/g, '\\$&')} ·`));
}

/** Plays the loaded run at the fastest speed (real time). */
export async function playAtFullSpeed(page: Page): Promise<void> {
  await page.getByRole('slider', { name: 'speed' }).fill('0');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
}

/** The event counter's number. */
export async function eventNumber(page: Page): Promise<number> {
  const label = await page.getByLabel(/^event \d+$/).getAttribute('aria-label');
  return Number(/^event (\d+)$/.exec(label ?? '')?.[1] ?? NaN);
}

/**
 * Presses → (step one event) until `done` holds, waiting for each step to land; returns how
 * many steps it took. Keyboard focus must not be in a form field (the shortcut ignores those).
 */
export async function stepUntil(
  page: Page,
  done: () => Promise<boolean>,
  max = 200,
): Promise<number> {
  for (let k = 0; k < max; k++) {
    if (await done()) return k;
    const before = await eventNumber(page);
    await page.keyboard.press('ArrowRight');
    await expect(page.getByLabel(/^event \d+$/)).not.toHaveAccessibleName(`event ${before}`);
  }
  throw new Error(`not done after ${max} steps`);
}
