/**
 * "Break a rule" (issue 13): a mutant switched on in the lab re-runs the run with that rule
 * off, marks the run as mutated in its header and its about panel, and the exported scenario
 * carries it; switched off again, the run is plain.
 */
import { expect, test } from '@playwright/test';
import { openAtFullSpeed, waitForLeader } from './helpers';

test('switch a Raft rule off and on again; the run says so and exports it', async ({ page }) => {
  await openAtFullSpeed(page);
  await waitForLeader(page);
  await page.getByText('Break a rule').click();
  const mutant = page.getByRole('checkbox', { name: 'vote-twice-per-term' });
  await expect(mutant).not.toBeChecked();
  await mutant.click();
  await expect(mutant).toBeChecked();
  await expect(page.locator('.mutated-badge')).toHaveText('mutated: vote-twice-per-term');
  await expect(page.getByRole('list', { name: 'mutations' })).toContainText(
    'Mutated: vote-twice-per-term',
  );

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export scenario' }).click();
  const file = await download;
  const chunks = await (await file.createReadStream()).toArray();
  const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { mutations?: string[] };
  expect(json.mutations).toEqual(['vote-twice-per-term']);

  await page.getByRole('checkbox', { name: 'vote-twice-per-term' }).click();
  await expect(page.getByRole('checkbox', { name: 'vote-twice-per-term' })).not.toBeChecked();
  await expect(page.locator('.mutated-badge')).toHaveCount(0);
});
