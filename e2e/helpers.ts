/** Shared steps for the lab's end-to-end tests: everything goes through roles and names. */
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export interface ServerState {
  id: string;
  role: string;
  term: number;
  paused: boolean;
}

const SERVER_LABEL = /^server (S\d+), (\w+), term (\d+)(, paused)?$/;

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
