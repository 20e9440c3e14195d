/**
 * Time as a first-class thing (issue 6): scrubbing, stepping back, forking the past, shared
 * links and the latency chart — driven by roles and accessible names.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { leaders, openAtFullSpeed, servers, waitForLeader } from './helpers';

/** The timeline slider's reading: "t = 1234.5 ms, event 321". */
async function cursor(page: Page): Promise<{ time: number; event: number }> {
  const text = await page.getByRole('slider', { name: 'timeline' }).getAttribute('aria-valuetext');
  const m = /^t = ([\d.]+) ms, event (\d+)$/.exec(text ?? '');
  if (!m) throw new Error(`unexpected timeline reading: ${text}`);
  return { time: Number(m[1]), event: Number(m[2]) };
}

/** Pauses; the button turns to Play once the worker has stopped, showing where it stopped. */
async function pause(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
}

async function serverLabels(page: Page): Promise<string[]> {
  return (await servers(page)).map((s) => `${s.id} ${s.role} ${s.term}`);
}

test('scrubbing the timeline back shows an earlier leader and term', async ({ page }) => {
  await openAtFullSpeed(page);
  const old = await waitForLeader(page);
  await page.getByRole('button', { name: `server ${old.id}, leader, term ${old.term}` }).click();
  await page.getByRole('button', { name: `Crash ${old.id}` }).click();
  const fresh = await waitForLeader(page, (s) => s.id !== old.id);
  await pause(page);

  const timeline = page.getByRole('slider', { name: 'timeline' });
  // Drag the timeline to its start: nobody has been elected yet.
  await timeline.scrollIntoViewIfNeeded();
  const box = (await timeline.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  // Past the track's left end: the slider clamps to the start of the run.
  await page.mouse.move(box.x - 20, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByLabel('no leader')).toBeVisible();
  expect((await cursor(page)).time).toBeLessThan(50);

  // The first leader change, one click away: an earlier term than the leader we left.
  await page.getByRole('button', { name: 'next leader change' }).click();
  await expect.poll(async () => (await leaders(page)).length).toBe(1);
  const [earlier] = await leaders(page);
  expect(earlier!.term).toBeLessThan(fresh.term);
  await expect(
    page.getByRole('button', { name: `server ${earlier!.id}, leader, term ${earlier!.term}` }),
  ).toBeVisible();

  // End goes back to the newest moment.
  await timeline.focus();
  await page.keyboard.press('End');
  await expect(
    page.getByRole('button', { name: `server ${fresh.id}, leader, term ${fresh.term}` }),
  ).toBeVisible();
});

test('← steps back one event', async ({ page }) => {
  await page.goto('/');
  const counter = page.getByLabel(/^event \d+$/);
  await expect(counter).toHaveAccessibleName('event 0');
  for (let i = 1; i <= 5; i++) {
    await page.keyboard.press('ArrowRight');
    await expect(counter).toHaveAccessibleName(`event ${i}`);
  }
  await page.keyboard.press('ArrowLeft');
  await expect(counter).toHaveAccessibleName('event 4');
  await page.keyboard.press('ArrowLeft');
  await expect(counter).toHaveAccessibleName('event 3');
  expect((await cursor(page)).event).toBe(3);
  // The timeline's own button does the same.
  await page.getByRole('button', { name: 'step back one event' }).click();
  await expect(counter).toHaveAccessibleName('event 2');
});

test('crashing a node in the past forks the run, and Undo restores the old future', async ({
  page,
}) => {
  await openAtFullSpeed(page);
  await waitForLeader(page);
  await page.waitForTimeout(500);
  await pause(page);
  const timeline = page.getByRole('slider', { name: 'timeline' });
  const head = Number(await timeline.getAttribute('aria-valuemax'));
  const before = await serverLabels(page);

  await timeline.focus();
  await page.keyboard.press('Home');
  await expect.poll(async () => (await cursor(page)).event).toBe(0);
  // The jump is the worker's answer to the click: wait until it shows.
  await page.getByRole('button', { name: 'next leader change' }).click();
  await expect.poll(async () => (await leaders(page)).length).toBe(1);
  const [leader] = await leaders(page);
  const victim = (await servers(page)).find((s) => s.id !== leader!.id)!;
  await page.getByRole('button', { name: new RegExp(`^server ${victim.id},`) }).click();
  await page.getByRole('button', { name: `Crash ${victim.id}` }).click();

  const notice = page.getByRole('status', { name: 'fork notice' });
  await expect(notice).toContainText('You changed the past');
  await expect(notice).toContainText(/forked at t=\d/);
  await expect(
    page.getByRole('button', { name: new RegExp(`^server ${victim.id}, crashed`) }),
  ).toBeVisible();
  // The future after the fork is gone: the timeline now ends at the fork.
  expect(Number(await timeline.getAttribute('aria-valuemax'))).toBeLessThan(head);

  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(notice).toBeHidden();
  await expect(
    page.getByRole('button', { name: new RegExp(`^server ${victim.id}, crashed`) }),
  ).toHaveCount(0);
  await expect(timeline).toHaveAttribute('aria-valuemax', String(head));
  await timeline.focus();
  await page.keyboard.press('End');
  await expect.poll(() => serverLabels(page)).toEqual(before);
});

test('a copied link opens the same run at the same moment in a new page', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openAtFullSpeed(page);
  const old = await waitForLeader(page);
  await page.getByRole('button', { name: `server ${old.id}, leader, term ${old.term}` }).click();
  await page.getByRole('button', { name: `Crash ${old.id}` }).click();
  await waitForLeader(page, (s) => s.id !== old.id);
  await pause(page);
  const counter = page.getByLabel(/^event \d+$/);
  await expect.poll(async () => (await cursor(page)).event).toBeGreaterThan(2);
  const paused = await cursor(page);
  await expect(counter).toHaveAccessibleName(`event ${paused.event}`);
  // An exact event, not just a time: step back twice.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(counter).toHaveAccessibleName(`event ${paused.event - 2}`);
  const at = await cursor(page);
  const names = await serverLabels(page);

  await page.getByRole('button', { name: 'Copy link' }).click();
  const copied = page.getByRole('status', { name: 'copied link' });
  await expect(copied).toBeVisible();
  const url = await page.evaluate(async () => {
    try {
      return await navigator.clipboard.readText();
    } catch {
      return '';
    }
  });
  const link = url || (await copied.textContent())!;
  expect(link).toContain('#run=v1.');
  // The address bar holds the same run and moment.
  await expect.poll(() => page.url()).toBe(link);

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByLabel(/^event \d+$/)).toHaveAccessibleName(`event ${at.event}`);
  await expect.poll(() => cursor(other)).toEqual(at);
  await expect.poll(() => serverLabels(other)).toEqual(names);
  await expect(
    other.getByRole('button', { name: new RegExp(`^server ${old.id}, crashed`) }),
  ).toBeVisible();
});

