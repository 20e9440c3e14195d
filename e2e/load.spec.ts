/**
 * The load lab: the load balancer opened from the protocol menu, played in real time. Its
 * backends' queues and utilisation move in the Backends table; a backend crashed by clicking
 * it stops getting requests while the others take them; compare mode runs three strategies on
 * the same seed and load and shows a table row per strategy and the overlaid distributions.
 * At a laptop's and a phone's size, with screenshots.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

const VIEWPORTS = [
  { name: 'laptop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Where the screenshots go: SHOTS_DIR (e.g. /tmp/load-shots), else the test's output folder. */
const shot = (name: string) =>
  process.env.SHOTS_DIR ? `${process.env.SHOTS_DIR}/${name}` : test.info().outputPath(name);

interface Row {
  id: string;
  state: string;
  utilisation: number;
  waiting: number;
  maxQueue: number;
  served: number;
  errors: number;
}

const ROW_LABEL =
  /^(S\d+): ([\w ]+), utilisation ([\d.]+|—) %?, (\d+) waiting \(max (\d+)\), (\d+) served, (\d+) errors$/;

/** The Backends table's rows as their accessible names state them, read in one go. */
async function backendRows(page: Page): Promise<Row[]> {
  const labels = await page
    .getByRole('region', { name: 'backends' })
    .getByRole('row', { name: /^S\d+:/ })
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  return labels.map((l) => {
    const m = ROW_LABEL.exec(l);
    if (!m) throw new Error(`unexpected backend row: ${l}`);
    return {
      id: m[1]!,
      state: m[2]!,
      utilisation: Number(m[3]),
      waiting: Number(m[4]),
      maxQueue: Number(m[5]),
      served: Number(m[6]),
      errors: Number(m[7]),
    };
  });
}

const servedBy = async (page: Page) =>
  Object.fromEntries((await backendRows(page)).map((r) => [r.id, r.served]));

async function openLoadLab(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^server S1,/ })).toBeVisible();
  await page.getByRole('combobox', { name: 'protocol' }).selectOption({ label: 'Load balancer' });
  await expect(page.getByRole('button', { name: 'server S1, backend' })).toBeVisible();
  await expect(page).toHaveTitle(/^Load balancer playground ·/);
}

for (const vp of VIEWPORTS) {
  test.describe(`at ${vp.width}×${vp.height}`, () => {
    test.use({ viewport: { width: vp.width, height: vp.height } });

    test('play, crash a backend by clicking it, compare three strategies', async ({ page }) => {
      test.setTimeout(90_000);
      await openLoadLab(page);
      const backends = page.getByRole('region', { name: 'backends' });
      await expect(backends.getByRole('row', { name: /^S\d+:/ })).toHaveCount(5);
      await expect(
        page.getByText(/least-connections · 2 workers · open load 175\/s/),
      ).toBeVisible();

      // Play in real time: 175 requests a second spread over five backends.
      await page.getByRole('slider', { name: 'speed' }).fill('0');
      await page.getByRole('button', { name: 'Play' }).click();
      await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
      await expect
        .poll(async () => (await backendRows(page)).filter((r) => r.served > 20).length, {
          timeout: 15_000,
        })
        .toBe(5);
      // Queues form now and then at 70 % load; utilisation is measured.
      await expect
        .poll(async () => (await backendRows(page)).some((r) => r.maxQueue > 0), {
          timeout: 15_000,
        })
        .toBe(true);
      const rows = await backendRows(page);
      for (const r of rows) {
        expect(r.state).toBe('in rotation');
        expect(r.utilisation).toBeGreaterThan(20);
        expect(r.utilisation).toBeLessThan(100);
      }
      await page.screenshot({ path: shot(`load-${vp.name}-playing.png`) });

      // Crash S2 by clicking it: the inspector's button.
      await page.getByRole('button', { name: 'server S2, backend' }).click();
      await expect(page.getByText('health (balancer)')).toBeVisible();
      await page.getByRole('button', { name: 'Crash S2' }).click();
      await expect(page.getByRole('button', { name: 'server S2, crashed' })).toBeVisible();
      await expect
        .poll(async () => (await backendRows(page)).find((r) => r.id === 'S2')?.state)
        .toBe('crashed');
      // Within a second the balancer stops sending to S2 (it answers nothing, so its
      // outstanding requests pile up; the health checks then mark it down): S2 serves no
      // more, while the others keep serving, now the whole load.
      await page.waitForTimeout(1500);
      const before = await servedBy(page);
      await page.waitForTimeout(2000);
      const after = await servedBy(page);
      expect(after.S2).toBe(before.S2);
      for (const id of ['S1', 'S3', 'S4', 'S5']) expect(after[id]!).toBeGreaterThan(before[id]!);
      await expect(page.getByText(/marked down by health checks/)).toBeVisible();
      await page.screenshot({ path: shot(`load-${vp.name}-crashed.png`) });
      await backends.screenshot({ path: shot(`load-${vp.name}-backends.png`) });
      await page.getByRole('button', { name: 'Pause', exact: true }).click();

      // Compare mode: round robin, random and p2c (ticked at the start) on this run.
      const compare = page.getByRole('region', { name: 'compare strategies' });
      await compare.scrollIntoViewIfNeeded();
      for (const s of ['round-robin', 'random', 'p2c']) {
        await expect(compare.getByRole('checkbox', { name: new RegExp(`^${s}`) })).toBeChecked();
      }
      await compare.getByRole('button', { name: 'Run 3 strategies' }).click();
      const table = compare.getByRole('table', { name: 'percentiles by strategy' });
      await expect(table.getByRole('row', { name: /^(round-robin|random|p2c): p50 / })).toHaveCount(
        3,
        { timeout: 20_000 },
      );
      await expect(compare.getByText(/^Done in [\d.]+ s of real time\.$/)).toBeVisible();
      await expect(compare.getByText(/^Seed 1, the first \d+ s of 3600 s/)).toBeVisible();
      const chart = compare.getByRole('img', { name: /^latency by percentile for / });
      await expect(chart).toBeVisible();
      await expect(chart.locator('path.lb-line')).toHaveCount(3);
      // The crash the user made is part of the compared run: round robin keeps sending S2
      // a fifth of the requests until its checks notice, so some of them fail.
      const rr = await table.getByRole('row', { name: /^round-robin:/ }).getAttribute('aria-label');
      expect(rr).toMatch(/errors [\d.]+ %/);
      await compare.screenshot({ path: shot(`load-${vp.name}-compare.png`) });
      await page.screenshot({ path: shot(`load-${vp.name}-full.png`), fullPage: true });

      // The load lab's panels pass axe's serious and critical rules.
      const { violations } = await new AxeBuilder({ page })
        .include('.lb-backends')
        .include('.lb-compare')
        .include('.inspector')
        .analyze();
      const serious = violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
      expect(serious).toEqual([]);

      // Nothing of the page is wider than the screen (a phone scrolls only the tables).
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    });
  });
}

