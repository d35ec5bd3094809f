import { expect, test } from '@playwright/test';
import { collectErrors, waitForRun } from './helpers';

// Issue 8, item 7: the SIP ladder of a call picked from the list, with the failover on it.
test('SIP ladder: a call picked from the list shows INVITE … BYE; a retransmitted one shows the failover', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('./');
  await page.getByTestId('preset').selectOption('sip-udp-vs-tcp-failover');
  await waitForRun(page);
  const ladder = page.getByTestId('sip-ladder');
  await expect(ladder).toBeVisible();
  const select = page.getByTestId('sip-ladder-select');
  // The first call starts near 0 s and hangs up 10 s later, before the crash at 15 s.
  const first = await select.locator('option', { hasText: /^Call 1 —/ }).getAttribute('value');
  expect(first).not.toBeNull();
  await select.selectOption(first as string);
  const labels = await ladder
    .getByTestId('sip-arrow')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-label')));
  expect(labels).toEqual([
    'INVITE',
    '100 Trying (INVITE)',
    '180 Ringing (INVITE)',
    '200 OK (INVITE)',
    'ACK',
    'BYE',
    '200 OK (BYE)',
  ]);
  await page.screenshot({ path: 'test-results/sip-ladder-call.png', fullPage: false });
  await ladder.scrollIntoViewIfNeeded();
  await ladder.screenshot({ path: 'test-results/sip-ladder-call-panel.png' });

  // Keyboard: only the troubled exchanges, then step with the buttons; one spanning the crash
  // shows the failover band and dashed retransmissions.
  await page.getByLabel('only those with resent or lost copies').check();
  await select.focus();
  const calls = await select.locator('option', { hasText: /^Call/ }).count();
  expect(calls).toBeGreaterThan(0);
  await expect(ladder.getByTestId('sip-ladder-failover')).toBeVisible();
  await expect(ladder.locator('line[stroke-dasharray]').first()).toBeVisible();
  await ladder.screenshot({ path: 'test-results/sip-ladder-failover.png' });
  await page.getByRole('button', { name: 'Next call or registration' }).press('Enter');
  await expect(ladder.getByTestId('sip-arrow').first()).toBeVisible();

  // Picked on the timeline: move the playhead (here from the story), then take what started there.
  await page.getByLabel('only those with resent or lost copies').uncheck();
  await page
    .getByTestId('story')
    .getByRole('button', { name: /declares the primary dead/ })
    .click();
  const clock = Number(
    /([\d.]+) s/.exec((await page.getByTestId('clock').textContent()) ?? '')?.[1],
  );
  await page.getByTestId('sip-ladder-at-playhead').click();
  const chosen = (await select.locator('option:checked').textContent()) ?? '';
  const startedS = Number(/at ([\d.]+) s/.exec(chosen)?.[1]);
  expect(startedS).toBeLessThanOrEqual(clock + 0.01);
  expect(startedS).toBeGreaterThan(clock - 0.5);
  expect(errors).toEqual([]);
});
