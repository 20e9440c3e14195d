/**
 * Paxos in the lab (issue 10): switch protocols in the top bar, step single-decree Paxos through
 * phase 1 and phase 2 by keyboard, crash an acceptor by clicking, watch dueling proposers
 * livelock without back-off and randomized back-off resolve the duel; in Multi-Paxos crash the
 * leader with a slot open and see the new leader get that slot chosen in the slot grid.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { nodeStates, pickProtocol, pickScenario, playAtFullSpeed, stepUntil } from './helpers';

const messages = (page: Page, name: RegExp) => page.getByRole('button', { name });
const inspector = (page: Page) => page.getByRole('region', { name: 'inspector' });
const cluster = (page: Page) => page.getByRole('group', { name: /^cluster of \d+ servers$/ });

/** Keyboard shortcuts ignore a focused select: give focus back to the page. */
async function blur(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

test('the protocol picker opens the Paxos and Multi-Paxos playgrounds and goes back', async ({
  page,
}) => {
  await page.goto('/');
  const picker = page.getByRole('combobox', { name: 'protocol' });
  await expect(picker).toHaveValue('raft');
  await expect(picker.getByRole('option', { name: 'Paxos', exact: true })).toBeAttached();
  await expect(picker.getByRole('option', { name: 'Multi-Paxos' })).toBeAttached();
  const seed = await page.getByLabel(/^seed /).getAttribute('aria-label');

  await pickProtocol(page, 'Paxos', 'ballot');
  await expect(picker).toHaveValue('paxos');
  await expect(page.getByRole('button', { name: /^server S\d+,/ })).toHaveCount(5);
  // Same seed and node count; Paxos's own palette and status.
  await expect(page.getByLabel(/^seed /)).toHaveAttribute('aria-label', seed!);
  const legend = page.getByLabel('legend');
  for (const word of ['proposer', 'acceptor', 'learner', 'prepare (1a)', 'promise (1b)', 'nack'])
    await expect(legend).toContainText(word);
  await expect(page.getByText(/retry 150–300 ms, randomized back-off/)).toBeVisible();

  await pickProtocol(page, 'Multi-Paxos', 'ballot');
  await expect(picker).toHaveValue('multi-paxos');
  await expect(page.getByRole('region', { name: 'slot grid' })).toBeVisible();
  await expect(legend).toContainText('heartbeat');
  await expect(page.getByText(/leader timeout 150–300 ms, heartbeat 50 ms/)).toBeVisible();

  await pickProtocol(page, 'Raft', 'term');
  await expect(page.getByRole('region', { name: 'log matrix' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'slot grid' })).toHaveCount(0);
});

test('Paxos: phase 1 and phase 2 step by step from the keyboard, with an acceptor crashed', async ({
  page,
}) => {
  await page.goto('/');
  await pickProtocol(page, 'Paxos', 'ballot');
  await pickScenario(page, 'Paxos: one proposer, no faults');
  await blur(page);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'server S1, proposer, ballot 0' })).toBeVisible();

  // Phase 1a: S1's retry timer fires at once and it sends Prepare (1,S1) to every acceptor.
  await stepUntil(page, async () => (await messages(page, /^message \d+: Prepare/).count()) > 0, 5);
  await expect(messages(page, /^message \d+: Prepare/)).toHaveCount(4);
  await expect(
    messages(page, /^message \d+: Prepare \(1,S1\) from S1 to S2, ballot 1$/),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'server S1, proposer, ballot 1' })).toBeVisible();
  // S1 promised itself: one of the three promises it needs.
  await expect(cluster(page).getByText('prepare (1,S1) 1/3')).toBeVisible();

  // Phase 1b: S5's promise is on its way; crash S5 by clicking it, then its Crash button.
  const s5Promise = /^message \d+: Promise \(1,S1\) from S5 to S1, ballot 1$/;
  await stepUntil(page, async () => (await messages(page, s5Promise).count()) > 0);
  await page.getByRole('button', { name: /^server S5,/ }).click();
  await inspector(page).getByRole('button', { name: 'Crash S5' }).click();
  await expect(page.getByRole('button', { name: 'server S5, crashed, ballot 1' })).toBeVisible();
  // What it promised is in stable storage.
  await expect(inspector(page)).toContainText('promised(1,S1) (persisted)');
  await blur(page);

  // Phase 2a: with a majority of promises S1 sends Accept with its own value (none was reported).
  const accept = /^message \d+: Accept \(1,S1\) v-S1 from S1 to S\d, ballot 1$/;
  await stepUntil(page, async () => (await messages(page, accept).count()) > 0);
  await expect(cluster(page).getByText('accept (1,S1)')).toBeVisible();
  // Phase 2b: acceptors tell every learner.
  const accepted = /^message \d+: Accepted \(1,S1\) v-S1 from S\d to S\d, ballot 1$/;
  await stepUntil(page, async () => (await messages(page, accepted).count()) > 0);
  await expect(cluster(page).getByText('accepted (1,S1) v-S1').first()).toBeVisible();
  // S1's learner counts the acceptances of (1,S1) it hears, of the three it needs.
  await page.getByRole('button', { name: /^server S1,/ }).click();
  const tallies = page.getByRole('table', { name: 'acceptances counted by S1' });
  await stepUntil(page, async () => /\(1,S1\)\s*v-S1\s*[12] of 3/.test(await tallies.innerText()));

  // A learner learns v-S1 once three acceptances of (1,S1) reached it.
  await stepUntil(page, async () => (await nodeStates(page)).some((s) => s.role === 'learner'));
  await expect(cluster(page).getByText('learned v-S1').first()).toBeVisible();
  await stepUntil(
    page,
    async () => (await nodeStates(page)).filter((s) => s.role === 'learner').length === 4,
  );
  await expect(inspector(page)).toContainText('learnedv-S1');
  await expect(tallies).toContainText('none kept: it learned v-S1');

  // The crashed acceptor restarts with its promise.
  await page.getByRole('button', { name: /^server S5,/ }).click();
  await inspector(page).getByRole('button', { name: 'Restart S5' }).click();
  await expect(page.getByRole('button', { name: 'server S5, acceptor, ballot 1' })).toBeVisible();
  await expect(inspector(page)).toContainText('promised(1,S1)');
});

