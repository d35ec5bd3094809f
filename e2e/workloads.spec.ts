import { expect, test } from '@playwright/test';
import { collectErrors, waitForRun } from './helpers';

// Issue 11 item 5: each workload slot in use gets a result card with what its own tool measures.
test('a card per workload: web replies/s and backlog drops, a transfer’s completion time, a stream’s loss', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(
    './#durationS=10&workloads.w1.kind=web&workloads.w2.kind=transfer&workloads.w3.kind=stream-udp&workloads.w4.kind=stream-tcp',
  );
  await waitForRun(page);
  const web = page.getByTestId('card-workload-1');
  await expect(web).toContainText('w1 · web server on vm1');
  await expect(web.locator('.card-value')).toHaveText(/^\d+ replies\/s$/);
  await expect(web).toContainText(/SYNs dropped at the full backlog/);
  await expect(page.getByTestId('card-workload-2').locator('.card-value')).toHaveText(
    /^done in \d+\.\d\d s$|^not finished$/,
  );
  await expect(page.getByTestId('card-workload-3').locator('.card-value')).toHaveText(
    /^\d+\.\d\d % lost$/,
  );
  await expect(page.getByTestId('card-workload-4').locator('.card-value')).toHaveText(
    /^\d+\.\d\d Mb\/s$/,
  );
  await expect(page.locator('section.cards')).not.toContainText('NaN');
  await page.locator('section.cards').screenshot({ path: 'test-results/workload-cards.png' });
  // No workload: no card.
  await page.goto('./#durationS=3');
  await waitForRun(page);
  await expect(page.locator('[data-testid^="card-workload-"]')).toHaveCount(0);
  expect(errors).toEqual([]);
});
