/**
 * The CAP view: Dynamo (AP) beside Raft (CP) under one schedule. Opened from the protocol
 * menu, partitioned with a real mouse drag across one cluster (both runs are cut), played in
 * real time: Dynamo keeps answering and the history checker counts what that costs, Raft
 * refuses on the minority side and stays clean. The anomaly list seeks to the event that
 * revealed each anomaly (by mouse and by keyboard), the store's settings re-run the run at the
 * same moment with the user's partition kept, and the two sides fit a laptop and a phone.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

interface XY {
  x: number;
  y: number;
}

const VIEWPORTS = [
  { name: 'laptop', width: 1440, height: 900 },
  { name: 'small laptop', width: 1024, height: 700 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Where the screenshots go: SHOTS_DIR (e.g. /tmp/cap-shots), else the test's output folder. */
const shot = (name: string) =>
  process.env.SHOTS_DIR ? `${process.env.SHOTS_DIR}/${name}` : test.info().outputPath(name);

const dynamo = (page: Page) => page.getByRole('region', { name: 'Dynamo side' });
const raft = (page: Page) => page.getByRole('region', { name: 'Raft side' });
const clusterOf = (side: Locator) => side.getByRole('group', { name: /cluster of 5 servers$/ });
const anomalyList = (page: Page) =>
  page.getByRole('region', { name: 'anomalies' }).getByRole('listitem').getByRole('button');

/** The split the drag below draws: S1 and S2 apart from S3, S4 and S5. */
const MINORITY = new Set(['S1', 'S2']);
const LINK_LABEL = /^link (S\d+) to (S\d+), (.*)$/;

/** Links of one cluster by their names: "S1-S2" → "up" | "down" | one-way text. */
async function linkStates(side: Locator): Promise<Record<string, string>> {
  const labels = await side
    .getByRole('button', { name: /^link S\d+ to S\d+,/ })
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  const out: Record<string, string> = {};
  for (const l of labels) {
    const m = LINK_LABEL.exec(l);
    if (!m) throw new Error(`unexpected link label: ${l}`);
    out[`${m[1]}-${m[2]}`] = m[3]!;
  }
  return out;
}

/** What the links look like after S1, S2 | S3, S4, S5: cut exactly across the line. */
function splitLinks(): Record<string, string> {
  const ids = ['S1', 'S2', 'S3', 'S4', 'S5'];
  const out: Record<string, string> = {};
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      out[`${ids[i]}-${ids[j]}`] = MINORITY.has(ids[i]!) === MINORITY.has(ids[j]!) ? 'up' : 'down';
    }
  }
  return out;
}

/** Both clusters show the cut: by the links' names and by the cut marks drawn on them. */
async function expectBothCut(page: Page): Promise<void> {
  for (const side of [dynamo(page), raft(page)]) {
    await expect.poll(() => linkStates(side), { timeout: 10_000 }).toEqual(splitLinks());
    await expect(clusterOf(side).locator('g.link-down')).toHaveCount(6);
    await expect(clusterOf(side).locator('g.link-down .cut-mark')).toHaveCount(6);
    await expect(clusterOf(side).locator('g.link-up')).toHaveCount(4);
  }
}