test('Paxos: dueling proposers livelock without back-off; randomized back-off gets a value chosen', async ({
  page,
}) => {
  await page.goto('/');
  await pickScenario(page, 'Paxos: dueling proposers livelock (no back-off)');
  await expect(page.getByText(/retry 30 ms, no back-off/)).toBeVisible();
  await playAtFullSpeed(page);
  // Ballot after ballot, and nobody learns a value.
  await expect
    .poll(async () => Math.max(...(await nodeStates(page)).map((s) => s.epoch ?? 0)), {
      timeout: 10_000,
    })
    .toBeGreaterThanOrEqual(12);
  expect((await nodeStates(page)).filter((s) => s.role === 'learner')).toEqual([]);
  await expect(cluster(page).getByText(/^learned /)).toHaveCount(0);
  await expect(messages(page, /^message \d+: Nack /).first()).toBeAttached({ timeout: 5000 });
  expect((await nodeStates(page)).filter((s) => s.role === 'learner')).toEqual([]);

  // The same duel with randomized exponential back-off: every node learns one value.
  const pause = page.getByRole('button', { name: 'Pause' });
  if ((await pause.count()) > 0) await pause.click();
  await pickScenario(page, 'Paxos: dueling proposers resolved by randomized back-off');
  await expect(page.getByText(/retry 30 ms, randomized back-off/)).toBeVisible();
  await playAtFullSpeed(page);
  await expect
    .poll(async () => (await nodeStates(page)).map((s) => s.role), { timeout: 10_000 })
    .toEqual(['learner', 'learner', 'learner']);
  const learned = cluster(page).getByText(/^learned v-S[12]$/);
  await expect(learned).toHaveCount(3);
  expect(new Set(await learned.allTextContents()).size).toBe(1);
  expect(Math.max(...(await nodeStates(page)).map((s) => s.epoch ?? 0))).toBeLessThan(10);
});

test('Multi-Paxos: crash the leader with a slot open; the new leader gets it chosen', async ({
  page,
}) => {
  await page.goto('/');
  await pickProtocol(page, 'Multi-Paxos', 'ballot');
  await playAtFullSpeed(page);
  let old = '';
  await expect
    .poll(
      async () => {
        const ls = (await nodeStates(page)).filter((s) => s.role === 'leader');
        old = ls.length === 1 ? ls[0]!.id : '';
        return old;
      },
      { timeout: 10_000 },
    )
    .not.toBe('');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  old = (await nodeStates(page)).find((s) => s.role === 'leader')!.id;

  // Send the leader a command and step until its accept requests are on the wire.
  await page.getByRole('button', { name: new RegExp(`^server ${old},`) }).click();
  await inspector(page)
    .getByRole('button', { name: `Send request to ${old}` })
    .click();
  await blur(page);
  const accept = new RegExp(`^message \\d+: Accept \\(\\d+,${old}\\) #(\\d+)\\S* from ${old} to`);
  await stepUntil(page, async () => (await messages(page, accept).count()) > 0);
  const label = (await messages(page, accept).first().getAttribute('aria-label'))!;
  const slot = Number(accept.exec(label)![1]);

  // Crash it before any acceptance comes back: the slot is open.
  await inspector(page)
    .getByRole('button', { name: `Crash ${old}` })
    .click();
  await expect(
    page.getByRole('button', { name: new RegExp(`^server ${old}, crashed`) }),
  ).toBeVisible();
  await blur(page);
  const grid = page.getByRole('table', { name: 'slots by server' });
  const openCell = grid.getByRole('cell', {
    // A follower's: the crashed leader accepted its own proposal, too.
    name: new RegExp(`^(?!${old} )S\\d slot ${slot}: accepted .* not known chosen$`),
  });
  await stepUntil(page, async () => (await openCell.count()) > 0);
  await expect(
    grid.getByRole('cell', { name: new RegExp(`^S\\d slot ${slot}: chosen`) }),
  ).toHaveCount(0);

  // A follower's leader timer runs out: it runs phase 1 with a higher ballot and finishes the slot.
  await page.getByRole('button', { name: 'Play' }).click();
  let fresh = '';
  await expect
    .poll(
      async () => {
        const ls = (await nodeStates(page)).filter((s) => s.role === 'leader' && s.id !== old);
        fresh = ls.length === 1 ? ls[0]!.id : '';
        return fresh;
      },
      { timeout: 10_000 },
    )
    .not.toBe('');
  await expect(
    grid.getByRole('cell', { name: new RegExp(`^${fresh} slot ${slot}: chosen `) }),
  ).toBeVisible({ timeout: 10_000 });
  const row = grid.getByRole('row', { name: new RegExp(`^${fresh} slots: \\d+ chosen`) });
  const chosen = Number(/slots: (\d+) chosen/.exec((await row.getAttribute('aria-label'))!)![1]);
  expect(chosen).toBeGreaterThan(slot);
});
