import { expect, test } from '@playwright/test';
import { waitForRun } from './helpers';

// Issue 9, item 5: undo and redo of edits, and Reset.
test('Ctrl+Z undoes an edit, Ctrl+Shift+Z redoes it, Reset returns to the preset', async ({
  page,
}) => {
  await page.goto('./');
  await page.getByTestId('preset').selectOption('remus-bursts');
  await waitForRun(page);
  const seed = page.getByRole('spinbutton', { name: 'Seed' });
  await expect(seed).toHaveValue('1');
  await seed.fill('7');
  await seed.press('Enter');
  await expect(page).toHaveURL(/seed=7/);
  await page.waitForTimeout(700); // a separate step from the next edit
  const dur = page.getByRole('spinbutton', { name: /Simulated time/ });
  await dur.fill('9');
  await dur.press('Enter');
  await expect(page).toHaveURL(/durationS=9/);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page).not.toHaveURL(/durationS=9/);
  await expect(page).toHaveURL(/seed=7/);
  await page.keyboard.press('Control+z');
  await expect(page).not.toHaveURL(/seed=7/);
  await expect(page.getByTestId('preset')).toHaveValue('remus-bursts');
  await page.keyboard.press('Control+Shift+z');
  await expect(page).toHaveURL(/seed=7/);
  await page.getByTestId('reset').click();
  await expect(page).not.toHaveURL(/seed=7/);
  await expect(page.getByTestId('preset')).toHaveValue('remus-bursts');
  await waitForRun(page);
  await page.getByTestId('undo').click();
  await expect(page).toHaveURL(/seed=7/);
});

test('Ctrl+Z works on a focused slider (it is not a text field)', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('preset').selectOption('remus-bursts');
  await waitForRun(page);
  const slider = page.locator('input[type=range][data-path="replication.intervalMs"]');
  const before = await slider.inputValue();
  await slider.focus();
  await page.keyboard.press('End');
  await expect(page).toHaveURL(/intervalMs=2000/);
  await page.keyboard.press('Control+z');
  await expect(page).not.toHaveURL(/intervalMs=2000/);
  await expect(slider).toHaveValue(before);
});

test('a hand edit of the address with no scenario key keeps the scenario and says so', async ({
  page,
}) => {
  await page.goto('./#v=4&telephony.calls=7');
  await waitForRun(page);
  // A view key alone changes the view, not the scenario.
  await page.evaluate(() => (window.location.hash = '#projector=1'));
  await expect(page).toHaveURL(/projector=1/);
  await expect(page).toHaveURL(/telephony\.calls=7/);
  // Garbage is refused whole: the scenario and the view (projector mode) stay.
  await page.evaluate(() => (window.location.hash = '#total-garbage&&&==='));
  await expect(page.getByTestId('notice-refusal')).toContainText('no scenario field');
  await expect(page.getByTestId('notice-refusal')).toContainText('total-garbage');
  await expect(page).toHaveURL(/telephony\.calls=7/);
  await expect(page).toHaveURL(/projector=1/);
  // A link with a scenario key is a whole scenario, as ever: calls go back to the default.
  await page.evaluate(() => (window.location.hash = '#v=4&seed=5'));
  await expect(page).toHaveURL(/seed=5/);
  await expect(page).not.toHaveURL(/telephony\.calls=7/);
});
