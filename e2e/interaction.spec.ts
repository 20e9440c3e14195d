/**
 * The rest of the lab's interactions: partitions drawn by dragging, one-way cuts, messages,
 * client requests, node count, scenarios from the library, the shortcut sheet.
 */
import { expect, test } from '@playwright/test';
import { openAtFullSpeed, servers, waitForLeader } from './helpers';

test('dragging a line across the ring partitions the cluster', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^server S5,/ })).toBeVisible();
  const box = (await page.getByRole('group', { name: 'cluster of 5 servers' }).boundingBox())!;
  // A vertical line just left of the centre, halfway between S4 and S1 (the drawing is
  // letterboxed in the box, so not a fixed fraction of its width): S4 and S5 on one side, S1,
  // S2, S3 on the other.
  const s1 = (await page.getByRole('button', { name: /^server S1,/ }).boundingBox())!;
  const s4 = (await page.getByRole('button', { name: /^server S4,/ }).boundingBox())!;
  const x = (s1.x + s1.width / 2 + s4.x + s4.width / 2) / 2;
  await page.mouse.move(x, box.y + 8);
  await page.mouse.down();
  await page.mouse.move(x, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(x, box.y + box.height - 8, { steps: 4 });
  await page.mouse.up();
  for (const [a, b] of [
    ['S1', 'S5'],
    ['S1', 'S4'],
    ['S3', 'S4'],
    ['S2', 'S5'],
  ]) {
    await expect(page.getByRole('button', { name: `link ${a} to ${b}, down` })).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'link S4 to S5, up' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'link S1 to S2, up' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'link S2 to S3, up' })).toBeVisible();
  // The presets undo it.
  await page.getByRole('button', { name: 'Heal all' }).click();
  await expect(page.getByRole('button', { name: /^link .*, down$/ })).toHaveCount(0);
});

test('shift-click cuts one direction only, and the name says which', async ({ page }) => {
  await page.goto('/');
  const link = page.getByRole('button', { name: /^link S1 to S2,/ });
  await expect(link).toHaveAccessibleName('link S1 to S2, up');
  const box = (await link.boundingBox())!;
  // S1 sits at the top left of this link's box: click a fifth of the way from it.
  await link.click({ modifiers: ['Shift'], position: { x: box.width * 0.2, y: box.height * 0.2 } });
  await expect(link).toHaveAccessibleName('link S1 to S2, one-way: only S1 to S2 works');
  // Keyboard: Enter on the focused link toggles both directions back up.
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(link).toHaveAccessibleName('link S1 to S2, up');
});

test('a message in flight can be inspected and dropped', async ({ page }) => {
  await openAtFullSpeed(page);
  await waitForLeader(page);
  // Freeze the run. The button turns to Play once the worker has stopped; from then on
  // nothing moves until we step.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  // Step until some message between servers (client traffic carries no term) is on the wire,
  // each step shown before the next is asked for.
  const counter = page.getByLabel(/^event \d+$/);
  const anyMessage = page.getByRole('button', { name: /^message \d+: .*, term \d+$/ });
  for (let i = 0; i < 30 && (await anyMessage.count()) === 0; i++) {
    const at = Number(/\d+/.exec((await counter.getAttribute('aria-label')) ?? '')?.[0]);
    await page.getByRole('button', { name: 'Step one event' }).click();
    await expect(counter).toHaveAccessibleName(`event ${at + 1}`);
  }
  await expect(anyMessage.first()).toBeVisible();
  // Servers are drawn over the messages leaving or reaching them: take the one in the open.
  const centres = (names: RegExp) =>
    page.getByRole('button', { name: names }).evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return {
          label: e.getAttribute('aria-label') ?? '',
          x: r.x + r.width / 2,
          y: r.y + r.height / 2,
        };
      }),
    );
  const serverAt = await centres(/^server S\d+,/);
  const clearance = (m: { x: number; y: number }) =>
    Math.min(...serverAt.map((s) => Math.hypot(s.x - m.x, s.y - m.y)));
  const [msg] = (await centres(/^message \d+: .*, term \d+$/)).sort(
    (a, b) => clearance(b) - clearance(a),
  );
  const label = msg!.label;
  const id = /^message (\d+):/.exec(label)![1]!;
  await page.getByRole('button', { name: label, exact: true }).click();
  const inspector = page.getByRole('region', { name: 'inspector' });
  await expect(inspector).toContainText(`Message ${id}`);
  await expect(inspector).toContainText('"term"');
  await page.getByRole('button', { name: `Drop message ${id}` }).click();
  await expect(page.getByRole('button', { name: label, exact: true })).toHaveCount(0);
  await expect(inspector).toContainText('No longer in flight');
});

