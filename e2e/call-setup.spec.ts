import { expect, test } from '@playwright/test';
import { collectErrors, waitForRun } from './helpers';

// Issue 8, item 7: call set-up delay over time, one step per call at the time it was dialled.
test('the SIP failover preset draws each call’s post-dial delay and set-up time, with the failover’s slow calls', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('./');
  await page.getByTestId('preset').selectOption('sip-udp-vs-tcp-failover');
  await waitForRun(page);
  const chart = page.getByTestId('chart-call-setup');
  await chart.scrollIntoViewIfNeeded();
  await expect(chart).toContainText('Call set-up delay');
  await expect(chart).toContainText('post-dial delay (INVITE → 180 Ringing)');
  // Both series are drawn as paths with points (not the empty-chart note).
  const drawn = await chart
    .locator('svg path')
    .evaluateAll(
      (ps) => ps.filter((p) => (p.getAttribute('d') ?? '').split(/[LMH V]/).length > 50).length,
    );
  expect(drawn).toBeGreaterThanOrEqual(2);
  // The y axis reaches past 1 s: calls dialled into the outage waited for Timer A's resends.
  const ticks = await chart.locator('svg text').allTextContents();
  expect(ticks.map((t) => Number(t.replace(/,/g, ''))).some((v) => v >= 1000)).toBe(true);
  await chart.screenshot({ path: 'test-results/call-setup.png' });
  // A scenario without INVITE dialogs has no such chart.
  await page.goto('./#durationS=3');
  await waitForRun(page);
  await expect(page.getByTestId('chart-call-setup')).toHaveCount(0);
  expect(errors).toEqual([]);
});