test('the latency chart moves the cursor: to a chosen operation, or to a clicked time', async ({
  page,
}) => {
  await openAtFullSpeed(page);
  await waitForLeader(page);
  await page.waitForTimeout(1500);
  await pause(page);
  // The head of the run, as End shows it (the last frame drawn before the pause may be older).
  await page.getByRole('slider', { name: 'timeline' }).focus();
  await page.keyboard.press('End');
  // Settled: two reads a moment apart agree.
  let before = await cursor(page);
  await expect
    .poll(async () => {
      const was = before.time;
      await page.waitForTimeout(200);
      before = await cursor(page);
      return before.time === was;
    })
    .toBe(true);
  const chart = page.getByRole('group', { name: /^latency chart operations/ });
  await chart.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await cursor(page)).time).toBeLessThan(before.time);
  const first = await cursor(page);
  // The next operation is later.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await cursor(page)).time).toBeGreaterThan(first.time);

  // A click on the chart away from any point (high above them) seeks to that time.
  await page.getByRole('slider', { name: 'timeline' }).focus();
  await page.keyboard.press('End');
  await expect.poll(async () => (await cursor(page)).time).toBe(before.time);
  const box = (await chart.boundingBox())!;
  await chart.click({ position: { x: 52 + (box.width - 66) / 2, y: 14 } });
  await expect
    .poll(async () => {
      const t = (await cursor(page)).time;
      return t > before.time * 0.35 && t < before.time * 0.65;
    })
    .toBe(true);
});

test('a tampered link shows what is wrong and the lab still runs', async ({ page, context }) => {
  await page.goto('/');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#run=v1\./);
  const good = page.url();
  // Change one character in the middle of the data.
  const i = good.length - 10;
  const bad = good.slice(0, i) + (good[i] === 'A' ? 'B' : 'A') + good.slice(i + 1);
  const other = await context.newPage();
  await other.goto(bad);
  const alert = other.getByRole('alert', { name: 'link error' });
  await expect(alert).toContainText('altered');
  // At the page's start there was no run of the user's: the default one is shown.
  await expect(alert).toContainText('a fresh run was started instead');
  await other.getByRole('slider', { name: 'speed' }).fill('0');
  await other.getByRole('button', { name: 'Play' }).click();
  await waitForLeader(other);
});

test('a bad link pasted into an open lab says so and leaves the run as it was', async ({
  page,
}) => {
  await page.goto('/');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#run=v1\./);
  const before = await cursor(page);
  const seed = await page.getByLabel(/^seed /).getAttribute('aria-label');
  const good = new URL(page.url()).hash;
  const i = good.length - 10;
  const bad = good.slice(0, i) + (good[i] === 'A' ? 'B' : 'A') + good.slice(i + 1);
  // Pasting into the address bar of an open lab changes only the fragment.
  await page.evaluate((hash) => {
    location.hash = hash;
  }, bad);
  const alert = page.getByRole('alert', { name: 'link error' });
  await expect(alert).toContainText('The link could not be opened:');
  await expect(alert).toContainText('altered');
  await expect(alert).toContainText('the run you had is still here');
  await expect(alert).not.toContainText('fresh run');
  // It is: same seed, same moment.
  await expect(page.getByLabel(/^seed /)).toHaveAttribute('aria-label', seed!);
  expect(await cursor(page)).toEqual(before);
});

