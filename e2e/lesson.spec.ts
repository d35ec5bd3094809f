import { expect, test } from '@playwright/test';
import { collectErrors, waitForRun } from './helpers';

// Issue 9, item 4: a lesson from predict to explain.
test('primary-fails as a lesson: predict with results hidden, then compare and explain', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('./');
  await page.getByTestId('preset').selectOption('primary-fails');
  await waitForRun(page);
  await page.getByTestId('lesson-start').click();
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-phase', 'predict');
  await expect(page.getByTestId('lesson-hidden')).toBeVisible();
  await expect(page.getByTestId('card-mos')).toHaveCount(0);
  await expect(page.getByTestId('lesson-reveal')).toBeDisabled();
  await page.getByTestId('lesson-input').fill('1');
  await page.getByTestId('lesson-reveal').click();
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-phase', 'explain');
  await expect(page.getByTestId('lesson-predicted')).toHaveText('1 s');
  await expect(page.getByTestId('lesson-actual')).toHaveText(/^1\.\d+ s$/);
  await expect(page.getByTestId('lesson-verdict')).toHaveText('Close: within 25 % of the lab.');
  await expect(page.getByTestId('lesson-explain')).toContainText('gratuitous ARP');
  await expect(page.getByTestId('lesson-explain')).not.toContainText('NaN');
  await expect(page.getByTestId('card-mos')).toBeVisible();
  await page.screenshot({ path: 'test-results/lesson.png', fullPage: false });
  expect(errors).toEqual([]);
});

test('a choice lesson (TCP-only) judges the choice', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('preset').selectOption('tcp-only');
  await waitForRun(page);
  await page.getByTestId('lesson-start').click();
  await page.getByLabel('disappear').check();
  await page.getByTestId('lesson-reveal').click();
  await expect(page.getByTestId('lesson-verdict')).toHaveText('Right.');
});

test('what happened: each line is at its time, and clicking one moves the playhead there', async ({
  page,
}) => {
  await page.goto('./');
  await page.getByTestId('preset').selectOption('primary-fails');
  await waitForRun(page);
  const story = page.getByTestId('story');
  await expect(story).toContainText('30.000 s — The primary host crashes');
  const dead = story.getByRole('button', { name: /declares the primary dead/ });
  const t = Number(/^([\d.]+) s/.exec((await dead.textContent()) ?? '')?.[1]);
  expect(t).toBeGreaterThan(30);
  await dead.click();
  await expect(page.getByTestId('clock')).toContainText(`${t.toFixed(2)} s`);
});
