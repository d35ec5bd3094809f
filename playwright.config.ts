import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, chromiumPath as executablePath } from './chromium.config';

/**
 * Browser tests run in real Chromium: Debian's /usr/bin/chromium where it exists (this project's
 * machines cannot download browsers), otherwise Playwright's own build (`npx playwright install chromium`).
 */

/** Port of the preview server; E2E_PORT lets two checkouts run their browser tests side by side. */
const port = Number(process.env['E2E_PORT'] ?? 4173);
/** The build it serves; E2E_DIST lets a second checkout or build of the same tree use its own. */
const dist = process.env['E2E_DIST'] ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // On CI one retry: the shared 2-core machine sometimes starves the wall-time playback of a
  // test past its 15 s expectation. A retried pass is listed as "flaky" in the report, so it
  // stays visible; locally there is no retry.
  retries: process.env['CI'] ? 1 : 0,
  reporter: process.env['CI'] ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1440, height: 1000 },
    trace: 'off',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: chromiumArgs,
    },
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 1000 } },
    },
  ],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort --outDir ${dist}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env['CI'],
    timeout: 60_000,
  },
});
