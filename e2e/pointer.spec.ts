/**
 * Pointer gestures on the cluster at several window shapes (issue 16). The drawing keeps its
 * square viewBox centred in a box that is usually wider than it is tall, so every gesture has
 * to be mapped through that letterboxing. Real mouse input only; where things are comes from
 * the links' and servers' own boxes, what happened from the links' accessible names.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

interface XY {
  x: number;
  y: number;
}

const VIEWPORTS = [
  { name: 'laptop', width: 1440, height: 900 },
  { name: 'small laptop', width: 1024, height: 700 },
  { name: 'phone', width: 390, height: 844 },
];

const LINK_LABEL = /^link (S\d+) to (S\d+), (.*)$/;

const pairKey = (a: string, b: string) => (a < b ? `${a}-${b}` : `${b}-${a}`);
const lerp = (a: XY, b: XY, f: number): XY => ({
  x: a.x + (b.x - a.x) * f,
  y: a.y + (b.y - a.y) * f,
});
/** Which side of the directed line a→b the point p is on, and how far from it (px). */
function sideOf(a: XY, b: XY, p: XY): { side: number; distance: number } {
  const cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
  return { side: Math.sign(cross), distance: Math.abs(cross) / Math.hypot(b.x - a.x, b.y - a.y) };
}

/** Every link's state as its name states it, keyed "S1-S2": "up", "down" or the one-way text. */
async function linkStates(page: Page): Promise<Map<string, string>> {
  const labels = await page
    .getByRole('button', { name: /^link S\d+ to S\d+,/ })
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  const out = new Map<string, string>();
  for (const l of labels) {
    const m = LINK_LABEL.exec(l);
    if (!m) throw new Error(`unexpected link label: ${l}`);
    out.set(pairKey(m[1]!, m[2]!), m[3]!);
  }
  return out;
}

/**
 * The servers' centres on screen. A link's box is symmetric about the middle of the segment
 * between its two servers' centres, so from the midpoints M of three links among servers i, j,
 * k: centre(i) = M(i,j) + M(i,k) − M(j,k). Each result is checked against the server's own box.
 */
async function serverCentres(page: Page): Promise<Map<string, XY>> {
  const links = await page.getByRole('button', { name: /^link S\d+ to S\d+,/ }).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return {
        label: e.getAttribute('aria-label') ?? '',
        x: r.x + r.width / 2,
        y: r.y + r.height / 2,
      };
    }),
  );
  const mid = new Map<string, XY>();
  const ids = new Set<string>();
  for (const l of links) {
    const m = LINK_LABEL.exec(l.label)!;
    ids.add(m[1]!);
    ids.add(m[2]!);
    mid.set(pairKey(m[1]!, m[2]!), { x: l.x, y: l.y });
  }
  const all = [...ids];
  const centres = new Map<string, XY>();
  for (const i of all) {
    const [j, k] = all.filter((x) => x !== i);
    const a = mid.get(pairKey(i, j!))!;
    const b = mid.get(pairKey(i, k!))!;
    const c = mid.get(pairKey(j!, k!))!;
    const p = { x: a.x + b.x - c.x, y: a.y + b.y - c.y };
    const box = (await page
      .getByRole('button', { name: new RegExp(`^server ${i},`) })
      .boundingBox())!;
    expect(p.x, `${i}'s centre inside its box`).toBeGreaterThan(box.x);
    expect(p.x, `${i}'s centre inside its box`).toBeLessThan(box.x + box.width);
    expect(p.y, `${i}'s centre inside its box`).toBeGreaterThan(box.y);
    expect(p.y, `${i}'s centre inside its box`).toBeLessThan(box.y + box.height);
    centres.set(i, p);
  }
  return centres;
}

/** The lab at its first moment, paused (it opens paused), with the whole cluster on screen. */
async function openPaused(page: Page): Promise<{ box: XY & { width: number; height: number } }> {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await expect(page.getByLabel('event 0')).toBeVisible();
  await expect(page.getByRole('button', { name: /^link S\d+ to S\d+, up$/ })).toHaveCount(10);
  const cluster = page.getByRole('group', { name: 'cluster of 5 servers' });
  await cluster.scrollIntoViewIfNeeded();
  const box = (await cluster.boundingBox())!;
  const vp = page.viewportSize()!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  // Sub-pixel rounding of a scrolled page may leave a fraction of a pixel below the fold.
  expect(box.y + box.height).toBeLessThanOrEqual(vp.height + 1);
  return { box };
}

