/**
 * A teacher's pace (issue 16, item 5): faster speeds, run to the next scripted action or
 * marker, scripted actions on the timeline ahead of the play head, asking before the user's
 * actions are discarded, one action per drag of the rate slider, Back through loaded runs.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { decodeRunLink } from '../src/engine/share/link';
import { openAtFullSpeed, pickScenario, waitForLeader } from './helpers';

const crashed = (page: Page) => page.getByRole('button', { name: /^server S\d, crashed/ });
const clock = (page: Page) => page.getByLabel(/^virtual time/);

/** The user actions the address bar's link holds (it follows the run within ~250 ms). */
async function linkActions(page: Page): Promise<number> {
  const hash = await page.evaluate(() => location.hash);
  const decoded = decodeRunLink(hash.replace(/^#run=/, ''));
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.link.userActions.length;
}

test('the speed slider goes up to 50×; at 20× a scripted crash at 3 s comes within seconds', async ({
  page,
}) => {
  await page.goto('/');
  await pickScenario(page, 'Leader crash');
  const speed = page.getByRole('slider', { name: 'speed' });
  expect(Number(await speed.getAttribute('max'))).toBeCloseTo(Math.log10(50), 5);
  await speed.fill(String(Math.log10(20)));
  await expect(speed).toHaveAttribute('aria-valuetext', '20× real time');
  await page.keyboard.press(']');
  await expect(speed).toHaveAttribute('aria-valuetext', '40× real time');
  await page.keyboard.press('[');
  await expect(speed).toHaveAttribute('aria-valuetext', '20× real time');
  const started = Date.now();
  await page.getByRole('button', { name: 'Play' }).click();
  // The scripted crash at 3 s is on the timeline (it lasts only 150 ms of real time at 20×).
  await expect(page.getByRole('button', { name: /^crash at 3000 ms/ }).first()).toBeVisible({
    timeout: 5000,
  });
  // 3 s of virtual time at 20× is 150 ms; allow for a loaded machine (at 1× it takes 3 s).
  expect(Date.now() - started).toBeLessThan(2500);
});

test('"next action" runs to the next scripted action and pauses there', async ({ page }) => {
  await page.goto('/');
  await pickScenario(page, 'Leader crash');
  const next = page.getByRole('button', { name: 'Run to the next scripted action' });
  await expect(next).toBeEnabled();
  await next.click();
  await expect(clock(page)).toHaveAccessibleName('virtual time 3.000 s');
  await expect(crashed(page)).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'announcements' })).toContainText(/at 3\.000 s/);
  // The next one restarts the servers at 6 s; after that there is none.
  await next.click();
  await expect(clock(page)).toHaveAccessibleName('virtual time 6.000 s');
  await expect(crashed(page)).toHaveCount(0);
  await expect(next).toBeDisabled();
});

test('"next marker" runs to the next moment on the timeline, computing ahead', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^server S1,/ })).toBeVisible();
  const next = page.getByRole('button', { name: 'Run to the next marker' });
  const slider = page.getByRole('slider', { name: 'timeline' });
  await next.click();
  // The first marker of a fresh run is its first election: the cursor lands on that event.
  const first = page.getByRole('button', { name: /^election at / }).first();
  await expect(first).toBeVisible();
  const at = /^election at ([\d.]+ ms)/.exec((await first.getAttribute('aria-label'))!)![1]!;
  await expect(slider).toHaveAttribute('aria-valuetext', new RegExp(`^t = ${at}, event \\d+$`));
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  // Again: the next marker after that one (a leader, here), later in time.
  const t1 = Number(await slider.getAttribute('aria-valuenow'));
  await next.click();
  await expect
    .poll(async () => Number(await slider.getAttribute('aria-valuenow')))
    .toBeGreaterThan(t1);
  await expect(page.getByRole('button', { name: /^leader change at / }).first()).toBeVisible();
});

