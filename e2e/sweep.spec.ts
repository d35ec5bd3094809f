import { expect, test } from '@playwright/test';
import { collectErrors, setUpSweep, waitForRun } from './helpers';

// Issue 9, item 2: a sweep over a worker pool, with progress, Cancel, a chart, and opening a point.
test('a one-parameter sweep runs on the pool, plots mean and spread, and a point opens its run', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('./#durationS=4&replication.intervalMs=400&telephony.calls=1');
  await waitForRun(page);
  await setUpSweep(page, 100, 400, 4);
  await page.getByLabel('Seeds per point').fill('2');
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep')).toHaveAttribute('data-status', 'done', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('sweep-progress-text')).toContainText('8/8 runs');
  await expect(page.getByTestId('sweep-chart').locator('.sweep-point')).toHaveCount(4);
  await expect(page.getByTestId('sweep-band')).toHaveAttribute('d', /M/);
  await page.screenshot({ path: 'test-results/sweep.png', fullPage: true });
  // Keyboard: Enter on the third point opens its run (interval 300 ms).
  await page.getByTestId('sweep-chart').locator('.sweep-point').nth(2).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/replication\.intervalMs=300/);
  await waitForRun(page);
  expect(errors).toEqual([]);
});

test('Cancel stops a sweep at once', async ({ page }) => {
  await page.goto('./#durationS=60&telephony.calls=20');
  await waitForRun(page);
  await page.getByTestId('sweep-open').click();
  await page.getByLabel('Seeds per point').fill('5');
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep')).toHaveAttribute('data-status', 'running');
  const t0 = Date.now();
  await page.getByTestId('sweep-cancel').click();
  await expect(page.getByTestId('sweep')).toHaveAttribute('data-status', 'cancelled');
  expect(Date.now() - t0).toBeLessThan(2000);
  await expect(page.getByTestId('sweep-progress-text')).toContainText('cancelled');
});

test('two parameters give a heat map', async ({ page }) => {
  await page.goto('./#durationS=3&telephony.calls=1');
  await waitForRun(page);
  await setUpSweep(page, 100, 300, 3);
  await page.locator('#sweep-axis2-path').selectOption('replication.policy');
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep')).toHaveAttribute('data-status', 'done', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('sweep-heatmap').locator('.sweep-point')).toHaveCount(9);
});

test('the sweep lives in the link: running one writes it, opening the link runs it again', async ({
  page,
}) => {
  await page.goto('./#durationS=3&telephony.calls=1');
  await waitForRun(page);
  await setUpSweep(page, 100, 300, 3);
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep')).toHaveAttribute('data-status', 'done', {
    timeout: 60_000,
  });
  await expect(page).toHaveURL(/&sweep=/);
  const link = page.url();
  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.getByTestId('sweep')).toHaveAttribute('data-status', 'done', {
    timeout: 60_000,
  });
  await expect(other.getByTestId('sweep-chart').locator('.sweep-point')).toHaveCount(3);
  await expect(other.getByTestId('notices')).toHaveCount(0);
  // The linked sweep is in the form, to change and run again.
  await expect(other.locator('#sweep-axis1-path')).toHaveValue('replication.intervalMs');
  const range = other.locator('.sweep-axis').first().locator('input');
  await expect(range.nth(0)).toHaveValue('100');
  await expect(range.nth(1)).toHaveValue('300');
  await expect(range.nth(2)).toHaveValue('3');
  // Closing the panel takes it out of the link.
  await other.getByRole('button', { name: 'Close' }).click();
  await expect(other).not.toHaveURL(/sweep=/);
  // The link pasted into the open tab (only the hash changes) opens the sweep and runs it again.
  await other.evaluate((hash) => {
    window.location.hash = hash;
  }, new URL(link).hash);
  await expect(other.getByTestId('sweep')).toHaveAttribute('data-status', 'done', {
    timeout: 60_000,
  });
  await expect(other.getByTestId('sweep-progress-text')).toContainText('3/3 runs');
});

test('a sweep is priced as it is edited, and one over the page’s budget is not run', async ({
  page,
}) => {
  await page.goto('./#durationS=3&telephony.calls=1');
  await waitForRun(page);
  await setUpSweep(page, 100, 300, 3);
  const cost = page.getByTestId('sweep-cost');
  await expect(cost).toContainText(
    /^3 runs · about [0-9.]+ M events · about \d+ s on \d workers?$/,
  );
  // 2 000 calls × up to an hour, 50 × 50 points: far over the budget.
  await page.locator('#sweep-axis1-path').selectOption('telephony.calls');
  const a1 = page.locator('.sweep-axis').first().locator('input');
  await a1.nth(0).fill('0');
  await a1.nth(1).fill('2000');
  await a1.nth(2).fill('50');
  await page.locator('#sweep-axis2-path').selectOption('durationS');
  const a2 = page.locator('.sweep-axis').nth(1).locator('input');
  await a2.nth(0).fill('60');
  await a2.nth(1).fill('3600');
  await a2.nth(2).fill('50');
  await expect(cost).toContainText('Not run: 2500 runs would simulate about');
  await expect(page.getByTestId('sweep-run')).toBeDisabled();
  await page.screenshot({ path: 'test-results/sweep-over-budget.png', fullPage: true });
});
