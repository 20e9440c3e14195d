/**
 * The capacity panel (issue 12): open the saturation-knee scenario, open the Capacity tab,
 * press "Find the knee": the worker runs the ramp step by step, the curve of latency against
 * throughput is drawn with the knee ringed and labelled, and the steps table marks the knee's
 * row. At a laptop's and a small window's size, with screenshots.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { pickScenario } from './helpers';

const VIEWPORTS = [
  { name: 'laptop', width: 1440, height: 900 },
  { name: 'small', width: 1024, height: 700 },
] as const;

/** Where the screenshots go: SHOTS_DIR (e.g. /tmp/knee-shots), else the test's output folder. */
const shot = (name: string) =>
  process.env.SHOTS_DIR ? `${process.env.SHOTS_DIR}/${name}` : test.info().outputPath(name);

for (const vp of VIEWPORTS) {
  test(`the capacity panel finds and marks the knee (${vp.name})`, async ({ page }) => {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await page.goto('/');
    await expect(page.getByRole('button', { name: /^server S1,/ })).toBeVisible();
    await pickScenario(page, 'Raft: the saturation knee of a busy leader');
    const tab = page.getByRole('tab', { name: 'Capacity' });
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    const panel = page.getByRole('region', { name: 'capacity' });
    await panel.getByRole('button', { name: 'Find the knee' }).click();
    // Progress while the worker runs the ramp, then the knee in the status line.
    await expect(panel.getByRole('status')).toHaveText(/Knee at 600 ops\/s offered/, {
      timeout: 30_000,
    });
    await expect(panel).toHaveAttribute('aria-busy', 'false');
    const chart = panel.getByRole('img', { name: /^latency against throughput, 12 steps/ });
    await expect(chart).toBeVisible();
    await expect(chart).toHaveAttribute('aria-label', /knee: 600 ops\/s offered → 5\d\d ops\/s/);
    // The knee is ringed and labelled on the curve; its row in the table is marked.
    const label = chart.locator('.knee-text');
    await expect(label).toHaveText(/^knee: 600 ops\/s offered → 5\d\d ops\/s, p99 \d+ ms$/);
    await expect(chart.locator('.knee-ring')).toHaveCount(1);
    expect(await chart.locator('path.knee-line').count()).toBe(2);
    expect(await chart.locator('circle.knee-dot.p99').count()).toBe(12);
    const rows = panel.getByRole('table', { name: 'steps of the ramp' }).locator('tbody tr');
    await expect(rows).toHaveCount(12);
    await expect(rows.nth(5)).toHaveClass(/knee-row/);
    await expect(rows.nth(5)).toContainText('knee');
    // The label stays inside the chart.
    const box = (await chart.boundingBox())!;
    const text = (await label.boundingBox())!;
    expect(text.x).toBeGreaterThanOrEqual(box.x - 1);
    expect(text.x + text.width).toBeLessThanOrEqual(box.x + box.width + 1);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot(`knee-${vp.name}.png`), fullPage: false });
    await chart.screenshot({ path: shot(`knee-chart-${vp.name}.png`) });
    const a11y = await new AxeBuilder({ page }).include('.capacity').analyze();
    expect(a11y.violations.map((v) => v.id)).toEqual([]);
  });
}

test('a protocol without clients has no capacity tab', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^server S1,/ })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Capacity' })).toBeVisible();
  await page.getByRole('combobox', { name: 'protocol' }).selectOption({ label: 'Paxos' });
  await expect(page.getByRole('tab', { name: 'Latency' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Capacity' })).toHaveCount(0);
});
