import { expect, test, type Page } from '@playwright/test';
import { findPreset, presetScenario } from '../src/sim/scenario/presets';
import { encodeScenarioHash } from '../src/sim/scenario/url-codec';
import { collectErrors, waitForRun } from './helpers';

/**
 * Marks on the timeline stay inside its plot when the window is zoomed past them, and marks over
 * a lane let the wheel through: the checkpoint-interval handle drew over the lane labels once
 * zoomed past the last checkpoint, and a partition's shaded span ate the wheel and vanished as
 * soon as its start scrolled out of view.
 */

const linkOf = (id: string): string => {
  const p = findPreset(id);
  if (!p) throw new Error(id);
  return encodeScenarioHash(presetScenario(p));
};

/** layout.ts: the lane labels' gutter left of the plot. */
const MARGIN_LEFT = 190;

const axis = (page: Page) => page.getByTestId('timeline').locator('g.axis');

/**
 * A picture of the gutter beside a lane (`box`: the lane's rows, in the page), up to `short` px
 * before the plot: lane labels only, whatever the window shows.
 */
async function gutter(
  page: Page,
  box: { y: number; height: number },
  short: number,
): Promise<Buffer> {
  const svg = await page.getByTestId('timeline').boundingBox();
  if (!svg) throw new Error('no timeline');
  return page.screenshot({
    clip: { x: svg.x + 20, y: box.y, width: MARGIN_LEFT - 20 - short, height: box.height },
  });
}

/** Presses timeline keys one at a time, each after the window moved for the one before. */
async function keys(page: Page, list: readonly string[]): Promise<void> {
  for (const k of list) {
    const before = await axis(page).textContent();
    await page.keyboard.press(k);
    await expect(axis(page)).not.toHaveText(before ?? '');
  }
}

test('zoomed past the last checkpoint, the interval handle draws nothing over the lane labels', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(`/${linkOf('r6-split')}`);
  await waitForRun(page);
  await page.getByTestId('timeline').focus();
  const grip = await page.getByTestId('interval-handle').locator('rect.grip').boundingBox();
  if (!grip) throw new Error('no interval handle');
  // 10 px short of the plot: a grip centred on the plot's edge may stick out that far.
  const whole = await gutter(page, grip, 10);
  // 7.5 s around the crash at 15 s (the last checkpoint), then panned to start after it: the
  // handle keeps the last acknowledgement it saw, now left of the window.
  await keys(page, ['+', '+', 'ArrowRight', 'ArrowRight', 'ArrowRight']);
  await expect(axis(page)).not.toContainText('15 s');
  const g = await page.getByTestId('interval-handle').locator('rect.grip').boundingBox();
  const svg = await page.getByTestId('timeline').boundingBox();
  // The case under test: the grip is placed in the gutter, not in the plot.
  expect((g?.x ?? 0) + (g?.width ?? 0)).toBeLessThan((svg?.x ?? 0) + MARGIN_LEFT - 10);
  expect((await gutter(page, grip, 10)).equals(whole)).toBe(true);
  expect(errors).toEqual([]);
});

test('over a partition the wheel zooms, and the span stays drawn once its start scrolls out', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(`/${linkOf('partition-no-fencing')}`);
  await waitForRun(page);
  const span = page.getByTestId('fail-span-f1');
  await expect(span).toBeVisible();
  const box = await span.boundingBox();
  if (!box) throw new Error('no partition span');
  // Up to the plot's edge: the span's cut end lies 4 px into the gutter, left for the clip.
  const whole = await gutter(page, box, 0);
  // The wheel over the middle of the span (the partition lasts from 10 s to the end of the run).
  const before = await axis(page).textContent();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -100);
  await expect(axis(page)).not.toHaveText(before ?? '');
  // Away from the lanes, so no readout or crosshair is in the pictures.
  await page.mouse.move(0, 0);
  // Back to the whole run, then 7.5 s from about 14 s: every second of it is partitioned.
  await page.getByTestId('timeline').focus();
  await keys(page, ['0', '+', '+', 'ArrowRight', 'ArrowRight']);
  await expect(axis(page)).not.toContainText('10 s');
  await expect(span).toHaveCount(1);
  const svg = await page.getByTestId('timeline').boundingBox();
  const cut = await span.boundingBox();
  // It reaches the plot's left edge …
  expect(cut?.x ?? Infinity).toBeLessThanOrEqual((svg?.x ?? 0) + MARGIN_LEFT);
  // … and is cut there: nothing of it over the heartbeat lane's label.
  expect((await gutter(page, box, 0)).equals(whole)).toBe(true);
  expect(errors).toEqual([]);
});