test('scripted actions show on the timeline ahead of the play head, and jump there', async ({
  page,
}) => {
  await page.goto('/');
  await pickScenario(page, 'Leader crash');
  const markers = page.getByRole('group', { name: 'timeline markers' });
  const crashMark = markers.getByRole('button', {
    name: /^scripted action at 3\.000 s: .*\(ahead\)$/,
  });
  await expect(crashMark).toBeVisible();
  await expect(markers.getByRole('button', { name: /^scripted action at 6\.000 s/ })).toHaveCount(
    5,
  );
  // Drawn to scale ahead of the play head (at 0): right of the thumb, 3 s of ~6.6 s across.
  const track = (await page.getByRole('slider', { name: 'timeline' }).boundingBox())!;
  const mark = (await crashMark.boundingBox())!;
  const frac = (mark.x + mark.width / 2 - track.x) / track.width;
  expect(frac).toBeGreaterThan(0.35);
  expect(frac).toBeLessThan(0.55);
  await crashMark.click();
  await expect(clock(page)).toHaveAccessibleName('virtual time 3.000 s');
  await expect(crashed(page)).toHaveCount(1);
  await expect(
    markers.getByRole('button', { name: /^scripted action at 3\.000 s: [^(]*$/ }),
  ).toBeVisible();
});

test('restart, new seed, N and the server count ask before discarding your actions', async ({
  page,
}) => {
  await openAtFullSpeed(page);
  // No actions yet: Restart run just restarts.
  await page.getByRole('button', { name: 'Restart run' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Play' }).click();
  const leader = await waitForLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('c');
  await expect(crashed(page)).toHaveCount(1);

  const dialog = page.getByRole('alertdialog');
  // Restart run: asks; Escape cancels and keeps the run (and the crash).
  const restart = page.getByRole('button', { name: 'Restart run' });
  await restart.click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('discards the action you took');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(restart).toBeFocused();
  await expect(crashed(page)).toHaveCount(1);

  // N asks too; Tab reaches the confirm button and stays in the dialog.
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('n');
  await expect(dialog).toHaveAccessibleName('New seed?');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'New seed' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(crashed(page)).toHaveCount(1);

  // The server count: asks; confirming starts over with 3 servers and no crash.
  await page.getByRole('combobox', { name: 'servers' }).selectOption('3');
  await expect(dialog).toHaveAccessibleName('Start over with 3 servers?');
  await expect(page.getByRole('button', { name: /^server S\d+,/ })).toHaveCount(5);
  await dialog.getByRole('button', { name: 'Start over with 3 servers' }).click();
  await expect(page.getByRole('button', { name: /^server S\d+,/ })).toHaveCount(3);
  await expect(crashed(page)).toHaveCount(0);
  expect(leader.id).toMatch(/^S\d$/);
  // The new run has no actions: New seed does not ask.
  await page.getByRole('button', { name: 'New seed' }).click();
  await expect(dialog).toHaveCount(0);
});

test('one drag of the workload rate slider records one action', async ({ page }) => {
  await page.goto('/');
  const rate = page.getByRole('slider', { name: 'workload rate' });
  await expect(rate).toBeVisible();
  await expect.poll(() => page.evaluate(() => location.hash.length)).toBeGreaterThan(10);
  expect(await linkActions(page)).toBe(0);
  const box = (await rate.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.1, y);
  await page.mouse.down();
  // To about 8/s: the rates on the way (1, 2, 3 … 8) used to be one action each.
  await page.mouse.move(box.x + box.width * 0.4, y, { steps: 15 });
  await page.mouse.up();
  await expect(rate).not.toHaveAttribute('aria-valuetext', /^2 operations/);
  await expect.poll(() => linkActions(page), { timeout: 3000 }).toBeGreaterThan(0);
  await page.waitForTimeout(400);
  expect(await linkActions(page)).toBe(1);
});

test('browser Back steps back through the loaded runs, without leaving the lab', async ({
  page,
}) => {
  await page.goto('/');
  const about = page.getByRole('region', { name: 'about this scenario' });
  await expect(about.getByRole('heading')).toHaveText('Raft playground');
  await expect.poll(() => page.evaluate(() => location.hash.length)).toBeGreaterThan(10);
  await pickScenario(page, 'Leader crash');
  await pickScenario(page, 'Split vote');
  await expect(about.getByRole('heading')).toHaveText('Split vote');
  await page.waitForTimeout(400);
  await page.goBack();
  await expect(about.getByRole('heading')).toHaveText('Leader crash');
  expect(page.url()).toContain('#run=');
  await page.goBack();
  await expect(about.getByRole('heading')).toHaveText('Raft playground');
  await page.goForward();
  await expect(about.getByRole('heading')).toHaveText('Leader crash');
});
