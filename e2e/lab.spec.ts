import { expect, test } from '@playwright/test';
import { runToEnd } from '../src/sim/run';
import { decodeScenarioHash } from '../src/sim/scenario/url-codec';
import { cardNumber, collectErrors, paintedPixels, waitForRun } from './helpers';

test('the lab opens with timelines and charts populated', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await waitForRun(page);
  expect(await paintedPixels(page)).toBeGreaterThan(5000);
  for (const id of ['chart-jitter', 'chart-loss', 'chart-delay', 'chart-sip']) {
    const n = Number(await page.getByTestId(id).getAttribute('data-points'));
    expect(n, id).toBeGreaterThan(10);
  }
  await expect(page.getByTestId('card-gap')).toContainText('s');
  await expect(page.getByTestId('card-sip')).toContainText('100.0 %');
  expect(await page.locator('body').innerText()).not.toContain('NaN');
  await page.screenshot({ path: 'test-results/screens/opened.png' });
  expect(errors).toEqual([]);
});

test('the trace hash in Chromium equals the Node run of the same scenario', async ({ page }) => {
  const hash =
    '#v=1&durationS=12&replication.intervalMs=250&telephony.calls=2&telephony.registerRate=40&failure.crash=true&failure.atS=6&seed=7';
  await page.goto(`/${hash}`);
  await waitForRun(page);
  const inBrowser = await page.getByTestId('trace-hash').textContent();
  const node = runToEnd(decodeScenarioHash(hash).scenario);
  expect(inBrowser).toBe(node.traceHash);
});

test('dragging the checkpoint interval on the timeline changes the burst size on screen', async ({
  page,
}) => {
  await page.goto('/#v=1&durationS=20&replication.intervalMs=400');
  await waitForRun(page);
  const before = await cardNumber(page, 'burst');
  expect(before).toBeGreaterThan(18);
  expect(before).toBeLessThan(23);
  const grip = page.getByTestId('interval-handle').locator('rect.grip');
  const box = await grip.boundingBox();
  if (!box) throw new Error('no interval handle');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  // About +0.3 s on a 20 s axis: the interval grows to ≈ 700 ms.
  await page.mouse.move(box.x + box.width / 2 + 18, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  await waitForRun(page);
  const interval = Number(/replication\.intervalMs=(\d+)/.exec(page.url())?.[1]);
  expect(interval).toBeGreaterThan(550);
  expect(interval).toBeLessThan(950);
  const after = await cardNumber(page, 'burst');
  expect(after).toBeGreaterThan(before + 5);
  // ≈ (interval + checkpoint time) / 20 ms, as in R5.
  expect(Math.abs(after - interval / 20)).toBeLessThan(3);
  await page.screenshot({ path: 'test-results/screens/dragged-interval.png' });
});

test('dragging the failure marker injects a crash at that time', async ({ page }) => {
  await page.goto('/#v=1&durationS=20&replication.intervalMs=200');
  await waitForRun(page);
  await expect(page.getByTestId('card-gap')).toHaveCount(0);
  const grip = page.getByTestId('failure-handle').locator('path.grip');
  const box = await grip.boundingBox();
  if (!box) throw new Error('no failure handle');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 150, box.y + box.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect(page).toHaveURL(/failures\.f1\.kind=host-crash/);
  await waitForRun(page);
  await expect(page.getByTestId('card-gap')).toBeVisible();
  const gap = await cardNumber(page, 'gap');
  expect(gap).toBeGreaterThan(0.7);
  expect(gap).toBeLessThan(1.3);
});

test('a shared URL opens the same state and the same numbers', async ({ page, browser }) => {
  await page.goto('/');
  await page.getByTestId('preset').selectOption('heartbeat-failover');
  await waitForRun(page);
  await page.locator('input[type=range][data-path="telephony.calls"]').fill('3');
  await expect(page).toHaveURL(/telephony\.calls=3/);
  await waitForRun(page);
  const url = page.url();
  const hash = await page.getByTestId('trace-hash').textContent();
  const cards = await page.locator('.cards').innerText();
  const other = await browser.newPage();
  await other.goto(url);
  await waitForRun(other);
  expect(await other.getByTestId('trace-hash').textContent()).toBe(hash);
  expect(await other.locator('.cards').innerText()).toBe(cards);
  await expect(other.locator('input[type=range][data-path="telephony.calls"]')).toHaveValue('3');
  await expect(other.locator('select[data-path="failure.detector"]')).toHaveValue('heartbeat');
  await other.close();
});

test('a malformed or hostile link shows a clear notice and the default scenario, never a blank page or NaN', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const bad = [
    '#v=1&replication.intervalMs=%E0%A4%A&telephony.calls=abc',
    '#__proto__.x=1&constructor.prototype.y=2',
    '#v=1&replication.policy=<img src=x onerror=alert(1)>',
    '#v=1&durationS=1e309&failure.atS=-5',
    '#' + 'a='.repeat(5000),
  ];
  for (const h of bad) {
    await page.goto(`/${h}`);
    await expect(page.getByTestId('notices')).toBeVisible();
    await waitForRun(page);
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('NaN');
    expect(text).toContain('Everything else was kept');
    expect(await paintedPixels(page)).toBeGreaterThan(1000);
  }
  // A partly good link keeps the good part.
  await page.goto('/#v=1&telephony.calls=4&replication.intervalMs=fast');
  await expect(page.getByTestId('notices')).toContainText('Checkpoint interval');
  await expect(page.locator('input[type=range][data-path="telephony.calls"]')).toHaveValue('4');
  await page.screenshot({ path: 'test-results/screens/bad-link.png' });
  expect(errors).toEqual([]);
});

