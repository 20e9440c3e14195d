/**
 * Messages in flight while a run plays (issue 15): the canvas worker paints them and there are
 * no per-message elements to mount and move every frame; a click still lands on the glyph
 * drawn, paused every message is a button again, and exporting the view pauses first so the
 * file shows the messages of one moment.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openAtFullSpeed, waitForLeader } from './helpers';

const messageButtons = (page: Page) => page.getByRole('button', { name: /^message \d+: / });
const inFlight = async (page: Page) =>
  Number(/\d+/.exec((await page.locator('.in-flight-count').textContent()) ?? '')?.[0] ?? 0);

/**
 * Pauses, and steps until some message is in flight (each step shown before the next); then
 * plays on at the slowest speed, where a message takes ten seconds or more to cross its link.
 */
async function slowWithMessagesInFlight(page: Page): Promise<void> {
  await page.getByRole('slider', { name: 'speed' }).fill(String(Math.log10(0.001)));
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const counter = page.getByLabel(/^event \d+$/);
  for (let i = 0; i < 40 && (await messageButtons(page).count()) === 0; i++) {
    const at = Number(/\d+/.exec((await counter.getAttribute('aria-label')) ?? '')?.[0]);
    await page.getByRole('button', { name: 'Step one event' }).click();
    await expect(counter).toHaveAccessibleName(`event ${at + 1}`);
  }
  await expect(messageButtons(page).first()).toBeVisible();
}

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`at ${viewport.width}×${viewport.height}: playing, messages are painted, not buttons; paused, each is one`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await openAtFullSpeed(page);
    await waitForLeader(page);
    await slowWithMessagesInFlight(page);
    const paused = await messageButtons(page).count();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
    // The same messages are still in flight; none of them is an element while the run plays.
    await expect.poll(() => messageButtons(page).count()).toBe(0);
    expect(paused).toBeGreaterThan(0);
    expect(await inFlight(page)).toBeGreaterThan(0);
    // The canvas was handed to its worker: the page can no longer draw on it itself.
    const transferred = await page
      .locator('.msg-canvas canvas')
      .evaluate((c: HTMLCanvasElement) => {
        try {
          return c.getContext('2d') === null;
        } catch {
          return true;
        }
      });
    expect(transferred).toBe(true);

    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    // The status line counts what is in flight; paused, each of those is a button.
    await expect
      .poll(async () => (await messageButtons(page).count()) === (await inFlight(page)))
      .toBe(true);
    expect(await messageButtons(page).count()).toBeGreaterThan(0);
  });
}

test('a click where a message is drawn selects it, playing or paused', async ({ page }) => {
  await openAtFullSpeed(page);
  await waitForLeader(page);
  // Where a message is drawn now: read a target's place paused, play on, and click there
  // with the mouse while the run plays.
  await slowWithMessagesInFlight(page);
  const servers = await page.getByRole('button', { name: /^server S\d+,/ }).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }),
  );
  const targets = await messageButtons(page).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return {
        label: e.getAttribute('aria-label') ?? '',
        x: r.x + r.width / 2,
        y: r.y + r.height / 2,
      };
    }),
  );
  // The one furthest from any server (servers are drawn over the messages near them).
  const clear = (m: { x: number; y: number }) =>
    Math.min(...servers.map((s) => Math.hypot(s.x - m.x, s.y - m.y)));
  const target = targets.sort((a, b) => clear(b) - clear(a))[0]!;
  const id = /^message (\d+):/.exec(target.label)![1]!;
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect.poll(() => messageButtons(page).count()).toBe(0);
  await page.mouse.click(target.x, target.y);
  await expect(page.getByRole('region', { name: 'inspector' })).toContainText(`Message ${id}`);
});

test('exporting the view while playing pauses and draws the messages of that moment', async ({
  page,
}) => {
  await openAtFullSpeed(page);
  await waitForLeader(page);
  await slowWithMessagesInFlight(page);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => messageButtons(page).count()).toBe(0);
  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export SVG' }).click(),
  ]);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const text = readFileSync((await svg.path())!, 'utf8');
  const drawn = (text.match(/aria-label="message \d+: /g) ?? []).length;
  expect(drawn).toBeGreaterThan(0);
  expect(text).not.toContain('msg-canvas');
});