test('compare mode asks for two strategies and names its errors', async ({ page }) => {
  await openLoadLab(page);
  const compare = page.getByRole('region', { name: 'compare strategies' });
  await compare.getByRole('checkbox', { name: /^random/ }).uncheck();
  await compare.getByRole('checkbox', { name: /^p2c/ }).uncheck();
  await expect(compare.getByRole('button', { name: 'Run 1 strategy' })).toBeDisabled();
  await expect(compare.getByText('Tick at least two strategies.')).toBeVisible();
  await compare.getByRole('checkbox', { name: /^least-connections/ }).check();
  await expect(compare.getByRole('button', { name: 'Run 2 strategies' })).toBeEnabled();
});

test('a crash shows as errors in the latency chart, then recovery; the report exports', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openLoadLab(page);
  await page.getByRole('slider', { name: 'speed' }).fill('0');
  await page.getByRole('button', { name: 'Play' }).click();
  const chart = page.getByRole('img', { name: /^latency chart, / });
  const counts = async () => {
    const label = (await chart.getAttribute('aria-label')) ?? '';
    const m = /(\d+) ok, (\d+) failed, (\d+) timed out/.exec(label);
    return m ? { ok: Number(m[1]), bad: Number(m[2]) + Number(m[3]) } : { ok: 0, bad: 0 };
  };
  await expect.poll(async () => (await counts()).ok, { timeout: 15_000 }).toBeGreaterThan(100);
  expect((await counts()).bad).toBe(0);
  // Crash S2 by clicking it: its requests in service fail (time out) — errors in the chart.
  await page.getByRole('button', { name: 'server S2, backend' }).click();
  await page.getByRole('button', { name: 'Crash S2' }).click();
  await expect.poll(async () => (await counts()).bad, { timeout: 15_000 }).toBeGreaterThan(0);
  // Recovery: the health checks take S2 out; the errors stop while the ok count goes on.
  await page.waitForTimeout(2500);
  const settled = await counts();
  await page.waitForTimeout(2500);
  const later = await counts();
  expect(later.bad).toBe(settled.bad);
  expect(later.ok).toBeGreaterThan(settled.ok + 100);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();

  // The aggregate report: S2's row has errors, the total is the sum; it exports as CSV.
  const report = page.getByRole('region', { name: 'aggregate report' });
  await report.scrollIntoViewIfNeeded();
  await expect(report.getByRole('rowheader', { name: 'TOTAL' })).toBeVisible();
  const download = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('aggregate-report-seed1.csv');
  const text = await (await file.createReadStream()).toArray();
  const lines = Buffer.concat(text).toString('utf8').trim().split('\n');
  expect(lines[0]).toBe(
    'Label,# Samples,Average,Median,90% Line,95% Line,99% Line,Min,Max,Error %,Throughput',
  );
  const s2 = lines.find((l) => l.startsWith('S2,'))!;
  expect(Number(s2.split(',')[9]!.replace('%', ''))).toBeGreaterThan(0);
  expect(lines.at(-1)!.startsWith('TOTAL,')).toBe(true);
  await report.screenshot({ path: shot('load-aggregate.png') });
});