/** The virtual clock, in ms ("virtual time 2.345 s"). */
async function clockMs(page: Page): Promise<number> {
  const label = (await page.getByLabel(/^virtual time /).getAttribute('aria-label')) ?? '';
  const m = /^virtual time ([\d.]+) (s|ms)$/.exec(label);
  if (!m) throw new Error(`unexpected clock label: ${label}`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

async function eventNumber(page: Page): Promise<number> {
  const label = await page.getByLabel(/^event \d+$/).getAttribute('aria-label');
  return Number(/^event (\d+)$/.exec(label ?? '')?.[1] ?? NaN);
}

interface Figures {
  /** Percent answered ok, or null while nothing has completed. */
  availability: number | null;
  completed: number;
  anomalies: number;
  text: string;
}

/** A side's figures under its cluster, as the page shows them. */
async function figures(side: Locator): Promise<Figures> {
  const avail = (await side.locator('.cap-availability').textContent()) ?? '';
  const count = (await side.getByLabel(/^(main|companion) anomalies$/).textContent()) ?? '';
  const a = /^(?:([\d.]+) %|—) of (\d+)$/.exec(avail.replace(/\s+/g, ' ').trim());
  const n = /^(\d+) anomal(?:y|ies)/.exec(count.trim());
  if (!a || !n) throw new Error(`unexpected figures: "${avail}" / "${count}"`);
  return {
    availability: a[1] === undefined ? null : Number(a[1]),
    completed: Number(a[2]),
    anomalies: Number(n[1]),
    text: `${avail} · ${count}`,
  };
}

/** Raft's leader as its server's name states it (exactly one), scoped to the Raft side. */
async function raftLeaders(page: Page): Promise<string[]> {
  const labels = await raft(page)
    .getByRole('button', { name: /^server S\d+,/ })
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  return labels.filter((l) => /^server S\d+, leader, term \d+/.test(l));
}

/** The lab, then "CAP: Dynamo beside Raft" from the protocol menu (paused, at time 0). */
async function openCap(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^server S1,/ })).toBeVisible();
  const picker = page.getByRole('combobox', { name: 'protocol' });
  await expect(picker.getByRole('option', { name: 'CAP: Dynamo beside Raft' })).toBeAttached();
  await picker.selectOption({ label: 'CAP: Dynamo beside Raft' });
  await expect(picker).toHaveValue('cap');
  await expect(dynamo(page)).toBeVisible();
  await expect(raft(page)).toBeVisible();
  await expect(dynamo(page).locator('.cap-badge')).toHaveText('AP');
  await expect(raft(page).locator('.cap-badge')).toHaveText('CP');
  await expect(clusterOf(dynamo(page))).toHaveAccessibleName('Dynamo cluster of 5 servers');
  await expect(clusterOf(raft(page))).toHaveAccessibleName('Raft cluster of 5 servers');
  await expect(dynamo(page).getByRole('button', { name: /^server S\d+,/ })).toHaveCount(5);
  await expect(raft(page).getByRole('button', { name: /^server S\d+, \w+, term \d+/ })).toHaveCount(
    5,
  );
  await expect(page.locator('.status-line')).toContainText('N=3 R=2 W=2');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
}

/** Speed 1× real time, then Play. */
async function playAtRealTime(page: Page): Promise<void> {
  const speed = page.getByRole('slider', { name: 'speed' });
  await speed.fill('0');
  await expect(speed).toHaveAttribute('aria-valuetext', '1× real time');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
}

/**
 * A real mouse drag across a cluster that cuts S1 and S2 off from S3, S4 and S5: from the
 * empty corner above-left of the ring to the right of S3, in small steps. Where the ring is
 * comes from its own drawn guide circle (servers sit on it, S1 at the top, clockwise).
 */
async function dragSplit(page: Page, side: Locator): Promise<{ from: XY; to: XY }> {
  const cluster = clusterOf(side);
  await cluster.scrollIntoViewIfNeeded();
  const ring = (await cluster.locator('circle.ring-guide').boundingBox())!;
  const o = { x: ring.x + ring.width / 2, y: ring.y + ring.height / 2 };
  const r = ring.width / 2;
  // u: towards the middle of S1 and S2 (36° clockwise from the top); v: along the cut.
  const u = { x: Math.sin(Math.PI / 5), y: -Math.cos(Math.PI / 5) };
  const v = { x: -u.y, y: u.x };
  const at = (a: number, b: number): XY => ({
    x: o.x + r * (a * u.x + b * v.x),
    y: o.y + r * (a * u.y + b * v.y),
  });
  const from = at(0.25, -1.3);
  const to = at(0.25, 1.3);
  const vp = page.viewportSize()!;
  for (const p of [from, to]) {
    expect(p.x, 'the drag stays on screen').toBeGreaterThan(0);
    expect(p.x, 'the drag stays on screen').toBeLessThan(vp.width);
    expect(p.y, 'the drag stays on screen').toBeGreaterThan(0);
    expect(p.y, 'the drag stays on screen').toBeLessThan(vp.height);
  }
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
  // While dragging, the line is drawn.
  await expect(cluster.locator('line.partition-line')).toHaveCount(1);
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await expect(cluster.locator('line.partition-line')).toHaveCount(0);
  return { from, to };
}

