import { expect, test } from '@playwright/test';
import { waitForRun } from './helpers';
import { HOST_HEADER_HEIGHT } from '../src/ui/timeline/layout';

// Issue 9, item 5: hover readouts on the timeline and on the charts.
test('hovering a core lane names the slice owner; hovering a chart gives each series’ value', async ({
  page,
}) => {
  await page.goto('./');
  await page.getByTestId('preset').selectOption('remus-bursts');
  await waitForRun(page);
  const tl = page.getByTestId('timeline');
  const box = await tl.boundingBox();
  if (!box) throw new Error('no timeline');
  // Zoom in to a fifth of a second so slices are wide, then hover the guests' core.
  await tl.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('+');
  // Below the primary host's header (and its 6 px gap), 50 px down is core 1.
  await page.mouse.move(box.x + box.width * 0.6, box.y + 50 + HOST_HEADER_HEIGHT + 6);
  await expect(page.getByTestId('timeline-readout')).toHaveText(
    /^Primary · core 1 at [\d.]+ s: idle$|^Primary · core 1: vm1 \(VoIP\) runs/,
  );
  // The checkpoints lane: the epoch under the pointer.
  const lanes = (await tl.getAttribute('data-lanes'))?.split(' ') ?? [];
  expect(lanes).toContain('epochs');
  const chart = page.getByTestId('chart-jitter');
  await chart.scrollIntoViewIfNeeded();
  const cb = await chart.locator('svg').boundingBox();
  if (!cb) throw new Error('no chart');
  await page.mouse.move(cb.x + cb.width * 0.5, cb.y + 40);
  const readout = page.getByTestId('chart-jitter-readout');
  await expect(readout).toContainText(/^\d+\.\d{3} s/);
  await expect(readout).toContainText(/caller→callee: [\d.]+ ms/);
  await page.mouse.move(0, 0);
  await expect(readout).toHaveCount(0);
});