test('a client request to the leader is answered, with its latency', async ({ page }) => {
  await openAtFullSpeed(page);
  await waitForLeader(page);
  const client = page.getByRole('region', { name: 'client' });
  await client.getByRole('textbox', { name: 'key' }).fill('color');
  await client.getByRole('textbox', { name: 'value' }).fill('blue');
  await client.getByRole('button', { name: 'Send' }).click();
  const ops = client.getByRole('list', { name: 'your requests' });
  await expect(ops.getByRole('listitem').first()).toContainText('put color=blue');
  await expect(ops.getByRole('listitem').first()).toContainText(/ok\s*\d+(\.\d)? ms/);
  await client.getByRole('combobox', { name: 'operation' }).selectOption('get');
  await client.getByRole('button', { name: 'Send' }).click();
  await expect(ops.getByRole('listitem').first()).toContainText('get color');
  await expect(ops.getByRole('listitem').first()).toContainText('ok → blue');
});

test('the node count can be 3, 7 or 9 and each cluster elects a leader', async ({ page }) => {
  await openAtFullSpeed(page);
  for (const n of [3, 7, 9]) {
    await page.getByRole('combobox', { name: 'servers' }).selectOption(String(n));
    await expect(page.getByRole('button', { name: /^server S\d+,/ })).toHaveCount(n);
    await expect(page.getByRole('button', { name: /^link / })).toHaveCount((n * (n - 1)) / 2);
    if ((await page.getByRole('button', { name: 'Play' }).count()) > 0) {
      await page.getByRole('button', { name: 'Play' }).click();
    }
    const leader = await waitForLeader(page);
    expect((await servers(page)).map((s) => s.id)).toContain(leader.id);
  }
});

test('scenarios from the library load and run their scripted faults', async ({ page }) => {
  await page.goto('/');
  const picker = page.getByRole('combobox', { name: 'scenario' });
  await expect(picker.getByRole('option', { name: 'Leader crash' })).toBeAttached();
  await picker.selectOption({ label: 'Leader crash' });
  await expect(page.getByRole('region', { name: 'about this scenario' })).toContainText(
    'At 3 s the leader crashes',
  );
  await page.getByRole('slider', { name: 'speed' }).fill('0');
  await page.getByRole('button', { name: 'Play' }).click();
  // The script crashes the leader at 3 s of virtual time; a new leader follows.
  await expect(page.getByRole('button', { name: /^server S\d, crashed/ })).toHaveCount(1, {
    timeout: 8000,
  });
  await waitForLeader(page);
});

test('? opens the shortcut sheet and Escape closes it', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toContainText('play / pause');
  await expect(dialog).toContainText('step one event');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // Space plays and pauses.
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('Play and Pause hold: the button never flips back while the worker catches up', async ({
  page,
}) => {
  await openAtFullSpeed(page);
  await waitForLeader(page);
  const button = page.getByRole('toolbar', { name: 'playback' }).getByRole('button').first();
  // Every name the button takes, in order (one per change, however the changes are batched).
  await button.evaluate((el) => {
    const names = [el.getAttribute('aria-label') ?? ''];
    (window as unknown as { playNames: string[] }).playNames = names;
    new MutationObserver((records) =>
      records.forEach((_r, i) =>
        names.push(records[i + 1]?.oldValue ?? el.getAttribute('aria-label') ?? ''),
      ),
    ).observe(el, { attributes: true, attributeFilter: ['aria-label'], attributeOldValue: true });
  });
  // Snapshots the worker sent before it read a Pause (or a Play) must not bring the old state
  // back, not even for a frame.
  for (let i = 0; i < 12; i++) {
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
    // Let it play a few frames, so that snapshots are on their way when Pause comes.
    await page.waitForTimeout(100);
  }
  const names = await page.evaluate(() => (window as unknown as { playNames: string[] }).playNames);
  expect(names).toEqual(['Pause', ...Array.from({ length: 12 }, () => ['Play', 'Pause']).flat()]);
});