interface Played {
  dynamo: Figures[];
  raft: Figures[];
  partitionedAt: number;
}

/**
 * Opens CAP, plays at 1×, waits for Raft's leader, drags the split across the Dynamo cluster,
 * checks both clusters are cut, then samples both sides' figures over ~5 s of virtual time.
 */
async function partitionAndPlay(page: Page, seconds = 5): Promise<Played> {
  await openCap(page);
  await playAtRealTime(page);
  await expect.poll(() => raftLeaders(page), { timeout: 10_000 }).toHaveLength(1);
  // Let both stores serve a little before the cut, so there is something to read stale.
  await expect
    .poll(async () => (await figures(dynamo(page))).completed, { timeout: 10_000 })
    .toBeGreaterThan(5);
  await dragSplit(page, dynamo(page));
  const partitionedAt = await clockMs(page);
  await expectBothCut(page);
  const played: Played = { dynamo: [], raft: [], partitionedAt };
  await expect
    .poll(
      async () => {
        played.dynamo.push(await figures(dynamo(page)));
        played.raft.push(await figures(raft(page)));
        return (await clockMs(page)) - partitionedAt;
      },
      { timeout: 15_000, intervals: [250] },
    )
    .toBeGreaterThanOrEqual(seconds * 1000);
  return played;
}

