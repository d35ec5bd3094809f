import { expect, test } from '@playwright/test';
import { waitForRun } from './helpers';

// Issue 9, item 5: a `?` overlay listing every key.
test('? opens the list of keys, Esc closes it, and a field keeps its ? as text', async ({
  page,
}) => {
  await page.goto('./#durationS=3');
  await waitForRun(page);
  const help = page.getByTestId('key-help');
  await expect(help).toBeHidden();
  await page.locator('body').press('?');
  await expect(help).toBeVisible();
  await expect(help.locator('tbody tr')).toHaveCount(13);
  // It opens at its heading (showModal alone focused Close and scrolled the heading away at 720 px).
  await expect(help.getByRole('heading', { name: 'Keyboard' })).toBeFocused();
  await expect(help.getByRole('heading', { name: 'Keyboard' })).toBeInViewport();
  await expect(help).toContainText('play or pause the run');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await page.getByTestId('keys-open').click();
  await expect(help).toBeVisible();
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();
  // Typing ? into a field is text, not a command.
  await page.locator('input[type="number"]').first().press('?');
  await expect(help).toBeHidden();
});
