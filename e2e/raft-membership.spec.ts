/**
 * Raft membership change in the lab (issue 14, dissertation §4): "+ server" adds S6 and the
 * quorum follows the configuration (3 of 5 → 4 of 6); "Remove" in a server's inspector takes
 * one out (back to 3 of 5), and the removed server stays on the ring, greyed, "removed".
 */
import { expect, test } from '@playwright/test';
import { openAtFullSpeed, servers, waitForLeader } from './helpers';

test('add a server and remove one by clicking; node count and quorum follow', async ({ page }) => {
  await openAtFullSpeed(page);
  const leader = await waitForLeader(page);
  const quorum = page.getByRole('status', { name: /^quorum \d+ of \d+ servers/ });
  await expect(quorum).toHaveText('quorum 3 of 5');
  expect(await servers(page)).toHaveLength(5);
  await expect(page.getByRole('group', { name: 'cluster of 5 servers' })).toBeVisible();

  // A real mouse gesture on "+ server": move there, press, release.
  const add = page.getByRole('button', { name: '+ server' });
  const box = (await add.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.up();
  await expect(page.getByRole('button', { name: /^server S6,/ })).toBeVisible();
  await expect(page.getByRole('group', { name: 'cluster of 6 servers' })).toBeVisible();
  await expect(quorum).toHaveText('quorum 4 of 6');
  // S6 hears from the leader: it takes the leader's term (and the change commits).
  await expect
    .poll(async () => (await servers(page)).find((s) => s.id === 'S6')?.term, { timeout: 10_000 })
    .toBe(leader.term);
  await page.screenshot({ path: 'test-results/raft-membership-added.png' });

  // Remove a follower from its inspector.
  const target = (await servers(page)).find((s) => s.id !== leader.id && s.id !== 'S6')!;
  await page.getByRole('button', { name: new RegExp(`^server ${target.id},`) }).click();
  const remove = page.getByRole('button', { name: `Remove ${target.id}` });
  await expect(remove).toBeEnabled();
  await remove.click();
  await expect(quorum).toHaveText('quorum 3 of 5');
  // Still on the ring, greyed and named as removed; the cluster still draws six servers.
  await expect(
    page.getByRole('button', { name: new RegExp(`^server ${target.id},.*, removed$`) }),
  ).toBeVisible();
  await expect(page.getByRole('group', { name: 'cluster of 6 servers' })).toBeVisible();
  await expect(remove).toBeDisabled();
  await page.screenshot({ path: 'test-results/raft-membership-removed.png' });
});
