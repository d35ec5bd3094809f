import { expect, test } from '@playwright/test';
import { waitForRun } from './helpers';

// A helper trying the lab as a new user could not switch on a second probe: the focused field's
// help opened in the flow, and a click on the next switch moved it between press and release.
test('switches in a group toggle one after another, the help covers without moving, the group stays open', async ({
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

  // Focus shows a field's help, over the field below: that field does not move.
  const ping = page.locator('[data-path="ping.enabled"]');
  const next = page.locator('[data-path="udp.enabled"]');
  const gap = async () =>
    ((await next.boundingBox())?.y ?? NaN) - ((await ping.boundingBox())?.y ?? NaN);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const before = await gap();
  await ping.focus();
  const help = page.locator('.field', { has: ping }).locator('.help');
  await expect(help).toBeVisible();
  expect(await gap()).toBe(before);

  // Back to the defaults: the group the reader is working in stays open.
  for (const k of probes) await page.locator(`[data-path="${k}.enabled"]`).click();
  for (const k of probes)
    await expect(page.locator(`[data-path="${k}.enabled"]`)).not.toBeChecked();
  await expect(group).toHaveAttribute('open', '');
});
