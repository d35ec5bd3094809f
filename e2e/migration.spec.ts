import { expect, test } from '@playwright/test';
import { collectErrors, waitForRun } from './helpers';

// Issue 8, item 6 / R7: the live migration's rounds and downtime on the timeline.
test('the R7 preset draws a migration lane: hovering names each pre-copy round and the downtime', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('./');
  await page.getByTestId('preset').selectOption('r7-live-migration');
  await waitForRun(page);
  const tl = page.getByTestId('timeline');
  // Both hosts' cores (the VM runs on each in turn), then the migration lane.
  await expect(tl).toHaveAttribute('data-lanes', 'cpu cpu cpu cpu migration');
  // The migration lane is the last one, above the 30 px axis; the plot spans 190 px to width − 20
  // over the whole 30 s run. Measured before each hover, as the layout may still settle.
  const hover = async (s: number) => {
    const box = await tl.boundingBox();
    if (!box) throw new Error('no timeline');
    await page.mouse.move(
      box.x + 190 + ((box.width - 210) * s) / 30,
      box.y + box.height - 30 - 4 - 22,
    );
  };
  const readout = page.getByTestId('timeline-readout');
  // Round 1 sends every page of the 1 GiB VM (262 144) from 10.2 s while the VM runs.
  await hover(14);
  await expect(readout).toHaveText(/^pre-copy round 1: 262144 pages, 10\.2\d\d s → 18\.8\d\d s/);
  // The ≈ 322 ms downtime (300 ms of it the vif plug on the target) starts at 18.8x s.
  await hover(18.9);
  await expect(readout).toContainText(/migration downtime: paused at 18\.8\d\d s/);
  await expect(readout).toContainText(
    /\(322\.\d ms; \d+ pages copied paused; 300\.0 ms of it the target plugging the vif\)/,
  );
  await page.screenshot({ path: test.info().outputPath('migration-lane.png') });
  expect(errors).toEqual([]);
});
