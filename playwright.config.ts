import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser: see ../shared/guide/toolchain.md.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Another checkout's tests may hold the default port: E2E_PORT moves this run elsewhere.
const port = Number(process.env.E2E_PORT ?? 4173);
// A build elsewhere than dist/ (E2E_DIST), so one checkout can test while another builds.
const outDir = process.env.E2E_DIST ? ` --outDir ${process.env.E2E_DIST}` : '';

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  workers: 2,
  // One retry for timing on a loaded 2-core machine; Playwright still reports a test that
  // needed it as "flaky", so a flake is seen, not hidden.
  retries: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort${outDir}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
