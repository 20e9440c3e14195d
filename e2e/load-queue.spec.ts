/**
 * The load lab's queue chart: one line per backend of requests waiting over virtual time.
 * Slowing a backend by clicking it (its inspector's speed buttons) makes its line rise above
 * the others while they stay low.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

const shot = (name: string) =>
  process.env.SHOTS_DIR ? `${process.env.SHOTS_DIR}/${name}` : test.info().outputPath(name);

/** Per backend, the mean waiting of the last 2 s and the highest bucket, from the chart's name. */
async function queues(page: Page): Promise<Record<string, { recent: number; peak: number }>> {
  const name =
    (await page
      .getByRole('img', { name: /^queue length over time: / })
      .getAttribute('aria-label')) ?? '';
  const out: Record<string, { recent: number; peak: number }> = {};
  for (const m of name.matchAll(/(S\d+) recent ([\d.]+), peak ([\d.]+)/g)) {
    out[m[1]!] = { recent: Number(m[2]), peak: Number(m[3]) };
  }
  return out;
}

test('slow a backend by clicking it: its queue line rises', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^server S1,/ })).toBeVisible();
  await page.getByRole('combobox', { name: 'protocol' }).selectOption({ label: 'Load balancer' });
  await expect(page.getByRole('button', { name: 'server S1, backend' })).toBeVisible();

  const panel = page.getByRole('region', { name: 'queue length over time' });
  await expect(panel).toBeVisible();
  const chart = panel.getByRole('img', { name: /^queue length over time: / });
  await expect(chart.locator('path.lb-queue-line')).toHaveCount(5);

  await page.getByRole('slider', { name: 'speed' }).fill('0');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  // Every backend has a line; a few seconds of the load at 70 % of capacity first.
  await expect
    .poll(async () => Object.keys(await queues(page)).length, { timeout: 15_000 })
    .toBe(5);
  await page.waitForTimeout(3000);
  const before = await queues(page);

  // Slow S3 to a fifth of its speed: 200 ms per request instead of 40, 10/s for its two
  // workers, below its share of the load even as least-connections sends it fewer. Its
  // queue line rises well above its own level before and above the others'.
  await page.getByRole('button', { name: 'server S3, backend' }).click();
  await page.getByRole('button', { name: 'Slow S3 to ×0.2' }).click();
  const rose = async () => {
    const q = await queues(page);
    const others = ['S1', 'S2', 'S4', 'S5'].map((id) => q[id]!.recent);
    const mean = others.reduce((a, b) => a + b, 0) / others.length;
    return q.S3!.recent > Math.max(before.S3!.recent, 2 * mean, 2);
  };
  await expect.poll(rose, { timeout: 20_000 }).toBe(true);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('load-queue-slowed.png') });
  await panel.screenshot({ path: shot('load-queue-panel.png') });
});
