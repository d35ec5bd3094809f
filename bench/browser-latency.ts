import { withPage } from './with-page';

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
  /** Pin the first run as the A/B baseline first, so every redraw also draws the baseline. */
  withBaseline = false,
): Promise<{ first: number[]; done: number[] }> {
  return withPage(4174, async (page, base) => {
    await page.goto(`${base}${presetHash}`);
    await page.waitForSelector('section.charts[data-status="done"]');
    if (withBaseline) {
      await page.getByTestId('pin-baseline').click();
      await page.waitForSelector('[data-testid="baseline-bar"][data-baseline="done"]');
    }
    await page.evaluate(() => (window.__labLatency = { first: [], done: [] }));
    const slider = page.locator('input[type=range][data-path="replication.intervalMs"]');
    for (let i = 0; i < n; i++) {
      await slider.fill(String(300 + (i % 10) * 20));
      await page.waitForFunction((k) => (window.__labLatency?.done.length ?? 0) >= k, i + 1);
    }
    return await page.evaluate(() => window.__labLatency ?? { first: [], done: [] });
  });
}
