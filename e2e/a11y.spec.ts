/**
 * Keyboard and screen readers (issue 16, item 6): axe-core over the page's main states, Space
 * on focused controls, the shortcut sheet as a modal dialog, live regions that stay quiet
 * while playing, the light theme, and a diagram that lets phones scroll.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openAtFullSpeed, waitForLeader } from './helpers';

/** Rules the issue named that axe rates below serious: they must pass too. */
const NAMED = new Set([
  'page-has-heading-one',
  'landmark-no-duplicate-banner',
  'empty-table-header',
]);

/** Serious and critical axe violations on the page now (and the named ones), readable. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || NAMED.has(v.id))
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

/** Runs axe in one state; the test checks every state's findings at its end. */
function collector(page: Page) {
  const found: Record<string, string[]> = {};
  return {
    found,
    async check(state: string): Promise<void> {
      const v = await seriousViolations(page);
      if (v.length > 0) found[state] = v;
    },
  };
}

test.describe('axe-core finds no serious or critical violations', () => {
  for (const scheme of ['dark', 'light'] as const) {
    test(`in every main state of the page (${scheme} theme)`, async ({ page }) => {
      // axe over a page with a long event log takes a while on a loaded 2-core machine.
      test.setTimeout(240_000);
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      const axe = collector(page);
      await page.goto('/');
      await expect(page.getByRole('button', { name: /^server S1,/ })).toBeVisible();
      await axe.check('initial');

      await openAtFullSpeed(page);
      await waitForLeader(page);
      await axe.check('playing');

      await page.getByRole('button', { name: 'Pause' }).click();
      await page.getByRole('button', { name: /^server S2,/ }).click();
      await expect(page.getByRole('region', { name: 'inspector' })).toContainText('S2');
      await axe.check('node selected');

      const anyMessage = page.getByRole('button', { name: /^message \d+: / });
      for (let i = 0; i < 40 && (await anyMessage.count()) === 0; i++) {
        await page.getByRole('button', { name: 'Step one event' }).click();
      }
      const label = (await anyMessage.first().getAttribute('aria-label'))!;
      await page.getByRole('button', { name: label }).click();
      await expect(page.getByRole('region', { name: 'inspector' })).toContainText('Message');
      await axe.check('message selected');

      await page.keyboard.press('Escape');
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await axe.check('help dialog open');
      await page.keyboard.press('Escape');

      for (const tab of ['Latency', 'Space-time', 'Event log']) {
        await page.getByRole('tab', { name: tab }).click();
        await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
        await axe.check(`timeline panel ${tab}`);
      }
      expect(axe.found).toEqual({});
    });
  }
});

test('Space on a focused checkbox toggles it and does not start playback', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('checkbox', { name: 'workload' });
  await expect(box).toBeChecked();
  await box.focus();
  await page.keyboard.press(' ');
  await expect(box).not.toBeChecked();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.waitForTimeout(300);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  // Elsewhere Space still plays and pauses.
  await page.locator('body').focus();
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
});

test('Space on a focused server selects it, as the shortcut sheet says', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^server S3,/ })).toBeVisible();
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText(
    /Space.*on a focused server.*select/i,
  );
  await page.keyboard.press('Escape');
  const s3 = page.getByRole('button', { name: /^server S3,/ });
  await s3.focus();
  await page.keyboard.press(' ');
  await expect(s3).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('region', { name: 'inspector' })).toContainText('S3');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  // Enter does the same; pressing again clears the selection.
  await page.keyboard.press('Enter');
  await expect(s3).toHaveAttribute('aria-pressed', 'false');
});

test('the shortcut sheet traps focus and gives it back on close', async ({ page }) => {
  await page.goto('/');
  const opener = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
  // Opened with `?` from the speed slider, focus returns there.
  const speed = page.getByRole('slider', { name: 'speed' });
  await speed.focus();
  await page.keyboard.press('?');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(speed).toBeFocused();
});

test('the hidden file input is not a Tab stop', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^server S1,/ })).toBeVisible();
  await page.getByRole('button', { name: 'Open file…' }).focus();
  await page.keyboard.press('Tab');
  const tag = await page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return el ? `${el.tagName}:${el.type ?? ''}` : '';
  });
  expect(tag).not.toBe('INPUT:file');
});

test('fast-changing text is not live; stepping announces what the step did', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^server S1,/ })).toBeVisible();
  // Nothing that changes many times a second while playing sits in a live region.
  const liveTexts = await page
    .locator('[aria-live]:not([aria-live="off"]), [role="status"], [role="log"], [role="alert"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.className));
  for (const fast of ['status-line', 'transport-readout', 'event-count', 'clock']) {
    expect(liveTexts.some((t) => t.includes(fast))).toBe(false);
  }
  const announcer = page.getByRole('status', { name: 'announcements' });
  await expect(announcer).toBeAttached();
  await page.getByRole('button', { name: 'Step one event' }).click();
  await expect(announcer).toContainText(/^event 1 at [\d.]+ ms: .*timer fires/);
  // While playing it stays quiet.
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(600);
  const a = await announcer.textContent();
  await page.waitForTimeout(600);
  expect(await announcer.textContent()).toBe(a);
});

test('a light theme follows prefers-color-scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^server S1,/ })).toBeVisible();
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g)!.map(Number);
  expect(r! + g! + b!).toBeGreaterThan(600);
  const panel = await page
    .getByRole('region', { name: 'timeline panel' })
    .evaluate((e) => getComputedStyle(e).backgroundColor);
  const [pr, pg, pb] = panel.match(/\d+/g)!.map(Number);
  expect(pr! + pg! + pb!).toBeGreaterThan(600);
  const dir = process.env.SHOTS_DIR;
  await page.screenshot({
    path: dir ? `${dir}/light-1440x900.png` : test.info().outputPath('light-1440x900.png'),
  });
});

test('on a phone the diagram lets the page scroll', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  const cluster = page.getByRole('group', { name: /^cluster of/ });
  await expect(cluster).toBeVisible();
  const touch = await cluster.evaluate((e) => getComputedStyle(e).touchAction);
  expect(touch).not.toBe('none');
  expect(touch).toMatch(/pan-y|auto|manipulation/);
});