test('the run exports as a scenario file and the view as SVG and PNG', async ({ page }) => {
  await openAtFullSpeed(page);
  const old = await waitForLeader(page);
  await page.getByRole('button', { name: `server ${old.id}, leader, term ${old.term}` }).click();
  await page.getByRole('button', { name: `Crash ${old.id}` }).click();
  await pause(page);
  // The Content-Security-Policy refuses inline styles of the page: exporting must set none.
  const cspWarnings: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|style-src/i.test(m.text())) cspWarnings.push(m.text());
  });

  const [scenario] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export scenario' }).click(),
  ]);
  expect(scenario.suggestedFilename()).toMatch(/\.json$/);
  const json = JSON.parse(readFileSync((await scenario.path())!, 'utf8')) as {
    actions: { type: string; node?: string; at: number }[];
    duration: number;
  };
  // The user's crash became a scripted action; the file ends where the run was computed to.
  expect(json.actions).toContainEqual(expect.objectContaining({ type: 'crash', node: old.id }));
  expect(json.duration).toBeGreaterThan(0);

  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export SVG' }).click(),
  ]);
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  const text = readFileSync((await svg.path())!, 'utf8');
  expect(text).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(text).toContain(`server ${old.id}, crashed`);
  // The file explains itself: the legend's entries and the moment it shows…
  const legend = await page
    .getByLabel('legend', { exact: true })
    .locator('.legend-item')
    .allTextContents();
  expect(legend.length).toBeGreaterThan(3);
  for (const entry of legend) expect(text).toContain(`>${entry.trim()}</text>`);
  const at = await cursor(page);
  expect(text).toMatch(new RegExp(`t = [0-9.]+ m?s · event ${at.event} · \\S`));
  // …but not the user's selection (the crashed server is still selected on screen).
  await expect(page.locator('svg.cluster .select-ring')).toHaveCount(1);
  expect(text).not.toContain('select-ring');

  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const bytes = readFileSync((await png.path())!);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(5000);
  // The PNG is drawn from the same file: legend column and caption make it wider than the ring.
  expect(bytes.readUInt32BE(16)).toBeGreaterThan(bytes.readUInt32BE(20));
  expect(cspWarnings).toEqual([]);
});

test('clicking an event in the event log jumps there and highlights its message', async ({
  page,
}) => {
  await openAtFullSpeed(page);
  await waitForLeader(page);
  await page.waitForTimeout(300);
  await pause(page);
  await page.getByRole('tab', { name: 'Event log' }).click();
  const list = page.getByRole('listbox', { name: 'event log' });
  // The log loads when first opened, then scrolls to the cursor's row: pick a row after that.
  await expect(list.getByRole('option', { selected: true }).first()).toBeVisible();
  const row = list.getByRole('option', { name: / sends \w+ #\d+ to S/ }).first();
  const name = (await row.getAttribute('aria-label'))!;
  const [, event, msg] = /event (\d+): .* #(\d+) to/.exec(name)!;
  await row.click();
  await expect(page.getByLabel(/^event \d+$/)).toHaveAccessibleName(`event ${event}`);
  await expect(page.getByRole('region', { name: 'inspector' })).toContainText(`Message ${msg}`);
  await expect(page.getByRole('option', { name, exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
});

test('playing from an earlier moment replays the run and goes on past its end', async ({
  page,
}) => {
  await openAtFullSpeed(page);
  await waitForLeader(page);
  await pause(page);
  const timeline = page.getByRole('slider', { name: 'timeline' });
  const head = Number(await timeline.getAttribute('aria-valuemax'));
  await timeline.focus();
  await page.keyboard.press('Home');
  await expect.poll(async () => (await cursor(page)).event).toBe(0);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect
    .poll(async () => Number(await timeline.getAttribute('aria-valuemax')), { timeout: 10_000 })
    .toBeGreaterThan(head + 200);
  await pause(page);
  expect((await cursor(page)).time).toBeGreaterThan(head);
});

test('choosing a message in the space-time diagram jumps to its delivery', async ({ page }) => {
  await openAtFullSpeed(page);
  await waitForLeader(page);
  await page.waitForTimeout(300);
  await pause(page);
  await page.getByRole('tab', { name: 'Space-time' }).click();
  const arrow = page
    .getByRole('list', { name: 'messages' })
    .getByRole('listitem', { name: /from S\d+ to S\d+, sent .*, delivered [\d.]+ ms$/ })
    .first();
  const name = (await arrow.getAttribute('aria-label'))!;
  const [, to, delivered] = /to (S\d+), sent .*, delivered ([\d.]+) ms$/.exec(name)!;
  // Arrows overlap where traffic is dense, so pick this one the keyboard way.
  await arrow.focus();
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => Math.abs((await cursor(page)).time - Number(delivered)))
    .toBeLessThan(0.1);
  // The receiver is highlighted: its inspector is open.
  await expect(page.getByRole('region', { name: 'inspector' })).toContainText(to!);
});
