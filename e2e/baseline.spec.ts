import { expect, test } from '@playwright/test';
import { collectErrors, waitForRun } from './helpers';

// Issue 9, item 1: pin a baseline; cards show the delta, charts overlay it dashed, the link holds both.
test('pin Net, switch to No-Net: cards show the deltas, charts the dashed baseline, the link both', async ({
  page,
  context,
}) => {
  const errors = collectErrors(page);
  await page.goto('./');
  await page.getByTestId('preset').selectOption('remus-bursts');
  await waitForRun(page);
  await page.getByTestId('pin-baseline').click();
  await expect(page.getByTestId('baseline-bar')).toHaveAttribute('data-baseline', 'done');
  await expect(page).toHaveURL(/&base=/);
  await page.locator('select[data-path="replication.policy"]').selectOption('none');
  await waitForRun(page);
  // No-Net releases at once: jitter falls against the Net baseline.
  await expect(page.getByTestId('delta-jitter')).toHaveText(/^Δ −\d+(\.\d+)? ms vs baseline/);
  await expect(page.getByTestId('chart-jitter')).toContainText('baseline caller→callee');
  await expect(page.getByTestId('chart-loss')).toContainText('baseline lost + late');
  await page.screenshot({ path: 'test-results/baseline.png', fullPage: true });
  // The link carries both runs: another page opens with the same baseline computed.
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByTestId('baseline-bar')).toHaveAttribute('data-baseline', 'done');
  await expect(other.getByTestId('delta-jitter')).toHaveText(
    (await page.getByTestId('delta-jitter').textContent()) ?? '',
  );
  await other.getByTestId('clear-baseline').click();
  await expect(other).not.toHaveURL(/base=/);
  expect(errors).toEqual([]);
});

test('the baseline’s lanes can sit under the current run’s on one time axis', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('preset').selectOption('r1-credit');
  await waitForRun(page);
  await page.getByTestId('pin-baseline').click();
  const seed = page.getByRole('spinbutton', { name: 'Seed' });
  await seed.fill('2');
  await seed.press('Enter');
  await waitForRun(page);
  const canvas = page.locator('.timeline-wrap canvas');
  const before = (await canvas.boundingBox())?.height ?? 0;
  await page.getByTestId('baseline-lanes').check();
  await expect
    .poll(async () => (await canvas.boundingBox())?.height ?? 0)
    .toBeGreaterThan(before * 1.5);
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no canvas');
  // The lowest lane is the baseline's: its readout says so.
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height - 50);
  await expect(page.getByTestId('timeline-readout')).toHaveText(/^A · /);
  await page.screenshot({ path: 'test-results/baseline-lanes.png' });
});
