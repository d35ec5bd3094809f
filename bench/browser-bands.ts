import { longestTask, type LongestTask } from './browser-runs';
import { withPage } from './with-page';

declare global {
  interface Window {
    /** Long tasks seen by the bench's PerformanceObserver (ms each). */
    __benchLongTasks?: number[];
  }
}

/** Port of the preview server this bench starts (others use 4174 and 4182). */
const PORT = 4192;

/** What the band view costs the page on a many-stream run. */
export interface BandRunFigures {
  /** Slider edit → the new run's first chunk drawn, and → the whole run drawn (ms, the app's own clock). */
  firstMs: number;
  doneMs: number;
  /** Main-thread long tasks ('longtask' entries, each ≥ 50 ms) from the edit until playback ended. */
  longTasks: number[];
  /** The longest main-thread task in the same time from a Chrome trace: wall, and the thread's own CPU time. */
  longest: LongestTask;
  /** Whether the page drew bands (it should, above 8 streams). */
  bands: boolean;
}

/**
 * Opens `hash` (many streams) against the built app, then edits the checkpoint interval and at once
 * plays the new run at ×4 from the start, so every frame redraws the bands while chunks arrive and
 * then while it plays to the end. A PerformanceObserver on 'longtask' records every main-thread
 * task of 50 ms or more in that time; the app records edit → first chunk drawn (src/ui/perf.ts).
 */
export async function bandRun(hash: string, lines = false): Promise<BandRunFigures> {
  return withPage(PORT, async (page, base, browser) => {
    await page.goto(`${base}${hash}`);
    await page.waitForSelector('section.charts[data-status="done"]', { timeout: 300_000 });
    // `lines`: the same with the toggle off (one line each for the first calls), to compare.
    if (lines) await page.getByTestId('band-toggle').uncheck();
    const bands = await page.getByTestId('band-toggle').isChecked();
    await page.evaluate(() => {
      window.__labLatency = { first: [], done: [] };
      window.__benchLongTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__benchLongTasks?.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    // On a shared machine a task's wall time includes time the thread was descheduled; the
    // trace's CPU time (as bench/browser-runs.ts) is the page's own work.
    const longest = await longestTask(browser, async () => {
      await page.locator('input[type=range][data-path="replication.intervalMs"]').fill('120');
      await page.getByRole('button', { name: 'Start', exact: true }).click();
      await page.getByTestId('play').click();
      await page.waitForSelector('section.charts[data-status="done"]', { timeout: 300_000 });
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="play"]')?.getAttribute('aria-pressed') === 'false',
        undefined,
        { timeout: 300_000 },
      );
    });
    const lat = await page.evaluate(() => window.__labLatency ?? { first: [], done: [] });
    const longTasks = await page.evaluate(() => window.__benchLongTasks ?? []);
    return {
      firstMs: lat.first[0] ?? NaN,
      doneMs: lat.done[0] ?? NaN,
      longTasks,
      longest,
      bands,
    };
  });
}