for (const vp of VIEWPORTS) {
  test.describe(`CAP view, ${vp.name} ${vp.width}×${vp.height}`, () => {
    test.use({ viewport: { width: vp.width, height: vp.height } });

    test('a partition dragged across Dynamo cuts both; Dynamo answers and pays, Raft refuses and stays clean', async ({
      page,
    }) => {
      const played = await partitionAndPlay(page);
      const d = played.dynamo;
      const r = played.raft;
      // Dynamo (sloppy quorum) answers every operation on both sides, all along.
      expect(
        d.filter((f) => f.availability !== 100),
        'Dynamo availability while split',
      ).toEqual([]);
      expect(d.at(-1)!.completed).toBeGreaterThan(d[0]!.completed);
      expect(d.at(-1)!.anomalies, d.at(-1)!.text).toBeGreaterThan(0);
      // Raft refuses the minority's clients (c1 at S1, c2 at S2) and is never caught out.
      expect(r.at(-1)!.availability, r.at(-1)!.text).not.toBeNull();
      expect(r.at(-1)!.availability!, r.at(-1)!.text).toBeLessThan(100);
      expect(
        r.filter((f) => f.anomalies !== 0),
        'Raft anomalies while split',
      ).toEqual([]);
      await expect(raft(page).getByLabel('companion anomalies')).toHaveText(/^0 anomalies$/);
      await expect(dynamo(page).getByLabel('main anomalies')).toHaveText(
        /^\d+ anomal(y|ies): \d+ [a-z -]+/,
      );
      // The anomaly list holds Dynamo's anomalies only; the timeline marks them too.
      const rows = anomalyList(page);
      await expect.poll(() => rows.count()).toBeGreaterThan(0);
      const sides = await rows.locator('.cap-anomaly-side').allTextContents();
      expect(new Set(sides)).toEqual(new Set(['Dynamo']));
      await expect(
        page
          .getByRole('group', { name: 'timeline markers' })
          .getByRole('button', { name: /^consistency anomaly at .*: Dynamo: / })
          .first(),
      ).toBeAttached();
      // The partition is still drawn on both.
      await expectBothCut(page);
    });

    test('clicking an anomaly seeks to the event that revealed it and rings its replicas', async ({
      page,
    }) => {
      await partitionAndPlay(page, 3);
      await expect.poll(() => anomalyList(page).count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Pause' }).click();
      await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
      const before = await eventNumber(page);
      const row = anomalyList(page).first();
      await expectAnomalyOpened(page, row, before, async () => {
        await row.scrollIntoViewIfNeeded();
        const box = (await row.boundingBox())!;
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      });
      // Clear takes the detail and the rings away again.
      await page.getByLabel('anomaly detail').getByRole('button', { name: 'Clear' }).click();
      await expect(page.getByLabel('anomaly detail')).toHaveCount(0);
      await expect(page.locator('circle.highlight-ring')).toHaveCount(0);
    });
  });
}

/**
 * Opens the anomaly `row` with `open`, then checks: the run went back to the moment the row
 * names (the clock says its time, the event counter and the timeline agree on one event,
 * earlier than `before`), the row is pressed, the detail box explains it and lists its
 * operations, and the key's replicas — and only they — are ringed in the Dynamo cluster.
 */
async function expectAnomalyOpened(
  page: Page,
  row: Locator,
  before: number,
  open: () => Promise<void>,
): Promise<void> {
  const time = (await row.locator('.cap-anomaly-time').textContent())!.trim();
  const kind = (await row.locator('b').textContent())!.trim();
  const key = (await row.locator('code').textContent())!.trim();
  await expect(row).toHaveAttribute('aria-pressed', 'false');
  await open();
  await expect(page.getByLabel(/^virtual time /)).toHaveAttribute(
    'aria-label',
    `virtual time ${time}`,
  );
  const at = await eventNumber(page);
  expect(at, 'the cursor went back').toBeLessThan(before);
  await expect(page.getByRole('slider', { name: 'timeline' })).toHaveAttribute(
    'aria-valuetext',
    new RegExp(`, event ${at}$`),
  );
  // The list is the checker's report at the cursor now, so rows may come and go: the one
  // pressed is the one opened, found by what it says.
  // (Two rows alike in time, kind and key are both pressed: the list tells them apart no more.)
  const pressed = page.locator('.cap-anomaly[aria-pressed="true"]');
  await expect(pressed.first()).toBeVisible();
  const said = await pressed.evaluateAll((els) =>
    els.map((e) =>
      ['.cap-anomaly-time', 'b', 'code'].map((q) => e.querySelector(q)?.textContent?.trim()),
    ),
  );
  for (const s of said) expect(s).toEqual([time, kind, key]);
  const detail = page.getByLabel('anomaly detail');
  await expect(detail).toBeVisible();
  await expect(detail).toContainText(`${kind} on ${key} (Dynamo, ${time})`);
  // The kind's sentence, and at least one operation ("#12 c3 get k1 → c1.4, 2.1 s–2.2 s").
  await expect(detail.locator('p').first()).toContainText(/\):\s+[A-Z][^.]+\./);
  await expect(detail.getByRole('listitem').first()).toContainText(
    new RegExp(`^#\\d+ c\\d+ (put|get) ${key}`),
  );
  const replicas = /Replicas of \S+: ((?:S\d+(?:, )?)+) \(ringed/.exec(
    (await detail.textContent()) ?? '',
  );
  expect(replicas, 'the detail names the replicas').not.toBeNull();
  const ringed = replicas![1]!.split(', ');
  expect(ringed.length).toBeGreaterThan(0);
  const d = clusterOf(dynamo(page));
  await expect(d.locator('circle.highlight-ring')).toHaveCount(ringed.length);
  for (const id of ringed) {
    await expect(
      d
        .getByRole('button', { name: new RegExp(`^server ${id},`) })
        .locator('circle.highlight-ring'),
    ).toHaveCount(1);
  }
  await expect(clusterOf(raft(page)).locator('circle.highlight-ring')).toHaveCount(0);
}

test.describe('CAP view, keyboard and settings', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('keyboard only: Tab to an anomaly and press Enter', async ({ page }) => {
    await partitionAndPlay(page, 3);
    await expect.poll(() => anomalyList(page).count()).toBeGreaterThan(0);
    // Space (focus on the page, not a control) pauses.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press(' ');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    const before = await eventNumber(page);
    // From the top of the page, Tab until the first anomaly has focus.
    const first = anomalyList(page).first();
    let presses = 0;
    for (; presses < 250; presses++) {
      if (await first.evaluate((e) => e === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    expect(presses, 'Tab reaches the first anomaly').toBeLessThan(250);
    await expect(first).toBeFocused();
    await expectAnomalyOpened(page, first, before, () => page.keyboard.press('Enter'));
    // Focus stays on the row opened, so the next row is one Tab away.
    const focused = page.locator('.cap-anomaly:focus');
    await expect(focused).toHaveAttribute('aria-pressed', 'true');
    const openedText = (await focused.textContent())!;
    const isLast = await focused.evaluate((e) => e.closest('li')?.nextElementSibling === null);
    if (!isLast) {
      await page.keyboard.press('Tab');
      await expect(focused).not.toHaveText(openedText);
      const nextText = (await focused.textContent())!;
      await expect(focused).toHaveAttribute('aria-pressed', 'false');
      await page.keyboard.press('Enter');
      await expect(focused).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByLabel('anomaly detail')).toContainText(
        `${(await focused.locator('b').textContent())!} on ${(await focused.locator('code').textContent())!}`,
      );
      // The row opened before is no longer pressed.
      expect(nextText).not.toBe(openedText);
      expect(
        await page.locator('.cap-anomaly[aria-pressed="true"]').allTextContents(),
      ).not.toContain(openedText);
    }
  });

  test('R = 1 and W = 1 re-run the run at the same moment, the partition kept', async ({
    page,
  }) => {
    await partitionAndPlay(page, 2);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    const settings = page.getByRole('group', { name: 'Dynamo settings' });
    const r = settings.getByRole('combobox', { name: 'R', exact: true });
    const w = settings.getByRole('combobox', { name: 'W', exact: true });
    await expect(r).toHaveValue('2');
    await expect(w).toHaveValue('2');
    const t = await page.getByLabel(/^virtual time /).getAttribute('aria-label');
    const raftBefore = await figures(raft(page));
    const raftServers = await raft(page)
      .getByRole('button', { name: /^server S\d+,/ })
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));

    await r.selectOption('1');
    await expect(page.locator('.status-line')).toContainText('N=3 R=1 W=2');
    await expect(r).toHaveValue('1');
    await expect(page.getByLabel(/^virtual time /)).toHaveAttribute('aria-label', t!);
    await expectBothCut(page);

    await w.selectOption('1');
    await expect(page.locator('.status-line')).toContainText('N=3 R=1 W=1');
    await expect(w).toHaveValue('1');
    await expect(r).toHaveValue('1');
    await expect(page.getByLabel(/^virtual time /)).toHaveAttribute('aria-label', t!);
    await expectBothCut(page);
    // Still paused, still AP (any one replica answers); the words follow the settings.
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    await expect(dynamo(page).locator('.cap-badge')).toHaveText('AP');
    await expect(dynamo(page).locator('.cap-why')).toContainText('R + W ≤ N');
    // The other side is the same run as before: same seed, same actions, same moment.
    expect(await figures(raft(page))).toEqual(raftBefore);
    expect(
      await raft(page)
        .getByRole('button', { name: /^server S\d+,/ })
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))),
    ).toEqual(raftServers);

    // Playing on from there, the cut stays and Dynamo still answers everyone.
    await playAtRealTime(page);
    const t0 = await clockMs(page);
    await expect.poll(() => clockMs(page), { timeout: 10_000 }).toBeGreaterThan(t0 + 1000);
    await expectBothCut(page);
    expect((await figures(dynamo(page))).availability).toBe(100);
  });
});

