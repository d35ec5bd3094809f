import { expect, test } from '@playwright/test';
import { waitForRun } from './helpers';

test('dragging an SLA line changes the DBA-VM allocation', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('preset').selectOption('r4-dba');
  await waitForRun(page);
  const row = page.locator('[data-testid="nic-table"] tr[data-vm="vm2"]');
  const before = Number(await row.getAttribute('data-alloc-mbps'));
  expect(before).toBeCloseTo(700, 0);
  await page.screenshot({ path: 'test-results/screens/dba-before.png', fullPage: true });

  const grip = page.getByTestId('sla-chart-nic-mbps-vm2').locator('rect.sla-grip');
  await grip.scrollIntoViewIfNeeded();
  const box = await grip.boundingBox();
  if (!box) throw new Error('no SLA grip');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 60, { steps: 6 });
  await page.mouse.up();
  await expect(page).not.toHaveURL(/vms\.vm2\.slaMbps=700/);
  await waitForRun(page);
  const sla = Number(/vms\.vm2\.slaMbps=(\d+)/.exec(page.url())?.[1]);
  expect(sla).toBeLessThan(650);
  const after = Number(await row.getAttribute('data-alloc-mbps'));
  expect(after).toBeCloseTo(sla, 0);
  expect(Number(await row.getAttribute('data-sent-mbps'))).toBeLessThan(sla + 5);
  await page.screenshot({ path: 'test-results/screens/dba-after.png', fullPage: true });
});

test('SLA lines move from the keyboard too', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('preset').selectOption('r4-dba');
  await waitForRun(page);
  const handle = page.getByTestId('sla-chart-nic-kpps-vm1');
  await handle.focus();
  await page.keyboard.press('ArrowUp');
  await expect(page).toHaveURL(/vms\.vm1\.slaKpps=21/);
  await waitForRun(page);
  await expect(handle).toHaveAttribute('aria-valuenow', '21');
});