/** A real mouse drag in small steps, the way a hand does it. */
async function drag(page: Page, from: XY, to: XY): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const half = lerp(from, to, 0.5);
  await page.mouse.move(half.x, half.y, { steps: 8 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

/**
 * After a partition drawn from `from` to `to`: the links between servers on opposite sides of
 * that line are down, every other link is up.
 */
async function expectSplitBy(page: Page, centres: Map<string, XY>, from: XY, to: XY) {
  const ids = [...centres.keys()];
  const side = new Map<string, number>();
  for (const id of ids) {
    const s = sideOf(from, to, centres.get(id)!);
    // The gestures are chosen so that no server sits on the line.
    expect(s.distance, `${id} is clear of the line`).toBeGreaterThan(10);
    side.set(id, s.side);
  }
  expect(new Set(side.values()).size, 'the line splits the servers').toBe(2);
  const want = new Map<string, string>();
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i]!;
      const b = ids[j]!;
      want.set(pairKey(a, b), side.get(a) === side.get(b) ? 'up' : 'down');
    }
  }
  await expect.poll(() => linkStates(page)).toEqual(want);
}

for (const vp of VIEWPORTS) {
  test.describe(`pointer on the cluster, ${vp.name} ${vp.width}×${vp.height}`, () => {
    test.use({ viewport: { width: vp.width, height: vp.height } });

    test('shift-click near S5 on the S1–S5 link blocks only the traffic into S5', async ({
      page,
    }) => {
      await openPaused(page);
      const c = await serverCentres(page);
      // Well inside S5's half of the link, clear of both servers.
      const p = lerp(c.get('S5')!, c.get('S1')!, 0.3);
      await page.keyboard.down('Shift');
      await page.mouse.click(p.x, p.y);
      await page.keyboard.up('Shift');
      const link = page.getByRole('button', { name: /^link S1 to S5,/ });
      await expect(link).toHaveAccessibleName('link S1 to S5, one-way: only S5 to S1 works');
      // Near the other end it is the other direction: S1 → S5 stays blocked, S5 → S1 too.
      const q = lerp(c.get('S5')!, c.get('S1')!, 0.7);
      await page.keyboard.down('Shift');
      await page.mouse.click(q.x, q.y);
      await page.keyboard.up('Shift');
      await expect(link).toHaveAccessibleName('link S1 to S5, down');
      // A plain click still toggles both directions; no other link changed.
      await page.mouse.click(p.x, p.y);
      await expect(link).toHaveAccessibleName('link S1 to S5, up');
      expect([...(await linkStates(page)).values()].every((s) => s === 'up')).toBe(true);
    });

    test('a drag from the empty space beside the ring splits the servers along the line drawn', async ({
      page,
    }) => {
      const { box } = await openPaused(page);
      const c = await serverCentres(page);
      const ids = [...c.keys()];
      const o = {
        x: ids.reduce((s, id) => s + c.get(id)!.x, 0) / ids.length,
        y: ids.reduce((s, id) => s + c.get(id)!.y, 0) / ids.length,
      };
      const ring = Math.hypot(c.get('S1')!.x - o.x, c.get('S1')!.y - o.y);
      // Left of the ring (in the wide box's empty side band, or the square's corner area) to
      // right of it, sloping up a little: S1, S2, S5 above the line, S3 and S4 below.
      const from = { x: Math.max(box.x + 6, o.x - 2.2 * ring), y: o.y + 0.45 * ring };
      const to = { x: Math.min(box.x + box.width - 6, o.x + 2.2 * ring), y: o.y - 0.2 * ring };
      await drag(page, from, to);
      await expectSplitBy(page, c, from, to);
      await expect(page.getByRole('button', { name: 'link S1 to S3, down' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'link S2 to S5, up' })).toBeVisible();
    });

    test('a drag that starts on a link draws a partition; the link is not toggled', async ({
      page,
    }) => {
      await openPaused(page);
      const c = await serverCentres(page);
      const ids = [...c.keys()];
      const o = {
        x: ids.reduce((s, id) => s + c.get(id)!.x, 0) / ids.length,
        y: ids.reduce((s, id) => s + c.get(id)!.y, 0) / ids.length,
      };
      const ring = Math.hypot(c.get('S1')!.x - o.x, c.get('S1')!.y - o.y);
      // From the middle of the S2–S5 link down past S3's left: S1, S2, S3 | S4, S5.
      const from = lerp(c.get('S2')!, c.get('S5')!, 0.5);
      const to = { x: o.x + 0.5 * ring, y: o.y + 1.45 * ring };
      await drag(page, from, to);
      await expectSplitBy(page, c, from, to);
      // The link the drag started on is cut by the partition, not healed again by a click.
      await expect(page.getByRole('button', { name: 'link S2 to S5, down' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'link S1 to S2, up' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'link S4 to S5, up' })).toBeVisible();
    });
  });
}