test('sliders and timeline handles work from the keyboard', async ({ page }) => {
  await page.goto('/#v=1&durationS=10&replication.intervalMs=400');
  await waitForRun(page);
  const slider = page.locator('input[type=range][data-path="replication.intervalMs"]');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/replication\.intervalMs=410/);
  await expect(page.locator('input[data-path-box="replication.intervalMs"]')).toHaveValue('410');
  const handle = page.getByTestId('interval-handle');
  await handle.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/replication\.intervalMs=405/);
  await expect(handle).toHaveAttribute('aria-valuenow', '405');
  // The number box refuses nonsense visibly and keeps the value (open its group first, as a person would).
  await page.locator('summary', { hasText: 'Telephony' }).click();
  const box = page.locator('input[data-path-box="telephony.calls"]');
  await box.fill('');
  await box.press('Enter');
  // Said next to the field (interaction.spec.ts checks it keeps a value other than the default).
  await expect(box.locator('xpath=..').getByRole('status')).toHaveText(
    'Not a number; kept 1 calls.',
  );
  await expect(page.locator('input[type=range][data-path="telephony.calls"]')).toHaveValue('1');
  // Out of range: clamped, and the notice says so; then nonsense: the notice about the earlier
  // value goes, the field's own note stays. A fraction of a call is rounded, and said.
  await box.fill('-3');
  await box.press('Enter');
  await expect(page.getByTestId('notices')).toContainText('outside');
  await box.fill('');
  await box.pressSequentially('abc');
  await box.press('Enter');
  await expect(page.getByTestId('notices')).toHaveCount(0);
  await expect(box.locator('xpath=..').getByRole('status')).toHaveText(
    'Not a number; kept 0 calls.',
  );
  await box.fill('2.5');
  await box.press('Enter');
  await expect(box.locator('xpath=..').getByRole('status')).toHaveText(
    'Whole numbers only; used 3 calls.',
  );
  await expect(page).toHaveURL(/telephony\.calls=3/);
});

test('playback moves the playhead over results computed ahead', async ({ page }) => {
  await page.goto('/#v=1&durationS=10');
  await waitForRun(page);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByTestId('clock')).toHaveText(/^0\.00 s/);
  const clock = async () =>
    Number.parseFloat((await page.getByTestId('clock').textContent()) ?? '0');
  await page.getByTestId('play').click();
  // Playback runs on wall time: on a busy machine 600 ms may play less, so wait for it to move.
  await expect.poll(clock, { timeout: 10_000 }).toBeGreaterThan(0.5);
  await page.getByTestId('play').click();
  const t = await clock();
  expect(t).toBeGreaterThan(0.5);
  expect(t).toBeLessThan(10);
  await page.keyboard.press('.');
  await expect(page.getByTestId('clock')).not.toHaveText(/^0\.00 s/);
});
