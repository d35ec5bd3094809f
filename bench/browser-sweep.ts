import { withPage } from './with-page';

/**
 * The issues' browser sweep figure: in Chromium against the built app, the sweep panel runs 16
 * checkpoint intervals (50 → 800 ms) × 30 simulated s of "Remus bursts" on the page's worker pool;
 * returns the wall time the panel reports from Run to the last row, and the pool size.
 */
export async function browserSweep(hash: string): Promise<{ ms: number; workers: number }> {
  return withPage(4175, async (page, base) => {
    await page.goto(`${base}${hash}`);
    await page.waitForSelector('section.charts[data-status="done"]');
    await page.getByTestId('sweep-open').click();
    await page.locator('#sweep-axis1-path').selectOption('replication.intervalMs');
    const range = page.locator('.sweep-axis').first().locator('input');
    await range.nth(0).fill('50');
    await range.nth(1).fill('800');
    await range.nth(2).fill('16');
    await page.getByTestId('sweep-run').click();
    await page.waitForSelector('[data-testid="sweep"][data-status="done"]', { timeout: 120_000 });
    const text = (await page.getByTestId('sweep-progress-text').textContent()) ?? '';
    const s = /([\d.]+) s/.exec(text);
    const workers = Number(
      /on (\d+) workers/.exec((await page.locator('.sweep-intro').textContent()) ?? '')?.[1] ?? 0,
    );
    return { ms: s ? Number(s[1]) * 1000 : NaN, workers };
  });
}
