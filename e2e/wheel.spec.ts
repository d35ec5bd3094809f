import { expect, test } from '@playwright/test';
import { PRESETS } from '../src/sim/scenario/presets';
import { collectErrors, waitForRun } from './helpers';

/**
 * Issue 10: wheel-zooming the timeline replaced the lab with the error page (React error 185,
 * maximum update depth) in 10 of 32 page loads, sometimes after one notch. Every preset, eight
 * notches in and out
 * over the lanes after the run finished.
 */
for (const p of PRESETS) {
  test(`wheel-zooming the timeline of "${p.id}" never shows the error page`, async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('/');
    await waitForRun(page);
    await page.getByTestId('preset').selectOption(p.id);
    const timeline = page.getByTestId('timeline');
    const box = await timeline.boundingBox();
    if (!box) throw new Error('no timeline');
    const axisBefore = await timeline.locator('g.axis').textContent();
    await waitForRun(page);
    // In, in, out, …: 60 ms apart, inside one d3-zoom wheel gesture (150 ms), where the crash was.
    for (let n = 0; n < 8; n++) {
      await page.mouse.move(box.x + box.width * (0.3 + 0.03 * n), box.y + 30);
      await page.mouse.wheel(0, n % 3 === 2 ? 100 : -100);
      await page.waitForTimeout(60);
    }
    await page.waitForTimeout(400);
    await expect(page.locator('.crash-page')).toHaveCount(0);
    // The wheel did zoom: the axis reads differently from the whole run.
    expect(await timeline.locator('g.axis').textContent()).not.toBe(axisBefore);
    expect(errors).toEqual([]);
  });
}
