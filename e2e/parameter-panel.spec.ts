import { expect, test } from '@playwright/test';
import { waitForRun } from './helpers';

// A helper trying the lab as a new user could not switch on a second probe: the focused field's
// help opened in the flow on a mouse's focus, and a click on the next switch closed it and moved
// the switch between press and release.
test('switches in a group toggle one after another, keyboard focus opens the help, the group stays open', async ({
  page,
}) => {
  await page.goto('./#durationS=3');
  await waitForRun(page);
  const group = page.locator('details.group-probes');
  await group.locator('summary').click();
  const probes = ['ping', 'udp', 'web', 'tcp'];
  for (const k of probes) {
    await page.locator(`[data-path="${k}.enabled"]`).click();
    await expect(page.locator(`[data-path="${k}.enabled"]`)).toBeChecked();
  }
  await expect(page).toHaveURL(
    /ping\.enabled=true.*udp\.enabled=true.*web\.enabled=true.*tcp\.enabled=true/,
  );

  // The keyboard's focus opens a field's help; a mouse's does not (it would close on the next
  // click and move the field clicked), hover does.
  const ping = page.locator('[data-path="ping.enabled"]');
  const help = page.locator('.field', { has: ping }).locator('.help');
  await page.mouse.move(5, 5);
  await expect(help).toBeHidden();
  await ping.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(ping).toBeFocused();
  await expect(help).toBeVisible();
  await page.mouse.move(8, 8);
  await expect(help).toBeHidden();
  await ping.hover();
  await expect(help).toBeVisible();

  // Back to the defaults: the group the reader is working in stays open.
  for (const k of probes) await page.locator(`[data-path="${k}.enabled"]`).click();
  for (const k of probes)
    await expect(page.locator(`[data-path="${k}.enabled"]`)).not.toBeChecked();
  await expect(group).toHaveAttribute('open', '');
});
