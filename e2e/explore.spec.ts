/**
 * The explorer in the lab (issue 13): explore a Raft mutant over a few seeds, see the progress
 * bar move and failures appear, open one and land on the event that broke the invariant, with
 * the offending events (the violating one and the other leader's election its checker names)
 * listed, marked in the event log and the space-time diagram, and their nodes ringed.
 */
import { expect, test } from '@playwright/test';

test('explore a Raft mutant, open a failing seed at its violation', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^server S1,/ })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Explore' });
  await panel.locator('summary').click();
  await expect(panel.getByText('Raft on 5 servers')).toBeVisible();
  // Two leaders of one term: Election Safety names both elections.
  const mutant = panel.getByRole('checkbox', { name: 'vote-twice-per-term' });
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

  // The offending events: the violating one and the earlier election the checker names.
  const offending = panel.getByRole('region', { name: 'offending events' });
  await expect(offending).toContainText(`Seed ${seed} opened`);
  await expect(offending).toContainText('Election Safety');
  const violating = offending.getByRole('button', {
    name: new RegExp(`^offending event ${eventId}, the violating event`),
  });
  await expect(violating).toContainText('becomes leader');
  const earlier = offending.getByRole('button', { name: /, led to it/ });
  await expect(earlier).toHaveCount(1);
  await expect(earlier).toContainText('becomes leader');
  const earlierId = /^offending event (\d+),/.exec(
    (await earlier.getAttribute('aria-label'))!,
  )![1]!;
  expect(Number(earlierId)).toBeLessThan(Number(eventId));
  // The two leaders are ringed in the cluster.
  await expect(page.locator('svg circle.highlight-ring')).toHaveCount(2);

  // The event log marks the violating event's rows, and the earlier one's once there.
  const history = page.getByRole('region', { name: 'history panels' });
  await history.getByRole('tab', { name: 'Event log' }).click();
  const log = history.getByRole('listbox', { name: 'event log' });
  await expect(
    log.getByRole('option', { name: new RegExp(`, event ${eventId} \\(offending\\): `) }).first(),
  ).toBeVisible({ timeout: 10_000 });
  await earlier.click();
  await expect(page.locator('.event-count')).toHaveAttribute('aria-label', `event ${earlierId}`, {
    timeout: 10_000,
  });
  await expect(
    log.getByRole('option', { name: new RegExp(`, event ${earlierId} \\(offending\\): `) }).first(),
  ).toBeVisible({ timeout: 10_000 });

  // The space-time diagram rings it on its lane.
  await history.getByRole('tab', { name: 'Space-time' }).click();
  const rings = history.getByRole('list', { name: 'offending events' });
  await expect(
    rings.getByRole('listitem', { name: new RegExp(`^offending event ${earlierId} at `) }),
  ).toBeAttached({ timeout: 10_000 });
});
