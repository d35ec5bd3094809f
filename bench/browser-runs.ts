import type { Browser, Page } from '@playwright/test';
import { withPage } from './with-page';

declare global {
  interface Window {
    /** Recorded by the app (src/ui/perf.ts): Cancel pressed → the worker's run stopped, ms. */
    __labCancel?: number[];
  }
}

/** Port of the preview server this bench starts (the latency bench uses 4174). */
const PORT = 4182;

/** The longest main-thread task of a phase: wall time, and the main thread's own CPU time in it. */
export interface LongestTask {
  wallMs: number;
  cpuMs: number;
}

/** What one heavy run costs the page. */
export interface HeavyRunFigures {
  /** While the run computes and plays (Play pressed as it starts). */
  computing: LongestTask;
  /** While the finished run plays from the start at ×30. */
  playing: LongestTask;
  /** Page opened → run complete (ms). */
  runMs: number;
  /** After the run and a garbage collection (MB): the JS heap and the typed arrays' backing stores. */
  jsHeapMB: number;
  arrayBuffersMB: number;
  /** Cancel run → the worker's run stopped (ms), one per try. */
  cancelMs: number[];
}

/**
 * The renderer main thread's tasks from a Chrome trace ('toplevel' category): the longest one by
 * wall time and by the thread's CPU time (tdur). On a shared machine wall time includes time the
 * thread was descheduled; CPU time is the page's own work.
 */
export async function longestTask(
  browser: Browser,
  run: () => Promise<void>,
): Promise<LongestTask> {
  await browser.startTracing(undefined, { categories: ['toplevel', '__metadata'] });
  await run();
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as {
    traceEvents: {
      ph: string;
      name: string;
      pid: number;
      tid: number;
      dur?: number;
      tdur?: number;
      args?: { name?: string };
    }[];
  };
  const main = new Set(
    trace.traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  let wall = 0;
  let cpu = 0;
  for (const e of trace.traceEvents) {
    if (e.ph !== 'X' || !main.has(`${e.pid}:${e.tid}`)) continue;
    wall = Math.max(wall, (e.dur ?? 0) / 1000);
    cpu = Math.max(cpu, (e.tdur ?? 0) / 1000);
  }
  return { wallMs: wall, cpuMs: cpu };
}

const status = (page: Page, s: string, timeout: number) =>
  page.waitForSelector(`section.charts[data-status="${s}"]`, { timeout });

/**
 * Opens `hash` (a heavy scenario) in Chromium against the built app and measures the main thread
 * while it computes and then plays at ×30, then the heap; on `cancelHash` (a longer scenario)
 * how long Cancel run takes to stop the worker, `cancels` times.
 */
export async function heavyRun(
  hash: string,
  cancelHash: string,
  cancels = 5,
): Promise<HeavyRunFigures> {
  return withPage(PORT, async (page, base, browser) => {
    const t0 = Date.now();
    let runMs = 0;
    // The page's own load (parsing the bundle, first render) comes before the trace: this is
    // about the main thread while the run computes.
    await page.goto(`${base}${hash}`);
    await status(page, 'running', 60_000);
    const stopped = () =>
      page.waitForFunction(
        () =>
          document.querySelector('[data-testid="play"]')?.getAttribute('aria-pressed') === 'false',
        undefined,
        { timeout: 900_000 },
      );
    // Computing and playing at once: Play (×4) as soon as the run starts, so every frame redraws
    // while chunks arrive (the playhead waits at the computed edge).
    const computing = await longestTask(browser, async () => {
      await page.getByTestId('play').click();
      await status(page, 'done', 900_000);
      runMs = Date.now() - t0;
      await stopped();
    });
    // Then the finished run played from the start at ×30.
    const playing = await longestTask(browser, async () => {
      await page.selectOption('.playback select', '30');
      await page.getByRole('button', { name: 'Start', exact: true }).click();
      await page.getByTestId('play').click();
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="play"]')?.getAttribute('aria-pressed') === 'false',
        undefined,
        { timeout: 120_000 },
      );
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as {
      usedSize: number;
      backingStorageSize?: number;
    };

    await page.goto('about:blank');
    await page.goto(`${base}${cancelHash}`);
    const bar = page.getByRole('progressbar');
    // A page without a Cancel button (the code before issue 10) gives no cancel figures.
    const hasCancel = await page
      .getByRole('button', { name: 'Cancel run' })
      .waitFor({ timeout: 15_000 })
      .then(() => true)
      .catch(() => false);
    for (let i = 0; hasCancel && i < cancels; i++) {
      if (i > 0) await page.getByRole('button', { name: 'Run again' }).click();
      // Let it get going (past the first simulated second) before cancelling.
      await page.waitForFunction(
        (k) =>
          Number(document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')) >=
          k,
        1,
        { timeout: 300_000 },
      );
      await bar.waitFor();
      await page.getByRole('button', { name: 'Cancel run' }).click();
      await status(page, 'cancelled', 60_000);
    }
    const cancelMs = await page.evaluate(() => window.__labCancel ?? []);
    return {
      computing,
      playing,
      runMs,
      jsHeapMB: heap.usedSize / 1e6,
      arrayBuffersMB: (heap.backingStorageSize ?? 0) / 1e6,
      cancelMs,
    };
  });
}
