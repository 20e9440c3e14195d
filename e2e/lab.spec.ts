/**
 * The live lab, driven the way a person (or assistive technology) would: by roles and
 * accessible names. Runs play at 1× real time so every scenario takes a second or two.
 */
import { expect, test } from '@playwright/test';
import { leaders, logRows, openAtFullSpeed, servers, waitForLeader } from './helpers';

test('the page loads and a leader is elected', async ({ page }) => {
  await openAtFullSpeed(page);
  const leader = await waitForLeader(page);
  expect(leader.term).toBeGreaterThan(0);
  await expect(page.getByRole('status', { name: 'invariants hold' })).toBeVisible();
  await expect(
    page.getByRole('button', { name: `server ${leader.id}, leader, term ${leader.term}` }),
  ).toBeVisible();
});

test('isolating the leader by clicking links: the majority elects a higher-term leader; healing converges', async ({
  page,
}) => {
  await openAtFullSpeed(page);
  const old = await waitForLeader(page);

  // Cut every link of the leader, one click each.
  const others = (await servers(page)).filter((s) => s.id !== old.id).map((s) => s.id);
  for (const other of others) {
    const link = (state: string) =>
      page.getByRole('button', {
        name: new RegExp(`^link (${old.id} to ${other}|${other} to ${old.id}), ${state}$`),
      });
    // A click that lands on a message gliding along the link selects the message (it is
    // drawn over the link): as a person would, click the link again.
    await expect(async () => {
      if ((await link('up').count()) > 0) await link('up').click();
      await expect(link('down')).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
  }

  // The majority side elects a new leader with a higher term; the old one may still think
  // it leads its term, so look only at the others.
  const fresh = await waitForLeader(page, (s) => s.id !== old.id && s.term > old.term);
  expect(fresh.term).toBeGreaterThan(old.term);

  // Stop generating requests so the logs can settle, then heal every link.
  await page.getByRole('checkbox', { name: 'workload' }).uncheck();
  await page.getByRole('button', { name: 'Heal all' }).click();
  await expect(page.getByRole('button', { name: /^link .*, down$/ })).toHaveCount(0);

  // Exactly one leader and identical, fully committed logs.
  await expect
    .poll(
      async () => {
        const ls = await leaders(page);
        const rows = await logRows(page);
        const first = rows[0]!;
        return (
          ls.length === 1 &&
          first.length > 0 &&
          rows.every((r) => r.length === first.length && r.commit === first.length)
        );
      },
      { timeout: 10_000, intervals: [100] },
    )
    .toBe(true);
});

test('crashing the leader by clicking leads to a new leader', async ({ page }) => {
  await openAtFullSpeed(page);
  const old = await waitForLeader(page);
  await page.getByRole('button', { name: `server ${old.id}, leader, term ${old.term}` }).click();
  await page.getByRole('button', { name: `Crash ${old.id}` }).click();
  await expect(
    page.getByRole('button', { name: new RegExp(`^server ${old.id}, crashed`) }),
  ).toBeVisible();
  const fresh = await waitForLeader(page, (s) => s.id !== old.id);
  expect(fresh.term).toBeGreaterThan(old.term);
  // Restart from the inspector: the old leader rejoins as a follower of the new term.
  await page.getByRole('button', { name: `Restart ${old.id}` }).click();
  await expect(
    page.getByRole('button', { name: new RegExp(`^server ${old.id}, follower, term (\\d+)$`) }),
  ).toBeVisible();
});

test('step mode advances exactly one event per press', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const counter = page.getByLabel(/^event \d+$/);
  await expect(counter).toHaveAccessibleName('event 0');
  const clock = page.getByLabel(/^virtual time/);
  const t0 = await clock.getAttribute('aria-label');

  await page.keyboard.press('ArrowRight');
  await expect(counter).toHaveAccessibleName('event 1');
  await page.keyboard.press('ArrowRight');
  await expect(counter).toHaveAccessibleName('event 2');
  await page.getByRole('button', { name: 'Step one event' }).click();
  await expect(counter).toHaveAccessibleName('event 3');
  // Stepping jumps virtual time to the event; it does not play.
  await expect(clock).not.toHaveAttribute('aria-label', t0!);
  await page.waitForTimeout(300);
  await expect(counter).toHaveAccessibleName('event 3');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  // The first event is an election timeout: "what just happened" says so.
  await expect(page.getByRole('region', { name: 'recent events' })).toContainText('timer fires');
});

test('a bad scenario file shows its errors and keeps the current run', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^server S5,/ })).toBeVisible();
  const seed = await page.getByLabel(/^seed /).getAttribute('aria-label');

  await page.getByLabel('scenario file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({ protocol: 'raft', nodes: 'five', seed: -3, duration: 1000 }),
    ),
  });
  const alert = page.getByRole('alert', { name: 'scenario error' });
  await expect(alert).toContainText('broken.json');
  await expect(alert).toContainText('$.nodes');
  await expect(alert).toContainText('$.seed');
  // The run is untouched: same seed, same five servers, still usable.
  await expect(page.getByLabel(/^seed /)).toHaveAttribute('aria-label', seed!);
  await expect(page.getByRole('button', { name: /^server S\d+,/ })).toHaveCount(5);

  // Not JSON at all.
  await page.getByLabel('scenario file').setInputFiles({
    name: 'not-json.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{ nodes: 5,'),
  });
  await expect(alert).toContainText('not valid JSON');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);
});

test("the client inputs and the file loader keep to the engine's input limits", async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^server S5,/ })).toBeVisible();
  const seed = await page.getByLabel(/^seed /).getAttribute('aria-label');
  const client = page.getByRole('region', { name: 'client' });
  // LIMITS.key and LIMITS.text (src/engine/input/limits.ts).
  await expect(client.getByLabel('key', { exact: true })).toHaveAttribute('maxlength', '256');
  await expect(client.getByLabel('value', { exact: true })).toHaveAttribute('maxlength', '1000');

  // A file over LIMITS.textBytes is refused by its size, before it is read.
  const size = 1_000_100;
  await page.getByLabel('scenario file').setInputFiles({
    name: 'huge.json',
    mimeType: 'application/json',
    buffer: Buffer.alloc(size, 0x20),
  });
  const alert = page.getByRole('alert', { name: 'scenario error' });
  await expect(alert).toContainText('huge.json');
  await expect(alert).toContainText(`the file is ${size} bytes long`);
  await expect(alert).toContainText('at most 1000000 bytes');
  await expect(page.getByLabel(/^seed /)).toHaveAttribute('aria-label', seed!);
});