/** Elements wider than the window that are not inside something that scrolls sideways. */
async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    const scrolls = (el: Element | null): boolean => {
      for (let e = el; e && e !== document.body; e = e.parentElement) {
        const ox = getComputedStyle(e).overflowX;
        if (ox === 'auto' || ox === 'scroll' || ox === 'hidden') return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right <= width + 1 && r.left >= -1) continue;
      if (scrolls(el.parentElement)) continue;
      const name = el.getAttribute('aria-label') ?? el.getAttribute('class') ?? el.tagName;
      out.push(`${el.tagName.toLowerCase()} "${name}" ${r.left.toFixed(0)}–${r.right.toFixed(0)}`);
    }
    if (document.documentElement.scrollWidth > width + 1) {
      out.push(`page scrollWidth ${document.documentElement.scrollWidth} > ${width}`);
    }
    return out;
  });
}

const overlap = (
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
) =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;

for (const vp of VIEWPORTS) {
  test(`layout at ${vp.width}×${vp.height}: the sides do not overlap, nothing overflows; screenshots`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await partitionAndPlay(page, 3);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => anomalyList(page).count()).toBeGreaterThan(0);
    await anomalyList(page).first().click();
    await expect(page.getByLabel('anomaly detail')).toBeVisible();

    const a = (await dynamo(page).boundingBox())!;
    const b = (await raft(page).boundingBox())!;
    expect(overlap(a, b), `Dynamo ${JSON.stringify(a)} vs Raft ${JSON.stringify(b)}`).toBe(false);
    for (const [name, box] of [
      ['Dynamo side', a],
      ['Raft side', b],
    ] as const) {
      expect(box.x, `${name} left`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${name} right`).toBeLessThanOrEqual(vp.width);
    }
    // Each side's cluster is square enough to read and lies inside its side.
    for (const side of [dynamo(page), raft(page)]) {
      const s = (await side.boundingBox())!;
      const c = (await clusterOf(side).boundingBox())!;
      expect(c.width).toBeGreaterThan(Math.min(250, vp.width * 0.6));
      expect(c.x).toBeGreaterThanOrEqual(s.x);
      expect(c.x + c.width).toBeLessThanOrEqual(s.x + s.width + 0.5);
    }
    if (vp.width <= 760) {
      // One column on a phone: Raft below Dynamo.
      expect(b.y).toBeGreaterThanOrEqual(a.y + a.height);
    } else {
      expect(b.x).toBeGreaterThanOrEqual(a.x + a.width);
    }
    expect(await horizontalOverflow(page)).toEqual([]);

    const tag = `${vp.width}x${vp.height}`;
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot(`cap-${tag}.png`) });
    await page.screenshot({ path: shot(`cap-${tag}-full.png`), fullPage: true });
    await dynamo(page).screenshot({ path: shot(`cap-${tag}-dynamo.png`) });
    await raft(page).screenshot({ path: shot(`cap-${tag}-raft.png`) });
    await page
      .getByRole('region', { name: 'anomalies' })
      .screenshot({ path: shot(`cap-${tag}-anomalies.png`) });
  });
}

test('a shipped CAP scenario: Dynamo reads stale in the minority partition, Raft does not', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^server S1,/ })).toBeVisible();
  const name = 'CAP: minority partition, Dynamo beside Raft';
  await page.getByRole('combobox', { name: 'scenario' }).selectOption({ label: name });
  await expect(page.getByRole('region', { name: 'about this scenario' })).toBeVisible();
  await expect(dynamo(page)).toBeVisible();
  await expect(raft(page)).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'protocol' })).toHaveValue('cap');
  // The scripted split at 2 s, reached deterministically, shows on both clusters.
  await page.getByRole('button', { name: 'Run to the next scripted action' }).click();
  await expectBothCut(page);
  await expect.poll(() => clockMs(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(2000);
  // On to the heal at 6 s.
  await page.getByRole('button', { name: 'Run to the next scripted action' }).click();
  await expect
    .poll(async () => Object.values(await linkStates(raft(page))), { timeout: 15_000 })
    .toEqual(Array(10).fill('up'));
  const d = await figures(dynamo(page));
  const r = await figures(raft(page));
  expect(d.availability, d.text).toBe(100);
  expect(d.anomalies, d.text).toBeGreaterThan(0);
  await expect(dynamo(page).getByLabel('main anomalies')).toContainText('stale read');
  expect(r.anomalies, r.text).toBe(0);
  expect(r.availability!, r.text).toBeLessThan(100);
});

test('axe-core finds no serious or critical violations in the CAP view', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await partitionAndPlay(page, 2);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect.poll(() => anomalyList(page).count()).toBeGreaterThan(0);
  await anomalyList(page).first().click();
  await expect(page.getByLabel('anomaly detail')).toBeVisible();
  await page.locator('.cap-skew summary').click();
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
  expect(serious).toEqual([]);
});
