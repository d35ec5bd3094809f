import { expect, test } from '@playwright/test';
import { collectErrors, waitForRun } from './helpers';

// Issue 9, item 7: installable, and working with the network off once loaded.
test('the lab reloads and runs with the network off once it has been loaded', async ({
  page,
  context,
}) => {
  const errors = collectErrors(page);
  await page.goto('./#durationS=5&telephony.calls=1');
  await waitForRun(page);
  // The service worker has precached the build once it is active and controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
  await waitForRun(page);

  await context.setOffline(true);
  await page.goto('./#durationS=6&telephony.calls=2');
  await page.reload();
  await waitForRun(page);
  await expect(page.locator('h1')).toHaveText('VoIP HA Lab');
  await expect(page.getByTestId('card-mos')).toBeVisible();
  await context.setOffline(false);
  expect(errors).toEqual([]);
});

test('the web app manifest makes it installable: name, start URL, standalone display, 192 and 512 px icons', async ({
  page,
}) => {
  await page.goto('./');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = (await (
    await page.request.get(new URL(href ?? '', page.url()).href)
  ).json()) as {
    name: string;
    start_url: string;
    display: string;
    icons: { src: string; sizes: string }[];
  };
  expect(manifest.name).toBe('VoIP HA Lab');
  expect(manifest.display).toBe('standalone');
  for (const size of ['192x192', '512x512']) {
    const icon = manifest.icons.find((i) => i.sizes === size);
    expect(icon, size).toBeDefined();
    const res = await page.request.get(new URL(icon?.src ?? '', page.url()).href);
    expect(res.ok()).toBe(true);
    expect(res.headers()['content-type']).toContain('image/png');
  }
});
