/**
 * Raft's extensions in the lab (issue 14): leadership transfer from the inspector (§3.10),
 * and the PreVote switch (§9.6) on the shipped deaf-follower scenario.
 */
import { expect, test } from '@playwright/test';
import { openAtFullSpeed, servers, waitForLeader } from './helpers';

test('transfer leadership from the inspector', async ({ page }) => {
  await openAtFullSpeed(page);
  const leader = await waitForLeader(page);
  const target = (await servers(page)).find((s) => s.id !== leader.id && s.role === 'follower')!;
  await page.getByRole('button', { name: new RegExp(`^server ${target.id},`) }).click();
  const transfer = page.getByRole('button', { name: `Transfer leadership to ${target.id}` });
  await expect(transfer).toBeVisible();
  await transfer.click();
  const next = await waitForLeader(page, (s) => s.id === target.id);
  expect(next.term).toBeGreaterThan(leader.term);
  // The new leader's inspector offers no transfer to itself.
  await expect(transfer).toHaveCount(0);
});

test('PreVote keeps a deaf follower from disrupting; switched off, terms climb', async ({
  page,
}) => {
  await page.goto('/');
  await page
    .getByRole('combobox', { name: 'scenario' })
    .selectOption({ label: 'Raft PreVote: a deaf follower stops disrupting' });
  await expect(page.getByRole('region', { name: 'about this scenario' })).toBeVisible();
  const preVote = page.getByRole('checkbox', { name: 'PreVote' });
  await expect(preVote).toBeChecked();
  // Through the fault: S1 is deaf from 1 s to 4 s; run to the heal.
  const next = page.getByRole('button', { name: 'Run to the next scripted action' });
  const at4s = page.getByLabel(/^virtual time 4(\.0+)? s/);
  // The four cuts share one instant (1 s); the heal comes at 4 s.
  for (let i = 0; i < 3 && !(await at4s.isVisible()); i++) {
    await expect(next).toBeEnabled({ timeout: 10_000 });
    await next.click();
    await page.waitForTimeout(300);
  }
  await expect(at4s).toBeVisible({ timeout: 10_000 });
  await expect.poll(async () => (await servers(page)).map((s) => s.term)).toEqual([1, 1, 1, 1, 1]);
  expect((await servers(page)).find((s) => s.role === 'leader')?.id).toBe('S3');
  // The same run without PreVote, at the same moment: S1's elections raised every term.
  // A controlled switch: it turns once the worker has re-run the scenario without PreVote.
  await preVote.click();
  await expect(preVote).not.toBeChecked();
  await expect
    .poll(async () => Math.min(...(await servers(page)).map((s) => s.term)), { timeout: 10_000 })
    .toBeGreaterThan(10);
  await expect(page.getByLabel(/^virtual time 4(\.0+)? s/)).toBeVisible();
});
