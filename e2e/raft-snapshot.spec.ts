/**
 * Log compaction in the lab (§7, issue 14): the shipped catch-up scenario, seen through the
 * InstallSnapshot message in flight, the trace line of its delivery, the hatched snapshot
 * blocks of the log matrix and the inspector; the snapshot field switches compaction off.
 */
import { expect, test } from '@playwright/test';
import { stepUntil } from './helpers';

test('a restarted follower catches up by InstallSnapshot; the log matrix shows each snapshot', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'scenario' }).selectOption({
    label: 'Raft snapshots: a restarted follower catches up by InstallSnapshot',
  });
  await expect(page.getByRole('region', { name: 'about this scenario' })).toBeVisible();
  const every = page.getByRole('spinbutton', { name: /^snapshot every/ });
  await expect(every).toHaveValue('10');

  // Run to S1's restart at 3.5 s (the crash at 1 s is the first scripted action).
  const next = page.getByRole('button', { name: 'Run to the next scripted action' });
  const atRestart = page.getByLabel(/^virtual time 3\.50* s/);
  for (let i = 0; i < 3 && !(await atRestart.isVisible()); i++) {
    await expect(next).toBeEnabled({ timeout: 10_000 });
    await next.click();
    await page.waitForTimeout(300);
  }
  await expect(atRestart).toBeVisible({ timeout: 10_000 });
  // While S1 was down the others compacted: their snapshots are hatched blocks.
  const snapshotOf = (id: string) =>
    page.getByRole('cell', { name: new RegExp(`^${id} snapshot ≤ `) });
  await expect(snapshotOf('S3')).toBeVisible();
  // S1's own snapshot (≤ 10) lies left of the window, which shows the newest 40 indexes.
  await expect(snapshotOf('S1')).toHaveCount(0);

  // Step to the leader's InstallSnapshot to S1, drawn in flight with its label.
  const glyph = page.getByRole('button', {
    name: /^message \d+: InstallSnapshot ≤ \d+ from S3 to S1, term 1$/,
  });
  // The step key goes to the page, not to the scenario menu or the snapshot field.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await stepUntil(page, async () => (await glyph.count()) > 0);
  await page.screenshot({ path: '/tmp/snap-e2e-flight.png' });
  // …and on to its delivery: the trace line says what S1 did with it (Figure 13, step 7).
  const recent = page.getByRole('list', { name: 'newest events first' });
  await stepUntil(page, async () =>
    /installs S3's snapshot up to \d+/.test(await recent.innerText()),
  );
  await expect(recent).toContainText(
    /installs S3's snapshot up to \d+ \(term 1\), discarding its log 11…15/,
  );

  // S1's snapshot block jumped to the leader's.
  await expect
    .poll(async () =>
      Number(/≤ (\d+)/.exec((await snapshotOf('S1').getAttribute('aria-label')) ?? '')?.[1]),
    )
    .toBeGreaterThanOrEqual(60);
  await page.getByRole('button', { name: /^server S1,/ }).click();
  const inspector = page.getByRole('region', { name: 'inspector' });
  await expect(inspector).toContainText(/snapshot\s*≤ \d+ \(lastIncludedTerm 1\)/);
  await page.screenshot({ path: '/tmp/snap-e2e-install.png', fullPage: true });

  // Compaction off: the same run, re-run to the same moment, has no snapshot anywhere.
  await every.fill('0');
  await expect(every).toHaveValue('0');
  await expect(page.getByRole('cell', { name: / snapshot ≤ / })).toHaveCount(0, {
    timeout: 10_000,
  });
  await page.getByRole('button', { name: /^server S1,/ }).click();
  await expect(inspector).toContainText(/snapshot\s*none/);
});
