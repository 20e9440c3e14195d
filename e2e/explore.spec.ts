/**
 * The explorer in the lab (issue 13): explore a Raft mutant over a few seeds, see the progress
 * bar move and failures appear, open one and land on the event that broke the invariant.
 */
import { expect, test } from '@playwright/test';

test('explore a Raft mutant, open a failing seed at its violation', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^server S1,/ })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Explore' });
  await panel.locator('summary').click();
  await expect(panel.getByText('Raft on 5 servers')).toBeVisible();
  const mutant = panel.getByRole('checkbox', { name: 'no-log-truncation' });
  await expect(mutant).not.toBeChecked();
  await mutant.check();
  await panel.getByRole('spinbutton', { name: 'first seed' }).fill('1');
  await panel.getByRole('spinbutton', { name: 'last seed' }).fill('30');
  await panel.getByRole('button', { name: 'Start' }).click();

  const bar = panel.getByRole('progressbar', { name: 'exploration progress' });
  await expect(bar).toHaveAttribute('aria-valuemax', '30', { timeout: 5_000 });
  await expect
    .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 })
    .toBeGreaterThan(0);
  const failures = panel.getByRole('list', { name: 'failing seeds' }).getByRole('button');
  await expect(failures.first()).toBeVisible({ timeout: 30_000 });
  // Wait for the end, so that the list no longer changes under the click.
  await expect(panel.getByText(/· done/)).toBeVisible({ timeout: 60_000 });
  await expect(bar).toHaveAttribute('aria-valuenow', '30');
  await expect(panel.getByText(/\d+(\.\d+)? runs\/s/)).toBeVisible();

  const first = failures.first();
  const label = (await first.getAttribute('aria-label')) ?? '';
  const m = /^seed (\d+): .* at event #(\d+), (\d+) → (\d+) actions$/.exec(label);
  expect(m, label).not.toBeNull();
  const [, seed, eventId] = m!;
  await first.click();

  await expect(page.getByRole('region', { name: 'about this scenario' })).toContainText(
    `explore raft seed ${seed}`,
    { timeout: 10_000 },
  );
  await expect(page.getByLabel('invariant violated')).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('.event-count')).toHaveAttribute('aria-label', `event ${eventId}`, {
    timeout: 10_000,
  });
});
