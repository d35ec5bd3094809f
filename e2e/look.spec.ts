import { expect, test } from '@playwright/test';

test('screenshot', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('trace-hash')).toBeVisible();
  await page.screenshot({ path: 'test-results/look.png', fullPage: false });
  await page.goto('/#v=1&durationS=20&replication.intervalMs=400&host.burners=2');
  await expect(page.getByTestId('trace-hash')).toBeVisible();
  const tl = page.getByTestId('timeline');
  await tl.focus();
  for (let i = 0; i < 7; i++) await page.keyboard.press('+');
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'test-results/look-zoom.png', fullPage: false });
});
