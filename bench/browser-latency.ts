import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { chromiumArgs, chromiumPath } from '../chromium.config';

declare global {
  interface Window {
    /** Recorded by the app (src/ui/perf.ts). */
    __labLatency?: { first: number[]; done: number[] };
  }
}

/**
 * Slider change → charts updated, in real Chromium against the built app. For each of `n` edits
 * of the checkpoint-interval slider the app records (window.__labLatency) the time from the edit
 * to the first chunk drawn and to the whole run drawn.
 */
export async function sliderLatency(
  n: number,
  presetHash: string,
): Promise<{ first: number[]; done: number[] }> {
  const server = await preview({
    preview: { host: '127.0.0.1', port: 4174, strictPort: true },
    logLevel: 'silent',
  });
  const browser = await chromium.launch({
    ...(chromiumPath ? { executablePath: chromiumPath } : {}),
    args: chromiumArgs,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`http://127.0.0.1:4174/${presetHash}`);
    await page.waitForSelector('section.charts[data-status="done"]');
    await page.evaluate(() => (window.__labLatency = { first: [], done: [] }));
    const slider = page.locator('input[type=range][data-path="replication.intervalMs"]');
    for (let i = 0; i < n; i++) {
      await slider.fill(String(300 + (i % 10) * 20));
      await page.waitForFunction((k) => (window.__labLatency?.done.length ?? 0) >= k, i + 1);
    }
    return await page.evaluate(() => window.__labLatency ?? { first: [], done: [] });
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
  }
}
