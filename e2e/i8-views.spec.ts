import { expect, test, type Page } from '@playwright/test';
import { findPreset, presetScenario } from '../src/sim/scenario/presets';
import { setPath } from '../src/sim/scenario/scenario';
import { encodeScenarioHash } from '../src/sim/scenario/url-codec';
import { collectErrors, waitForRun } from './helpers';

// Issue 8, item 7 (the rest): outage bars for the UDP probe and the web server, projector mode
// without the deployment editor, and a call picked for the SIP ladder by clicking its mark.

const linkOf = (id: string, set: Record<string, number | boolean> = {}): string => {
  const p = findPreset(id);
  if (!p) throw new Error(id);
  const s = Object.entries(set).reduce((acc, [k, v]) => setPath(acc, k, v), presetScenario(p));
  return encodeScenarioHash(s);
};

/** The number of seconds an outage bar writes (e.g. "0.05 s"). */
async function barSeconds(page: Page, id: string): Promise<number> {
  return Number.parseFloat(
    (await page.getByTestId(`outage-${id}`).locator('.outage-length').first().textContent()) ?? '',
  );
}

test('outage bars: the UDP probe sees the live migration’s outage, the web server the failover', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(`./${linkOf('r7-live-migration')}`);
  await waitForRun(page);
  const bars = page.getByTestId('outage-bars');
  await bars.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('outage-udp')).toHaveCount(1);
  // 35 datagrams at 100 /s lost in the migration's 0.34 s service gap (0.3 s of it the target's
  // vif plug): 0.35 s, what the probe reports.
  expect(await barSeconds(page, 'udp')).toBeCloseTo(0.35, 2);
  await expect(page.getByTestId('outage-list')).toContainText('UDP probe: out from');
  await bars.screenshot({ path: 'test-results/outage-bars-udp.png' });

  await page.goto(`./${linkOf('primary-fails', { 'web.enabled': true, 'web.rate': 200 })}`);
  await waitForRun(page);
  await bars.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('outage-web')).toHaveCount(1);
  // From the crash at 30 s to the clients following the ARP ≈ 0.82 s later.
  const web = await barSeconds(page, 'web');
  expect(web).toBeGreaterThan(0.7);
  expect(web).toBeLessThan(0.9);
  await bars.screenshot({ path: 'test-results/outage-bars-web.png' });
  expect(errors).toEqual([]);
});

test('projector mode hides the deployment editor; hide=deployment hides it beside the parameters', async ({
  page,
}) => {
  await page.goto(`./${linkOf('r6-split')}`);
  await waitForRun(page);
  await expect(page.getByTestId('failure-list')).toHaveCount(1);
  await expect(page.getByTestId('host-table')).toHaveCount(1);
  await page.goto(`./${linkOf('r6-split')}&hide=deployment`);
  await page.reload();
  await waitForRun(page);
  await expect(page.locator('aside.params')).toBeVisible();
  await expect(page.getByTestId('failure-list')).toHaveCount(0);
  await expect(page.getByTestId('host-table')).toHaveCount(0);
  await expect(page.getByTestId('vm-deploy-table')).toHaveCount(0);
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(`./${linkOf('r6-split')}&projector=1`);
  await page.reload();
  // Projector mode hides the run footer (the trace hash): wait for the charts.
  await expect(page.locator('section.charts')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('failure-list')).toHaveCount(0);
  await expect(page.getByTestId('host-table')).toHaveCount(0);
  await expect(page.getByTestId('timeline')).toBeVisible();
  await page.screenshot({ path: 'test-results/projector-no-deployment.png' });
});

test('a call picked by clicking its mark on the timeline shows in the SIP ladder', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('./');
  await page.getByTestId('preset').selectOption('sip-udp-vs-tcp-failover');
  await waitForRun(page);
  const marks = page.getByTestId('call-marks');
  await marks.scrollIntoViewIfNeeded();
  const count = Number(await marks.getAttribute('data-count'));
  expect(count).toBeGreaterThan(3);
  // The third call's mark: the ladder switches to it (not the list's first).
  const clock = await page.getByTestId('clock').textContent();
  const mark = page.getByTestId('call-mark-3');
  await mark.click();
  await expect(mark).toHaveClass(/picked/);
  const select = page.getByTestId('sip-ladder-select');
  await expect(select.locator('option:checked')).toHaveText(/^Call 3 —/);
  const ladder = page.getByTestId('sip-ladder');
  await expect(ladder.getByTestId('sip-arrow').first()).toHaveAttribute('data-label', 'INVITE');
  await page.screenshot({ path: 'test-results/call-mark-picked.png' });
  await page.getByTestId('timeline').screenshot({ path: 'test-results/call-marks-lane.png' });
  await ladder.screenshot({ path: 'test-results/call-mark-ladder.png' });
  // The playhead did not move: a mark is a pick, not a scrub.
  await expect(page.getByTestId('clock')).toHaveText(clock ?? '');
  // With the ladder showing only troubled exchanges, clicking a call without trouble clears that
  // filter, so the ladder shows what was clicked.
  const filter = page.getByLabel('only those with resent or lost copies');
  await filter.check();
  const mark4 = page.getByTestId('call-mark-4');
  await expect(mark4).not.toHaveClass(/troubled/);
  await mark4.click();
  await expect(filter).not.toBeChecked();
  await expect(select.locator('option:checked')).toHaveText(/^Call 4 —/);
  expect(errors).toEqual([]);
});
