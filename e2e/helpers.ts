import { expect, type Page } from '@playwright/test';

/** Waits until the run for the current scenario has finished and been drawn. */
export async function waitForRun(page: Page): Promise<void> {
  await expect(page.locator('section.charts')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('trace-hash')).toBeVisible();
}

/** Collects page errors and console errors so a test can assert there were none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/** Number of non-background pixels in the timeline canvas (lanes actually drawn). */
export async function paintedPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const c = document.querySelector('.timeline canvas') as HTMLCanvasElement | null;
    if (!c) return 0;
    const ctx = c.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i] as number;
      const g = data[i + 1] as number;
      const b = data[i + 2] as number;
      const a = data[i + 3] as number;
      if (a > 0 && !(r > 235 && g > 235 && b > 235)) n++;
    }
    return n;
  });
}

/** Reads a number out of a summary card's value. */
export async function cardNumber(page: Page, id: string): Promise<number> {
  const text = (await page.getByTestId(`card-${id}`).locator('.card-value').textContent()) ?? '';
  return Number.parseFloat(text);
}

/** Opens the sweep panel and sets its first axis to the checkpoint interval from `from` to `to` ms in `steps`. */
export async function setUpSweep(
  page: Page,
  from: number,
  to: number,
  steps: number,
): Promise<void> {
  await page.getByTestId('sweep-open').click();
  await page.locator('#sweep-axis1-path').selectOption('replication.intervalMs');
  const range = page.locator('.sweep-axis').first().locator('input');
  await range.nth(0).fill(String(from));
  await range.nth(1).fill(String(to));
  await range.nth(2).fill(String(steps));
}
