/**
 * Browser figures for the live lab (issue 5): frames per second during playback with 9
 * servers under a busy workload, main-thread long tasks, and the worker's cost per snapshot
 * and snapshot size. Builds the app, serves it with `vite preview`, drives Debian's Chromium
 * through Playwright and reads `window.__quorumPerf` (src/ui/perf.ts). Prints; asserts nothing.
 * Run alone with `npx tsx bench/ui.ts`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const PORT = 4179;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** 9 servers, slow links and many clients: a few hundred messages in flight at once. */
const busyScenario = {
  name: 'ui bench: 9 servers, busy',
  protocol: 'raft',
  nodes: 9,
  seed: 3,
  // The bench plays about 12 s at 1×: a minute is plenty, and within the work limit.
  duration: 60_000,
  network: { latency: { min: 150, max: 400 }, clientLatency: { min: 150, max: 400 } },
  raft: { electionTimeout: { min: 1500, max: 3000 }, heartbeatInterval: 100 },
  workload: { clients: 100, rate: 10, keys: 16, readRatio: 0.5 },
};

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`preview server did not start at ${url}`);
}

export async function benchUi(): Promise<Record<string, number> | null> {
  if (!existsSync(CHROMIUM)) {
    console.log(`ui: skipped, no Chromium at ${CHROMIUM} (npm test installs it)`);
    return null;
  }
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
  const server = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
    { stdio: 'ignore', detached: true },
  );
  const url = `http://127.0.0.1:${PORT}/`;
  try {
    await waitForServer(url);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(url);
    await page.getByRole('button', { name: /^server S1,/ }).waitFor();
    await page.getByLabel('scenario file').setInputFiles({
      name: 'ui-bench.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(busyScenario)),
    });
    await page.getByRole('button', { name: /^server S9,/ }).waitFor();
    await page.getByRole('slider', { name: 'speed' }).fill('0'); // 1× real time
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(6000); // elect a leader and let the workload build up
    await page.evaluate(() => {
      window.__quorumPerf!.measureSize(true);
      window.__quorumPerf!.reset();
    });
    const inFlight: number[] = [];
    for (let i = 0; i < 10; i++) {
      await page.waitForTimeout(500);
      inFlight.push(await page.evaluate(() => window.__quorumPerf!.inFlight));
    }
    const s = await page.evaluate(() => window.__quorumPerf!.summary());
    await browser.close();
    const maxInFlight = Math.max(...inFlight);
    console.log(
      `ui: 9 servers, 100 clients, 1× real time, 5 s measured, ${Math.round(
        inFlight.reduce((a, b) => a + b, 0) / inFlight.length,
      )} messages in flight on average (max ${maxInFlight})`,
    );
    console.log(
      `ui: ${s.fps!.toFixed(1)} fps, frame p50 ${s.frameP50!.toFixed(1)} ms, p95 ${s.frameP95!.toFixed(
        1,
      )} ms, max ${s.frameMax!.toFixed(1)} ms; long tasks (>50 ms) ${s.longTasks}, longest ${s.longestTask!.toFixed(0)} ms`,
    );
    console.log(
      `ui: worker snapshot build p50 ${s.snapshotMsP50!.toFixed(2)} ms, p95 ${s.snapshotMsP95!.toFixed(
        2,
      )} ms; snapshot size p50 ${(s.snapshotBytesP50! / 1024).toFixed(1)} KiB, max ${(
        s.snapshotBytesMax! / 1024
      ).toFixed(1)} KiB; ${s.snapshots} snapshots`,
    );
    return { ...s, maxInFlight };
  } finally {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchUi();
